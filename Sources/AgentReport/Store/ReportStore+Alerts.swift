import Foundation
import GRDB

/// Named queries for the alert lifecycle by hand: list, acknowledge, resolve.
extension ReportStore {
    /// Alerts, most severe first, then oldest first. Without `all`: only unresolved alerts
    /// that are not silenced at `now` (acknowledged ones stay listed, as acknowledged).
    public static func alerts(all: Bool, now: Int64, in db: Database) throws -> [AlertRecord] {
        let filter = all ? "" : "WHERE resolved = 0 AND (silenced_until IS NULL OR silenced_until <= ?)"
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT \(AlertRecord.columns) FROM alerts \(filter)
                ORDER BY CASE severity WHEN 'critical' THEN 0 WHEN 'error' THEN 1 WHEN 'warning' THEN 2 WHEN 'info' THEN 3 ELSE 2 END,
                         created_at, id
                """, arguments: all ? [] : [UTCTime.format(now)])
        return rows.map(AlertRecord.init(row:))
    }

    /// The alert with this numeric id or `alert_id`, or nil.
    public static func alert(_ id: String, in db: Database) throws -> AlertRecord? {
        if let number = Int64(id),
            let row = try Row.fetchOne(
                db, sql: "SELECT \(AlertRecord.columns) FROM alerts WHERE id = ?", arguments: .redacted([number]))
        {
            return AlertRecord(row: row)
        }
        return try Row.fetchOne(
            db, sql: "SELECT \(AlertRecord.columns) FROM alerts WHERE alert_id = ?", arguments: .redacted([id])
        )
        .map(AlertRecord.init(row:))
    }

    /// Acknowledges an alert: it stays listed, as acknowledged, and builds leave that alone.
    public static func acknowledgeAlert(_ id: Int64, by name: String, note: String?, at now: Int64, in db: Database)
        throws
    {
        try db.execute(
            sql: """
                UPDATE alerts SET acknowledged = 1, acknowledged_by = ?, acknowledged_at = ?, acknowledged_note = ? WHERE id = ?
                """, arguments: .redacted([name, UTCTime.format(now), note, id]))
    }

    /// Resolves an alert by hand. If its condition still holds, the next build opens a new one.
    public static func resolveAlert(_ id: Int64, by name: String, at now: Int64, in db: Database) throws {
        try db.execute(
            sql: "UPDATE alerts SET resolved = 1, resolved_at = ?, resolved_by = ? WHERE id = ?",
            arguments: .redacted([UTCTime.format(now), name, id]))
    }
}
