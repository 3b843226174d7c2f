import Foundation
import GRDB

/// The `index` page: freshness, headline numbers, agents, board counts, open alerts, the
/// 30-day velocity chart and the last 10 commits.
enum IndexPage {
    /// The page and its chart.
    static func build(_ data: ReportData) throws -> ReportPage {
        let path = "index"
        var context = try data.common(path: path)
        let counts = try TaskQueries.statusCounts(data.db)
        let total = counts.values.reduce(0, +)
        let openAlerts = try AlertQueries.open(data.db, now: data.now)
        context["headline"] = [
            "tasks": total, "done": (counts[.done] ?? 0) + (counts[.verified] ?? 0),
            "inProgress": counts[.inProgress] ?? 0, "review": counts[.review] ?? 0, "blocked": counts[.blocked] ?? 0,
            "completed7d": data.flow.completions(from: data.now - 7 * 86_400, to: data.now + 1).count,
            "openAlerts": openAlerts.count,
            "commits7d": data.recentCommits.count(after: data.stamp(daysAgo: 7)),
            "agents": data.agents.entries.count,
        ]
        context["statusCounts"] = TaskStatus.allCases.compactMap { status -> [String: Any]? in
            guard let count = counts[status], count > 0 else { return nil }
            return ["label": status.label, "count": count, "href": "tasks.md#" + status.anchor]
        }
        context["hasTasks"] = total > 0
        context["agents"] = try AgentQueries.statusRows(data, from: path)
        context["hasAgents"] = !data.agents.entries.isEmpty
        context["alerts"] = Array(openAlerts.prefix(10)).map { AlertQueries.values($0, data: data, from: path) }
        if openAlerts.count > 10 { context["moreAlerts"] = openAlerts.count - 10 }
        context["hasAlerts"] = !openAlerts.isEmpty
        let chart = FlowCharts.completedPerDay(data.flow, days: 30, now: data.now)
        if let reference = chart.reference(from: path) { context["velocityChart"] = reference }
        let commits = try CommitQueries.recent(data, limit: 10, from: path)
        context["commits"] = commits
        context["hasCommits"] = !commits.isEmpty
        return ReportPage(path: path, template: "index", title: "Overview", context: context, charts: [chart])
    }
}

extension TaskStatus {
    /// The heading anchor of this status's column on the tasks page.
    var anchor: String { HeadingAnchors.slugify(label) }
}
