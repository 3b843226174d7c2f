import Foundation

/// The `alerts` page: open alerts by severity, acknowledged, silenced, resolved in the last
/// 30 days, and the history.
enum AlertsPage {
    /// Severities from the most to the least urgent.
    static let severities = ["critical", "error", "warning", "info"]
    /// Days of the chart and of the resolved list.
    static let days = 30

    /// What the page reads besides the shared facts.
    struct Input {
        var open: [AlertRecord]
        var acknowledged: [AlertRecord]
        var silenced: [AlertRecord]
        /// Resolved in the last 30 days, newest first.
        var resolved: [AlertRecord]
        /// The newest 100 alerts.
        var history: [AlertRecord]
        /// Alerts stored in all.
        var total: Int
        /// Alerts opened per day and severity over the chart's days.
        var openedPerDay: [AlertDayCount]
    }

    /// The open alerts of one severity.
    struct SeverityGroup: TemplateView {
        var severity: String
        var count: Int
        var alerts: [AlertRow]

        func value(named name: String) -> Any? {
            switch name {
            case "severity": severity
            case "count": count
            case "alerts": alerts
            default: nil
            }
        }
    }

    /// What `alerts.md.mustache` sees.
    struct View: TemplateView {
        var severities: [SeverityGroup]
        var hasOpen: Bool
        var acknowledged: [AlertRow]
        var silenced: [AlertRow]
        var resolved: [AlertRow]
        var history: [AlertRow]
        var total: Int
        var chart: ChartReference?

        func value(named name: String) -> Any? {
            switch name {
            case "severities": severities
            case "hasOpen": hasOpen
            case "acknowledged": acknowledged
            case "silenced": silenced
            case "resolved": resolved
            case "history": history
            case "total": total
            case "chart": chart
            default: nil
            }
        }
    }

    /// Reads the page's input.
    static func input(from queries: ReportQueries, facts: ReportFacts) throws -> Input {
        let first = Figures.day(facts.now) - Int64(days) + 1
        return Input(
            open: try queries.openAlerts(now: facts.now), acknowledged: try queries.acknowledgedAlerts(),
            silenced: try queries.silencedAlerts(now: facts.now),
            resolved: try queries.resolvedAlerts(since: facts.stamp(daysAgo: days)),
            history: try queries.alertHistory(limit: 100), total: try queries.alertCount(),
            openedPerDay: try queries.alertsOpenedPerDay(from: Figures.date(ofDay: first)))
    }

    /// The page.
    static func page(_ input: Input, facts: ReportFacts) -> ReportPage {
        let path = "alerts"
        let open = input.open.map(facts.alertRow)
        var groups = severities.compactMap { severity -> SeverityGroup? in
            let alerts = open.filter { $0.severity == severity }
            guard !alerts.isEmpty else { return nil }
            return SeverityGroup(severity: severity, count: alerts.count, alerts: alerts)
        }
        let other = open.filter { !severities.contains($0.severity) }
        if !other.isEmpty { groups.append(SeverityGroup(severity: "other", count: other.count, alerts: other)) }
        let chart = openedChart(input.openedPerDay, now: facts.now)
        let view = View(
            severities: groups, hasOpen: !open.isEmpty, acknowledged: input.acknowledged.map(facts.alertRow),
            silenced: input.silenced.map(facts.alertRow), resolved: input.resolved.map(facts.alertRow),
            history: input.history.map(facts.alertRow), total: input.total, chart: chart.reference(from: path))
        return ReportPage(
            path: path, template: "alerts", title: "Alerts", view: view, site: facts.site(for: path), charts: [chart])
    }

    /// Alerts opened per day by severity, stacked.
    static func openedChart(_ perDay: [AlertDayCount], now: Int64) -> SVGChart {
        let last = Figures.day(now)
        let first = last - Int64(days) + 1
        var counts: [String: [Double]] = [:]
        for row in perDay {
            guard let seconds = Figures.seconds(row.date) else { continue }
            let day = Figures.day(seconds)
            guard day >= first, day <= last else { continue }
            let severity = severities.contains(row.severity) ? row.severity : "info"
            counts[severity, default: [Double](repeating: 0, count: days)][Int(day - first)] += Double(row.count)
        }
        let colours = ["critical": 6, "error": 3, "warning": 1, "info": 0]
        let series = severities.compactMap { severity -> SVGChart.Series? in
            guard let values = counts[severity] else { return nil }
            return .init(name: severity, values: values, colour: colours[severity] ?? 5)
        }
        let total = Int(series.reduce(0) { $0 + $1.values.reduce(0) { $0 + ($1 ?? 0) } })
        return SVGChart(
            fileName: "alerts-\(days)d.svg", title: "Alerts opened per day, last \(days) days",
            summary:
                "\(total) alerts opened from \(Figures.date(ofDay: first)) to \(Figures.date(ofDay: last)), by severity.",
            kind: .stackedBars, labels: (first...last).map { Figures.shortDate(ofDay: $0) }, series: series)
    }
}
