import Foundation
import GRDB

/// The report's one door to the database: named queries (in `Report/Queries/*.swift`)
/// that return plain values. Pages and views never see SQL, rows or the connection; a test
/// (`ReportArchitectureTests`) keeps it that way.
struct ReportQueries {
    /// The read-only connection of the render.
    let db: Database

    /// Queries over `db`.
    init(_ db: Database) {
        self.db = db
    }

    /// Runs `body` with queries over one read transaction of `store` (one consistent view
    /// of the data for the whole report).
    static func read(from store: ReportStore, _ body: (ReportQueries) throws -> Void) throws {
        try store.queue.read { db in
            // The pages read most of the database, several times: a larger page cache (16 MB)
            // saves re-reading it from the OS, within the memory budget.
            try? db.execute(sql: "PRAGMA cache_size = -16000")
            try body(ReportQueries(db))
        }
    }
}
