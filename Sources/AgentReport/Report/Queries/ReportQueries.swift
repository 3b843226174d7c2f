import Foundation
import GRDB

/// The report's one door to the database: named queries (in `Report/Queries/*.swift`)
/// that return plain values. Pages and views never see SQL, rows or the connection; a test
/// (`ReportArchitectureTests`) keeps it that way.
struct ReportQueries {
    /// The read-only connection of the render.
    let db: Database
    /// The run's "now": data dated later is stored but no query counts or lists it.
    let now: Int64
    /// "Now" as stored text, for `... <= ?` bounds.
    let nowText: String

    /// Queries over `db` as of `now`.
    init(_ db: Database, now: Int64) {
        self.db = db
        self.now = now
        nowText = UTCTime.format(now)
    }

    /// Runs `body` with queries over one read transaction of `store` (one consistent view
    /// of the data for the whole report).
    static func read(from store: ReportStore, now: Int64, _ body: (ReportQueries) throws -> Void) throws {
        try store.queue.read { db in
            // The pages read most of the database, several times: a larger page cache (16 MB)
            // saves re-reading it from the OS, within the memory budget.
            try? db.execute(sql: "PRAGMA cache_size = -16000")
            try body(ReportQueries(db, now: now))
        }
    }
}
