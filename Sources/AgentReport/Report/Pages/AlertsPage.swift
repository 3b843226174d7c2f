import Foundation

/// The `alerts` page: open alerts by severity (repeats gathered), acknowledged, silenced,
/// resolved in the last 30 days, and the history.
enum AlertsPage {
    /// Severities from the most to the least urgent.
    static let severities = ["critical", "error", "warning", "info"]
    /// Days of the chart and of the resolved list (the report's window).
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
        /// The severity with its mark.
        var severity: String
        /// How many alerts (each alert's repeats counted once).
        var count: Int
        var alerts: [OpenAlertRow]

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
        /// Open alerts, each alert's repeats counted once.
        var openCount: Int
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
            case "openCount": openCount
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
        let window = facts.window(days: days)
        return Input(
            open: try queries.openAlerts(), acknowledged: try queries.acknowledgedAlerts(),
            silenced: try queries.silencedAlerts(),
            resolved: try queries.resolvedAlerts(in: window), history: try queries.alertHistory(limit: 100),
            total: try queries.alertCount(), openedPerDay: try queries.alertsOpenedPerDay(in: window))
    }

    /// The page.
    static func page(_ input: Input, facts: ReportFacts) -> ReportPage {
        let path = "alerts"
        let open = OpenAlertGroup.grouping(input.open)
        var groups = severities.compactMap { severity -> SeverityGroup? in
            let alerts = open.filter { $0.severity == severity }
            guard !alerts.isEmpty else { return nil }
            return SeverityGroup(
                severity: Marks.severity(severity), count: alerts.count, alerts: alerts.map(facts.openAlertRow))
        }
        let other = open.filter { !severities.contains($0.severity) }
        if !other.isEmpty {
            groups.append(SeverityGroup(severity: "other", count: other.count, alerts: other.map(facts.openAlertRow)))
        }
        let chart = openedChart(input.openedPerDay, window: facts.window(days: days))
        let view = View(
            severities: groups, hasOpen: !open.isEmpty, openCount: open.count,
            acknowledged: input.acknowledged.map(facts.alertRow),
            silenced: input.silenced.map(facts.alertRow), resolved: input.resolved.map(facts.alertRow),
            history: input.history.map(facts.alertRow), total: input.total, chart: chart.reference(from: path))
        return ReportPage(
            path: path, template: "alerts", title: "Alerts", view: view, site: facts.site(for: path), charts: [chart])
    }

    /// Alerts opened per day by severity, stacked.
    static func openedChart(_ perDay: [AlertDayCount], window: ReportWindow) -> SVGChart {
        let first = window.firstDay
        var counts: [String: [Double]] = [:]
        for row in perDay {
            guard let seconds = Figures.seconds(row.date) else { continue }
            let day = Figures.day(seconds)
            guard day >= first, day <= window.lastDay else { continue }
            let severity = severities.contains(row.severity) ? row.severity : "info"
            counts[severity, default: [Double](repeating: 0, count: window.days)][Int(day - first)] += Double(row.count)
        }
        let colours = ["critical": 6, "error": 3, "warning": 1, "info": 0]
        let series = severities.compactMap { severity -> SVGChart.Series? in
            guard let values = counts[severity] else { return nil }
            return .init(name: severity, values: values, colour: colours[severity] ?? 5)
        }
        let total = Int(series.reduce(0) { $0 + $1.values.reduce(0) { $0 + ($1 ?? 0) } })
        return SVGChart(
            fileName: "alerts-\(window.days)d.svg", title: "Alerts opened per day, \(window.label)",
            summary: "\(total) alerts opened from \(window.range), by severity.",
            kind: .stackedBars, labels: ChartLabels.days(window.dayNumbers), series: series)
    }
}
