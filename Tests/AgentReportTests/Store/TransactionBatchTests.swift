import GRDB
import Testing

@testable import AgentReport

/// `TransactionBatch`: savepoints inside few transactions, a commit at the limit.
@Suite struct TransactionBatchTests {
    func table() throws -> DatabaseQueue {
        let queue = try DatabaseQueue()
        try queue.write { db in try db.execute(sql: "CREATE TABLE t (n INTEGER NOT NULL)") }
        return queue
    }

    @Test func aWriteThatThrowsIsRolledBackAloneAndTheOthersStay() throws {
        let queue = try table()
        let counter = CommitCounter()
        queue.add(transactionObserver: counter)
        struct Stop: Error {}
        try queue.writeWithoutTransaction { db in
            var batch = TransactionBatch(db, limit: 1_000)
            try batch.write(units: 1) { try $0.execute(sql: "INSERT INTO t VALUES (1)") }
            #expect(throws: Stop.self) {
                try batch.write(units: 1) { db in
                    try db.execute(sql: "INSERT INTO t VALUES (2)")
                    throw Stop()
                }
            }
            try batch.write(units: 1) { try $0.execute(sql: "INSERT INTO t VALUES (3)") }
            #expect(batch.pending == 2)
            try batch.commit()
        }
        #expect(try queue.read { try Int.fetchAll($0, sql: "SELECT n FROM t ORDER BY n") } == [1, 3])
        #expect(counter.commits == 1)
    }

    @Test func itCommitsEachTimeTheLimitIsReachedAndRollBackDropsOnlyTheOpenPart() throws {
        let queue = try table()
        let counter = CommitCounter()
        queue.add(transactionObserver: counter)
        try queue.writeWithoutTransaction { db in
            var batch = TransactionBatch(db, limit: 10)
            for n in 1...7 {
                try batch.write(units: 4) { try $0.execute(sql: "INSERT INTO t VALUES (?)", arguments: [n]) }
            }
            // Commits after 3 writes (12 units) and 6 writes (24): the 7th is still open.
            #expect(counter.commits == 2)
            #expect(batch.pending == 4)
            batch.rollBack()
        }
        #expect(try queue.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM t") } == 6)
    }
}

/// Counts the commits of a database (a GRDB transaction observer).
final class CommitCounter: TransactionObserver, @unchecked Sendable {
    private(set) var commits = 0
    func observes(eventsOfKind eventKind: DatabaseEventKind) -> Bool { true }
    func databaseDidChange(with event: DatabaseEvent) {}
    func databaseDidCommit(_ db: Database) { commits += 1 }
    func databaseDidRollback(_ db: Database) {}
}

/// `Database.withPragmas`: set for the body, put back after, also when it throws.
@Suite struct DatabasePragmasTests {
    @Test func pragmasArePutBackAfterTheBodyEvenWhenItThrows() throws {
        let queue = try DatabaseQueue()
        struct Stop: Error {}
        try queue.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA cache_size = -2000")
            let inside = try db.withPragmas(["cache_size": -16384, "temp_store": 2]) {
                (try Int.fetchOne(db, sql: "PRAGMA cache_size"), try Int.fetchOne(db, sql: "PRAGMA temp_store"))
            }
            #expect(inside.0 == -16384 && inside.1 == 2)
            #expect(try Int.fetchOne(db, sql: "PRAGMA cache_size") == -2000)
            #expect(try Int.fetchOne(db, sql: "PRAGMA temp_store") == 0)
            #expect(throws: Stop.self) { try db.withPragmas(["cache_size": -4096]) { throw Stop() } }
            #expect(try Int.fetchOne(db, sql: "PRAGMA cache_size") == -2000)
        }
    }
}
