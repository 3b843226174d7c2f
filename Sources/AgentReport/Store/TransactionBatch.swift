import GRDB

/// Many small writes in few transactions: each `write` is a savepoint of the open
/// transaction (all of it or none of it is kept), and the transaction is committed once
/// `limit` units (bytes of input, for the sources) have been written in it.
///
/// Why: in SQLite's rollback-journal mode every commit waits for the disk (`fsync` of the
/// journal and the database), and one commit per file made the usage source wait on the
/// disk for about a third of its run over 2,000 session logs. A savepoint costs no `fsync`.
/// What a write stores together (a chunk's rows and its file's read position) stays
/// together: a failed run loses at most the uncommitted batch, and the next run reads it
/// again from the positions committed with it.
struct TransactionBatch {
    /// The connection, inside `GRDB`'s `writeWithoutTransaction`.
    let db: Database
    /// Units written before a commit.
    let limit: Int
    /// Units written since the last commit.
    private(set) var pending = 0

    /// A batch on `db`, which must not be inside a transaction yet.
    init(_ db: Database, limit: Int) {
        self.db = db
        self.limit = limit
    }

    /// Runs `body` in a savepoint (rolled back, and its error rethrown, when it throws),
    /// counts `units`, and commits when `limit` is reached.
    mutating func write(units: Int, _ body: (Database) throws -> Void) throws {
        if !db.isInsideTransaction { try db.beginTransaction(.immediate) }
        try db.inSavepoint {
            try body(db)
            return .commit
        }
        pending += units
        if pending >= limit { try commit() }
    }

    /// Commits what was written (nothing to do when nothing was).
    mutating func commit() throws {
        if db.isInsideTransaction { try db.commit() }
        pending = 0
    }

    /// Drops what was written since the last commit (after an error that stops the run).
    mutating func rollBack() {
        if db.isInsideTransaction { try? db.rollback() }
        pending = 0
    }
}
