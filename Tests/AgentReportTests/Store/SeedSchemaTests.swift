import Foundation
import GRDB
import Testing

@testable import AgentReport

/// The migrated database keeps the seed schema exactly: every table, column, type,
/// default and index of `seed-schema.sql` (a copy is in the fixtures).
@Suite struct SeedSchemaTests {
    static let seedTables = ["agent_metrics", "task_events", "git_commits", "system_health", "rag_metrics", "alerts", "schema_version"]

    func seedDatabase() throws -> DatabaseQueue {
        let url = Fixtures.url("seed-schema.sql")
        let sql = try String(contentsOf: url, encoding: .utf8)
        let queue = try DatabaseQueue()
        try queue.write { db in try db.execute(sql: sql) }
        return queue
    }

    func columns(_ db: Database, _ table: String) throws -> [[String]] {
        try Row.fetchAll(db, sql: "PRAGMA table_info(\(table))").map { row in
            [row["name"], row["type"], "\(row["notnull"] as Int)", row["dflt_value"] as String? ?? "NULL", "\(row["pk"] as Int)"]
        }
    }

    func indexes(_ db: Database, _ table: String) throws -> [String: String] {
        var result: [String: String] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL", arguments: [table]) {
            result[row["name"]] = (row["sql"] as String).replacingOccurrences(of: "\\s+", with: " ", options: .regularExpression)
        }
        return result
    }

    @Test(arguments: seedTables)
    func everySeedColumnIsKeptWithItsTypeDefaultAndPosition(table: String) throws {
        let seed = try seedDatabase()
        let migrated = try ReportStore.inMemory()
        let expected = try seed.read { try columns($0, table) }
        let actual = try migrated.queue.read { try columns($0, table) }
        #expect(!expected.isEmpty)
        #expect(Array(actual.prefix(expected.count)) == expected, "seed columns of \(table) changed")
    }

    @Test(arguments: seedTables)
    func everySeedIndexIsKeptExactly(table: String) throws {
        let seed = try seedDatabase()
        let migrated = try ReportStore.inMemory()
        let expected = try seed.read { try indexes($0, table) }
        let actual = try migrated.queue.read { try indexes($0, table) }
        for (name, sql) in expected {
            #expect(actual[name] == sql, "index \(name) differs")
        }
    }

    @Test func everyMigrationRecordsItsSchemaVersion() throws {
        let store = try ReportStore.inMemory()
        let versions = try store.queue.read { try Int.fetchAll($0, sql: "SELECT version FROM schema_version ORDER BY version") }
        #expect(versions == Migrations.all.map(\.version).sorted())
        #expect(Set(Migrations.all.map(\.name)).count == Migrations.all.count)
    }

    @Test func aDatabaseFromANewerVersionIsRefused() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("newer-\(UUID().uuidString).sqlite").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        do {
            let store = try ReportStore.openForWriting(at: path)
            try store.queue.write { db in
                try db.execute(sql: "INSERT INTO schema_version (version, description) VALUES (999, 'from the future')")
            }
        }
        #expect {
            try ReportStore.openForWriting(at: path)
        } throws: { error in
            "\(error)".contains("newer agentreport")
        }
        #expect(throws: StoreError.self) { try ReportStore.openForReading(at: path) }
    }

    @Test func reopeningMigratesNothingTwice() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("twice-\(UUID().uuidString).sqlite").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        _ = try ReportStore.openForWriting(at: path)
        let store = try ReportStore.openForWriting(at: path)
        let count = try store.queue.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM schema_version") }
        #expect(count == Migrations.all.count)
    }
}
