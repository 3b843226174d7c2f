import Foundation
import GRDB

/// Named queries for per-source ingest state (`source_state`) and agents.
extension ReportStore {
    /// Records that `source` was ingested successfully at `now` with `rows` new rows.
    public static func recordSuccess(
        of source: String, rows: Int, detail: String? = nil, at now: Int64, in db: Database
    ) throws {
        try db.execute(
            sql: """
                INSERT INTO source_state (source, last_attempt_at, last_success_at, last_status, rows_last_run, detail)
                VALUES (?, ?, ?, 'ok', ?, ?)
                ON CONFLICT(source) DO UPDATE SET last_attempt_at = excluded.last_attempt_at,
                    last_success_at = excluded.last_success_at, last_status = 'ok',
                    rows_last_run = excluded.rows_last_run, detail = excluded.detail
                """, arguments: .redacted([source, UTCTime.format(now), UTCTime.format(now), rows, detail]))
    }

    /// Records that ingesting `source` failed at `now` (its last success stays as it was).
    public static func recordFailure(of source: String, message: String, at now: Int64, in db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO source_state (source, last_attempt_at, last_status, rows_last_run, detail)
                VALUES (?, ?, 'failed', 0, ?)
                ON CONFLICT(source) DO UPDATE SET last_attempt_at = excluded.last_attempt_at,
                    last_status = 'failed', rows_last_run = 0, detail = excluded.detail
                """, arguments: .redacted([source, UTCTime.format(now), message]))
    }

    /// Makes sure `id` is a known agent, noting where it was seen.
    public static func noteAgent(_ id: String, name: String? = nil, source: String, at time: Int64?, in db: Database)
        throws
    {
        let stamp = time.map { UTCTime.format($0) }
        let existing = try Row.fetchOne(
            db, sql: "SELECT name, sources FROM agents WHERE id = ?", arguments: .redacted([id]))
        if let existing {
            var sources =
                (try? JSONSerialization.jsonObject(with: Data((existing["sources"] as String).utf8))) as? [String] ?? []
            if !sources.contains(source) { sources.append(source); sources.sort() }
            try db.execute(
                sql: """
                    UPDATE agents SET name = COALESCE(?, name), sources = ?,
                      first_seen = CASE WHEN ? IS NOT NULL AND (first_seen IS NULL OR ? < first_seen) THEN ? ELSE first_seen END,
                      last_seen = CASE WHEN ? IS NOT NULL AND (last_seen IS NULL OR ? > last_seen) THEN ? ELSE last_seen END
                    WHERE id = ?
                    """,
                arguments: .redacted([
                    existing["name"] as String? == nil ? name : nil, JSONSupport.encode(sources),
                    stamp, stamp, stamp, stamp, stamp, stamp, id,
                ]))
        } else {
            try db.execute(
                sql: "INSERT INTO agents (id, name, sources, first_seen, last_seen) VALUES (?, ?, ?, ?, ?)",
                arguments: .redacted([id, name, JSONSupport.encode([source]), stamp, stamp]))
        }
    }
}
