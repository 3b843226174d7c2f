import Foundation

/// The `index` page, the morning page: who is on what and what they did since yesterday,
/// what is blocked and since when, what broke, then the board, velocity and the latest commits.
enum IndexPage {
    /// Blocked tasks listed on the index (the longest blocked first).
    static let blockedShown = 10
    /// Open alerts listed on the index (each with its repeats).
    static let alertsShown = 10

    /// What the page reads besides the shared facts.
    struct Input {
        /// Current tasks per status.
        var statusCounts: [TaskStatus: Int]
        /// The blocked tasks.
        var blocked: [TaskRecord] = []
        /// Open alerts, most urgent first.
        var openAlerts: [AlertRecord]
        /// The newest commits.
        var commits: [CommitRecord]
    }

    /// The headline numbers.
    struct Headline: TemplateView {
        /// Agents (not the team, not `unattributed`).
        var agents: Int
        var tasks: Int
        var done: Int
        var inProgress: Int
        var review: Int
        var blocked: Int
        /// Completions in the last 7 days.
        var completed7d: Int
        /// Commits other than merges in the last 7 days, and merges apart.
        var commits7d: Int
        var merges7d: Int
        /// Open alerts, each alert's repeats counted once.
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
            case "merges7d": merges7d
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
        /// Ids with commits that are no agent (`unattributed`), linked.
        var others: [AgentLink]
        /// The longest blocked tasks.
        var blocked: [TaskRow]
        /// Blocked tasks not listed.
        var moreBlocked: Int?
        var statusCounts: [StatusCount]
        var hasTasks: Bool
        /// The open alerts, repeats gathered, most urgent first.
        var alerts: [OpenAlertRow]
        var hasAlerts: Bool
        /// Open alerts not listed.
        var moreAlerts: Int?
        var velocityChart: ChartReference?
        var commits: [CommitRow]
        var hasCommits: Bool

        func value(named name: String) -> Any? {
            switch name {
            case "headline": headline
            case "agents": agents
            case "hasAgents": hasAgents
            case "others": others
            case "blocked": blocked
            case "moreBlocked": moreBlocked
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

    /// Reads the page's input; `board` is the tasks page's (the same counts and blocked
    /// tasks, read once).
    static func input(from queries: ReportQueries, facts: ReportFacts, board: TasksPage.Input) throws -> Input {
        Input(
            statusCounts: board.statusCounts,
            blocked: board.columns[.blocked] ?? [],
            openAlerts: try queries.openAlerts(), commits: try queries.recentCommits(limit: 10))
    }

    /// The page.
    static func page(_ input: Input, facts: ReportFacts) -> ReportPage {
        let path = "index"
        let counts = input.statusCounts
        let total = counts.values.reduce(0, +)
        let week = facts.window(days: 7)
        let commits = facts.recentCommits.tally(in: week)
        let groups = OpenAlertGroup.grouping(input.openAlerts)
        let headline = Headline(
            agents: facts.agentEntries.count, tasks: total, done: (counts[.done] ?? 0) + (counts[.verified] ?? 0),
            inProgress: counts[.inProgress] ?? 0, review: counts[.review] ?? 0, blocked: counts[.blocked] ?? 0,
            completed7d: facts.flow.completions(in: week).count, commits7d: commits.commits, merges7d: commits.merges,
            openAlerts: groups.count)
        let statusCounts = TaskStatus.allCases.compactMap { status -> StatusCount? in
            guard let count = counts[status], count > 0 else { return nil }
            return StatusCount(label: status.label, count: count, href: "tasks.md#" + status.anchor)
        }
        let blocked = TasksPage.longestBlockedFirst(input.blocked)
        let chart = FlowCharts.completedPerDay(facts.flow, in: facts.window(days: 30))
        let rows = input.commits.map { facts.commitRow($0, from: path) }
        let agentRows = facts.agentStatusRows(from: path)
        let others = facts.agents.entries.filter { !ReportFacts.isAgent($0.id) }.map {
            facts.agents.link($0.id, from: path)
        }
        let view = View(
            headline: headline, agents: agentRows, hasAgents: !agentRows.isEmpty, others: others,
            blocked: blocked.prefix(blockedShown).map { facts.taskRow($0, from: path) },
            moreBlocked: blocked.count > blockedShown ? blocked.count - blockedShown : nil, statusCounts: statusCounts,
            hasTasks: total > 0, alerts: groups.prefix(alertsShown).map(facts.openAlertRow), hasAlerts: !groups.isEmpty,
            moreAlerts: groups.count > alertsShown ? groups.count - alertsShown : nil,
            velocityChart: chart.reference(from: path),
            commits: rows, hasCommits: !rows.isEmpty)
        return ReportPage(
            path: path, template: "index", title: "Overview", view: view, site: facts.site(for: path), charts: [chart])
    }
}

extension TaskStatus {
    /// The heading anchor of this status's column on the tasks page.
    var anchor: String { HeadingAnchors.slugify(label) }
}
