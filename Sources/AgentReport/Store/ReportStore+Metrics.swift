import GRDB

/// Named queries for the read positions of metric files (`metric_files`, migrations v5 and v10).
extension ReportStore {
    /// Every remembered metric file, by its name relative to the metrics folder.
    public static func metricFileStates(_ db: Database) throws -> [String: MetricFileState] {
        let rows = try Row.fetchAll(db, sql: "SELECT path, offset, fingerprint, size, lines_read FROM metric_files")
        var states: [String: MetricFileState] = [:]
        for row in rows {
            let state = MetricFileState(
                path: row["path"], offset: row["offset"], fingerprint: row["fingerprint"],
                size: row["size"], linesRead: row["lines_read"])
            states[state.path] = state
        }
        return states
    }

    /// Remembers how far a metric file was read (`state.path` is its name in the metrics folder).
    public static func saveMetricFileState(_ state: MetricFileState, at now: Int64, in db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO metric_files (path, offset, fingerprint, size, lines_read, updated_at)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT(path) DO UPDATE SET offset = excluded.offset, fingerprint = excluded.fingerprint,
                    size = excluded.size, lines_read = excluded.lines_read, updated_at = excluded.updated_at
                """,
            arguments: .redacted([
                state.path, state.offset, state.fingerprint, state.size, state.linesRead, UTCTime.format(now),
            ]))
    }

    /// Forgets metric files that are gone (a file of that name appearing later is new).
    public static func forgetMetricFiles(except names: Set<String>, in db: Database) throws {
        let kept = Set(names.map { SecretRedactor.redact($0) })
        for path in try String.fetchAll(db, sql: "SELECT path FROM metric_files ORDER BY path")
        where !kept.contains(path) {
            try db.execute(sql: "DELETE FROM metric_files WHERE path = ?", arguments: .redacted([path]))
        }
    }
}
