import GRDB
import GRDBSQLite

extension Statement {
    /// Steps through the rows of this statement with SQLite's C API, calling `body` on each,
    /// which reads the columns from `sqliteStatement`: for the few scans of hundreds of
    /// thousands of rows where GRDB's `Row` per row costs more than the query.
    func forEachRawRow(in db: Database, _ body: () throws -> Void) throws {
        while true {
            let result = sqlite3_step(sqliteStatement)
            if result == SQLITE_DONE { return }
            guard result == SQLITE_ROW else {
                throw DatabaseError(resultCode: ResultCode(rawValue: result), message: db.lastErrorMessage, sql: sql)
            }
            try body()
        }
    }
}
