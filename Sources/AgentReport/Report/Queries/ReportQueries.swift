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
    /// The database file a second connection may open to read the same data, nil when no
    /// second connection can (see `inBackground(_:)`).
    private(set) var secondConnectionPath: String?

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
            var queries = ReportQueries(db, now: now)
            // The pages read most of the database, several times: a larger page cache
            // (16 MB) saves re-reading it from the OS, within the memory budget.
            queries.prepare(cacheKiB: 16_000)
            if store.path != ":memory:", !store.path.isEmpty,
                try String.fetchOne(db, sql: "PRAGMA journal_mode")?.lowercased() != "wal"
            {
                // Reading takes this transaction's shared lock now. In a rollback journal no
                // commit can happen while it is held, so a read transaction another
                // connection starts before this one ends sees the same data. (In WAL mode
                // it could see a later commit, so there is no second connection.)
                _ = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sqlite_master")
                queries.secondConnectionPath = store.path
            }
            try body(queries)
        }
    }

    /// Per-connection settings of a render's reads: a page cache of `cacheKiB`.
    private func prepare(cacheKiB: Int) {
        try? db.execute(sql: "PRAGMA cache_size = -\(cacheKiB)")
    }

    /// Starts `job` on a second read-only connection to the same database, on its own
    /// thread, while this one goes on; `BackgroundRead.value()` waits for its result. The
    /// second connection's read transaction starts while this one holds its shared lock, so
    /// both read the same data. Where no second connection can be opened (an in-memory
    /// database, WAL mode, an open that fails), `job` runs on this connection when its value
    /// is first asked for: the result is the same either way.
    func inBackground<Value: Sendable>(_ job: @escaping @Sendable (ReportQueries) throws -> Value)
        -> BackgroundRead<Value>
    {
        guard let path = secondConnectionPath else { return BackgroundRead(job: job, fallback: self, work: nil) }
        let now = now
        let work = BackgroundWork<Value?> {
            var configuration = Configuration()
            configuration.readonly = true
            configuration.busyMode = .timeout(10)
            guard let queue = try? DatabaseQueue(path: path, configuration: configuration) else { return nil }
            return try queue.read { db in
                let queries = ReportQueries(db, now: now)
                // The agent pages' reads are index lookups, each table read once: a small
                // cache keeps the render's peak memory in its budget.
                queries.prepare(cacheKiB: 4_000)
                return try job(queries)
            }
        }
        return BackgroundRead(job: job, fallback: self, work: work)
    }
}

/// The result of a job `ReportQueries.inBackground(_:)` started: `value()` waits for it.
/// Ask for it, or `abandon()` it, on the thread that started it (the fallback connection is
/// that thread's).
struct BackgroundRead<Value: Sendable> {
    fileprivate let job: @Sendable (ReportQueries) throws -> Value
    fileprivate let fallback: ReportQueries
    /// The job on the second connection; its value is nil when that could not be opened.
    fileprivate let work: BackgroundWork<Value?>?

    /// The job's value, or the error it threw.
    func value() throws -> Value {
        if let value = try work?.value() { return value }
        return try job(fallback)
    }

    /// Waits for the job, discarding its result (when the render failed before asking for
    /// it: the second connection is closed before the first one's transaction ends).
    func abandon() {
        _ = try? work?.value()
    }
}

/// A value computed on a thread of its own, started at once; `value()` waits for it and
/// may be asked on any thread, any number of times.
///
/// `@unchecked Sendable`: the result is written once, before the group is left, and only
/// read after waiting on the group.
final class BackgroundWork<Value: Sendable>: @unchecked Sendable {
    private let group = DispatchGroup()
    private var result: Result<Value, Error>?

    /// Starts `work` on a new thread.
    init(_ work: @escaping @Sendable () throws -> Value) {
        group.enter()
        Thread { [self] in
            result = Result { try work() }
            group.leave()
        }.start()
    }

    /// The value, or the error `work` threw, once it is done.
    func value() throws -> Value {
        group.wait()
        guard let result else { preconditionFailure("a background work finished without a result") }
        return try result.get()
    }
}
