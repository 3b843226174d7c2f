import Foundation
import GRDB

/// The `alerts` page: open alerts by severity, acknowledged, silenced, resolved in the last
/// 30 days, and the history.
enum AlertsPage {
    /// The page and its chart.
    static func build(_ data: ReportData) throws -> ReportPage {
        let path = "alerts"
        var context = try data.common(path: path)
        let stamp = UTCTime.format(data.now)
        let open = try AlertQueries.open(data.db, now: data.now).map { AlertQueries.values($0, data: data, from: path) }
        context["severities"] = AlertQueries.severities.compactMap { severity -> [String: Any]? in
            let alerts = open.filter { ($0["severity"] as? String) == severity }
            guard !alerts.isEmpty else { return nil }
            return ["severity": severity, "count": alerts.count, "alerts": alerts]
        }
        let known = Set(AlertQueries.severities)
        let other = open.filter { !known.contains($0["severity"] as? String ?? "") }
        if !other.isEmpty {
            var groups = context["severities"] as? [[String: Any]] ?? []
            groups.append(["severity": "other", "count": other.count, "alerts": other])
            context["severities"] = groups
        }
        context["hasOpen"] = !open.isEmpty
        context["acknowledged"] = try fetch(data, path: path, """
            SELECT * FROM alerts WHERE COALESCE(resolved, 0) = 0 AND COALESCE(acknowledged, 0) = 1
            ORDER BY \(AlertQueries.urgency)
            """)
        context["silenced"] = try fetch(data, path: path, """
            SELECT * FROM alerts WHERE COALESCE(resolved, 0) = 0 AND COALESCE(acknowledged, 0) = 0 AND silenced_until > ?
            ORDER BY \(AlertQueries.urgency)
            """, [stamp])
        context["resolved"] = try fetch(data, path: path, """
            SELECT * FROM alerts WHERE COALESCE(resolved, 0) = 1 AND resolved_at >= ?
            ORDER BY resolved_at DESC, id DESC
            """, [data.stamp(daysAgo: 30)])
        context["history"] = try fetch(data, path: path, "SELECT * FROM alerts ORDER BY created_at DESC, id DESC LIMIT 100")
        context["total"] = try Int.fetchOne(data.db, sql: "SELECT COUNT(*) FROM alerts") ?? 0
        let chart = try openedChart(data, days: 30)
        if let reference = chart.reference(from: path) { context["chart"] = reference }
        return ReportPage(path: path, template: "alerts", title: "Alerts", context: context, charts: [chart])
    }

    private static func fetch(_ data: ReportData, path: String, _ sql: String, _ arguments: StatementArguments = []) throws -> [[String: Any]] {
        try Row.fetchAll(data.db, sql: sql, arguments: arguments).map { AlertQueries.values($0, data: data, from: path) }
    }

    /// Alerts opened per day by severity, stacked.
    static func openedChart(_ data: ReportData, days: Int) throws -> SVGChart {
        let last = Figures.day(data.now)
        let first = last - Int64(days) + 1
        var counts: [String: [Double]] = [:]
        for row in try Row.fetchAll(data.db, sql: """
            SELECT date(created_at) AS d, severity, COUNT(*) AS n FROM alerts WHERE created_at >= ? GROUP BY d, severity
            """, arguments: [Figures.date(ofDay: first)]) {
            guard let seconds = Figures.seconds(row["d"] as String? ?? "") else { continue }
            let day = Figures.day(seconds)
            guard day >= first, day <= last else { continue }
            let severity = AlertQueries.severities.contains(row["severity"] as String? ?? "") ? (row["severity"] as String? ?? "") : "info"
            counts[severity, default: [Double](repeating: 0, count: days)][Int(day - first)] += Double(row["n"] as Int? ?? 0)
        }
        let colours = ["critical": 6, "error": 3, "warning": 1, "info": 0]
        let series = AlertQueries.severities.compactMap { severity -> SVGChart.Series? in
            guard let values = counts[severity] else { return nil }
            return .init(name: severity, values: values, colour: colours[severity] ?? 5)
        }
        let total = Int(series.reduce(0) { $0 + $1.values.reduce(0) { $0 + ($1 ?? 0) } })
        return SVGChart(
            fileName: "alerts-\(days)d.svg", title: "Alerts opened per day, last \(days) days",
            summary: "\(total) alerts opened from \(Figures.date(ofDay: first)) to \(Figures.date(ofDay: last)), by severity.",
            kind: .stackedBars, labels: (first...last).map { Figures.shortDate(ofDay: $0) }, series: series)
    }
}
