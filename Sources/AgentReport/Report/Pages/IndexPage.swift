import Foundation

/// The `index` page: freshness, headline numbers, agents, board counts, open alerts, the
/// 30-day velocity chart and the last 10 commits.
enum IndexPage {
    /// What the page reads besides the shared facts.
    struct Input {
        /// Current tasks per status.
        var statusCounts: [TaskStatus: Int]
        /// Open alerts, most urgent first.
        var openAlerts: [AlertRecord]
        /// The newest commits.
        var commits: [CommitRecord]
    }

    /// The headline numbers.
    struct Headline: TemplateView {
        var agents: Int
        var tasks: Int
        var done: Int
        var inProgress: Int
        var review: Int
        var blocked: Int
        var completed7d: Int
        var commits7d: Int
        var openAlerts: Int

        func value(named name: String) -> Any? {
            switch name {
            case "agents": agents
            case "tasks": tasks
            case "done": done
            case "inProgress": inProgress
            case "review": review
            case "blocked": blocked
            case "completed7d": completed7d
            case "commits7d": commits7d
            case "openAlerts": openAlerts
            default: nil
            }
        }
    }

    /// One status of the board and its count.
    struct StatusCount: TemplateView {
        var label: String
        var count: Int
        /// The status's column on the tasks page.
        var href: String

        func value(named name: String) -> Any? {
            switch name {
            case "label": label
            case "count": count
            case "href": href
            default: nil
            }
        }
    }

    /// What `index.md.mustache` sees.
    struct View: TemplateView {
        var headline: Headline
        var agents: [AgentStatusRow]
        var hasAgents: Bool
        var statusCounts: [StatusCount]
        var hasTasks: Bool
        /// The first 10 open alerts.
        var alerts: [AlertRow]
        var hasAlerts: Bool
        /// Open alerts not listed, when there are more than 10.
        var moreAlerts: Int?
        var velocityChart: ChartReference?
        var commits: [CommitRow]
        var hasCommits: Bool

        func value(named name: String) -> Any? {
            switch name {
            case "headline": headline
            case "agents": agents
            case "hasAgents": hasAgents
            case "statusCounts": statusCounts
            case "hasTasks": hasTasks
            case "alerts": alerts
            case "hasAlerts": hasAlerts
            case "moreAlerts": moreAlerts
            case "velocityChart": velocityChart
            case "commits": commits
            case "hasCommits": hasCommits
            default: nil
            }
        }
    }

    /// Reads the page's input.
    static func input(from queries: ReportQueries, facts: ReportFacts) throws -> Input {
        Input(
            statusCounts: try queries.taskStatusCounts(), openAlerts: try queries.openAlerts(now: facts.now),
            commits: try queries.recentCommits(limit: 10))
    }

    /// The page.
    static func page(_ input: Input, facts: ReportFacts) -> ReportPage {
        let path = "index"
        let counts = input.statusCounts
        let total = counts.values.reduce(0, +)
        let headline = Headline(
            agents: facts.agents.entries.count, tasks: total, done: (counts[.done] ?? 0) + (counts[.verified] ?? 0),
            inProgress: counts[.inProgress] ?? 0, review: counts[.review] ?? 0, blocked: counts[.blocked] ?? 0,
            completed7d: facts.flow.completions(from: facts.now - 7 * 86_400, to: facts.now + 1).count,
            commits7d: facts.recentCommits.count(after: facts.stamp(daysAgo: 7)), openAlerts: input.openAlerts.count)
        let statusCounts = TaskStatus.allCases.compactMap { status -> StatusCount? in
            guard let count = counts[status], count > 0 else { return nil }
            return StatusCount(label: status.label, count: count, href: "tasks.md#" + status.anchor)
        }
        let chart = FlowCharts.completedPerDay(facts.flow, days: 30, now: facts.now)
        let commits = input.commits.map { facts.commitRow($0, from: path) }
        let view = View(
            headline: headline, agents: facts.agentStatusRows(from: path), hasAgents: !facts.agents.entries.isEmpty,
            statusCounts: statusCounts, hasTasks: total > 0, alerts: input.openAlerts.prefix(10).map(facts.alertRow),
            hasAlerts: !input.openAlerts.isEmpty,
            moreAlerts: input.openAlerts.count > 10 ? input.openAlerts.count - 10 : nil,
            velocityChart: chart.reference(from: path), commits: commits, hasCommits: !commits.isEmpty)
        return ReportPage(
            path: path, template: "index", title: "Overview", view: view, site: facts.site(for: path), charts: [chart])
    }
}

extension TaskStatus {
    /// The heading anchor of this status's column on the tasks page.
    var anchor: String { HeadingAnchors.slugify(label) }
}
