import Foundation
import GRDB

/// Alerts opened on one day with one severity.
struct AlertDayCount: Sendable, Equatable {
    /// `YYYY-MM-DD`.
    var date: String
    var severity: String
    var count: Int
}

/// Named queries over the `alerts` table.
extension ReportQueries {
    /// SQL ordering by urgency, then newest first, then id.
    static let alertUrgency = """
        CASE severity WHEN 'critical' THEN 0 WHEN 'error' THEN 1 WHEN 'warning' THEN 2 WHEN 'info' THEN 3 ELSE 4 END,
        created_at DESC, id DESC
        """

    /// Open alerts: not resolved, not acknowledged, not silenced at `now`; most urgent first.
    func openAlerts(now: Int64) throws -> [AlertRecord] {
        try alerts(
            """
            WHERE COALESCE(resolved, 0) = 0 AND COALESCE(acknowledged, 0) = 0
              AND (silenced_until IS NULL OR silenced_until <= ?)
            ORDER BY \(Self.alertUrgency)
            """, [UTCTime.format(now)])
    }

    /// Unresolved alerts someone acknowledged, most urgent first.
    func acknowledgedAlerts() throws -> [AlertRecord] {
        try alerts("WHERE COALESCE(resolved, 0) = 0 AND COALESCE(acknowledged, 0) = 1 ORDER BY \(Self.alertUrgency)")
    }

    /// Unresolved, unacknowledged alerts a silence keeps out of the open list at `now`.
    func silencedAlerts(now: Int64) throws -> [AlertRecord] {
        try alerts(
            """
            WHERE COALESCE(resolved, 0) = 0 AND COALESCE(acknowledged, 0) = 0 AND silenced_until > ?
            ORDER BY \(Self.alertUrgency)
            """, [UTCTime.format(now)])
    }

    /// Alerts resolved at or after `start` (stored text), newest first.
    func resolvedAlerts(since start: String) throws -> [AlertRecord] {
        try alerts("WHERE COALESCE(resolved, 0) = 1 AND resolved_at >= ? ORDER BY resolved_at DESC, id DESC", [start])
    }

    /// The newest `limit` alerts in any state.
    func alertHistory(limit: Int) throws -> [AlertRecord] {
        try alerts("ORDER BY created_at DESC, id DESC LIMIT ?", [limit])
    }

    /// How many alerts are stored.
    func alertCount() throws -> Int {
        try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM alerts") ?? 0
    }

    /// Alerts opened per day and severity, from `startDate` (`YYYY-MM-DD`) on.
    func alertsOpenedPerDay(from startDate: String) throws -> [AlertDayCount] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT date(created_at) AS d, severity, COUNT(*) AS n FROM alerts WHERE created_at >= ? GROUP BY d, severity
                """, arguments: [startDate]
        ).map { row in
            AlertDayCount(date: row["d"] ?? "", severity: row["severity"] ?? "", count: row["n"] ?? 0)
        }
    }

    private func alerts(_ clauses: String, _ arguments: StatementArguments = []) throws -> [AlertRecord] {
        try Row.fetchAll(db, sql: "SELECT \(AlertRecord.columns) FROM alerts \(clauses)", arguments: arguments).map(
            AlertRecord.init(row:))
    }
}
