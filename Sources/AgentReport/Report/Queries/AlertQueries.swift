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

    /// Open alerts: opened by "now", not resolved, not acknowledged, not silenced at "now";
    /// most urgent first.
    func openAlerts() throws -> [AlertRecord] {
        try alerts(
            """
            WHERE COALESCE(resolved, 0) = 0 AND COALESCE(acknowledged, 0) = 0
              AND (silenced_until IS NULL OR silenced_until <= ?) AND created_at <= ?
            ORDER BY \(Self.alertUrgency)
            """, [nowText, nowText])
    }

    /// Unresolved alerts someone acknowledged, most urgent first.
    func acknowledgedAlerts() throws -> [AlertRecord] {
        try alerts(
            "WHERE COALESCE(resolved, 0) = 0 AND COALESCE(acknowledged, 0) = 1 AND created_at <= ? ORDER BY \(Self.alertUrgency)",
            [nowText])
    }

    /// Unresolved, unacknowledged alerts a silence keeps out of the open list at "now".
    func silencedAlerts() throws -> [AlertRecord] {
        try alerts(
            """
            WHERE COALESCE(resolved, 0) = 0 AND COALESCE(acknowledged, 0) = 0 AND silenced_until > ? AND created_at <= ?
            ORDER BY \(Self.alertUrgency)
            """, [nowText, nowText])
    }

    /// Alerts resolved in `window`, newest first.
    func resolvedAlerts(in window: ReportWindow) throws -> [AlertRecord] {
        try alerts(
            "WHERE COALESCE(resolved, 0) = 1 AND resolved_at >= ? AND resolved_at <= ? ORDER BY resolved_at DESC, id DESC",
            [window.startText, window.endText])
    }

    /// The newest `limit` alerts opened by "now", in any state.
    func alertHistory(limit: Int) throws -> [AlertRecord] {
        try alerts("WHERE created_at <= ? ORDER BY created_at DESC, id DESC LIMIT ?", [nowText, limit])
    }

    /// How many alerts were opened by "now".
    func alertCount() throws -> Int {
        try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM alerts WHERE created_at <= ?", arguments: [nowText]) ?? 0
    }

    /// Alerts opened per day and severity in `window`.
    func alertsOpenedPerDay(in window: ReportWindow) throws -> [AlertDayCount] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT date(created_at) AS d, severity, COUNT(*) AS n FROM alerts WHERE created_at >= ? AND created_at <= ?
                GROUP BY d, severity
                """, arguments: [window.startText, window.endText]
        ).map { row in
            AlertDayCount(date: row["d"] ?? "", severity: row["severity"] ?? "", count: row["n"] ?? 0)
        }
    }

    private func alerts(_ clauses: String, _ arguments: StatementArguments = []) throws -> [AlertRecord] {
        try Row.fetchAll(db, sql: "SELECT \(AlertRecord.columns) FROM alerts \(clauses)", arguments: arguments).map(
            AlertRecord.init(row:))
    }
}
