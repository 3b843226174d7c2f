import GRDB

extension Database {
    /// Runs `body` with the integer pragmas `pragmas` set on this connection (e.g.
    /// `cache_size: -16384`), putting each back to the value it had afterwards, whatever
    /// `body` does. For the few stages that need a bigger page cache or an in-memory
    /// temporary store for one bulk write (git ingest, session-log ingest).
    func withPragmas<T>(_ pragmas: KeyValuePairs<String, Int>, _ body: () throws -> T) throws -> T {
        var previous: [(name: String, value: Int)] = []
        defer {
            for pragma in previous.reversed() { try? execute(sql: "PRAGMA \(pragma.name) = \(pragma.value)") }
        }
        for (name, value) in pragmas {
            if let old = try Int.fetchOne(self, sql: "PRAGMA \(name)") { previous.append((name, old)) }
            try execute(sql: "PRAGMA \(name) = \(value)")
        }
        return try body()
    }
}
