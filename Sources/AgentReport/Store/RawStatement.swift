import GRDB
import GRDBSQLite

/// A prepared statement bound and stepped with SQLite's C API, for inserts done once per
/// input record on a hot path (a session log's requests and tool calls): GRDB's
/// `StatementArguments` of existential values, and their redaction by casting each value,
/// were about 15 % of the usage ingest (perf, 1 GB of session logs).
///
/// Every text still goes through the store's one secret check (`SecretRedactor`, as in
/// `StatementArguments.redacted`), so nothing bound here can store a secret the rest of the
/// store would not. Bind every parameter (1-based, as SQLite numbers them) before `step()`.
struct RawStatement {
    private let statement: GRDB.Statement
    private let db: Database

    /// `statement` of `db` (from `db.cachedStatement`), reset and ready to be bound.
    init(_ statement: GRDB.Statement, in db: Database) throws {
        self.statement = statement
        self.db = db
        try check(sqlite3_reset(statement.sqliteStatement), "reset")
    }

    /// Binds a text, redacted when it holds a secret; NULL for nil.
    func bind(_ index: Int32, _ text: String?) throws {
        guard let text else { return try check(sqlite3_bind_null(statement.sqliteStatement, index), "bind") }
        let stored = SecretRedactor.redactedIfNeeded(text) ?? text
        try check(sqlite3_bind_text(statement.sqliteStatement, index, stored, -1, Self.transient), "bind")
    }

    /// Binds an integer.
    func bind(_ index: Int32, _ value: Int64) throws {
        try check(sqlite3_bind_int64(statement.sqliteStatement, index, value), "bind")
    }

    /// Binds a boolean as 0 or 1.
    func bind(_ index: Int32, _ value: Bool) throws {
        try bind(index, Int64(value ? 1 : 0))
    }

    /// Binds a real; NULL for nil.
    func bind(_ index: Int32, _ value: Double?) throws {
        guard let value else { return try check(sqlite3_bind_null(statement.sqliteStatement, index), "bind") }
        try check(sqlite3_bind_double(statement.sqliteStatement, index, value), "bind")
    }

    /// Runs the statement; returns the number of rows it changed.
    func step() throws -> Int {
        let code = sqlite3_step(statement.sqliteStatement)
        guard code == SQLITE_DONE else { throw failure(code) }
        return Int(sqlite3_changes(db.sqliteConnection))
    }

    /// SQLITE_TRANSIENT: SQLite copies the bytes before the call returns.
    static var transient: sqlite3_destructor_type { unsafeBitCast(-1, to: sqlite3_destructor_type.self) }

    private func check(_ code: Int32, _ what: String) throws {
        guard code == SQLITE_OK else { throw failure(code) }
    }

    /// The SQLite error with its extended result code: a full disk or an I/O error must stop
    /// the run (`StorageFault`), not pass for a bad input.
    private func failure(_ code: Int32) -> DatabaseError {
        DatabaseError(
            resultCode: ResultCode(rawValue: sqlite3_extended_errcode(db.sqliteConnection)),
            message: String(cString: sqlite3_errmsg(db.sqliteConnection)), sql: statement.sql)
    }
}
