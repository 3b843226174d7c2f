/// The `usage` page: tokens and cost from the agents' session logs per agent, model, day,
/// task and branch (issue 16).
enum UsagePage {
    /// Days the page covers (UTC calendar days ending with the day of "now").
    static let days = 30
    /// Tasks and branches listed (most expensive first).
    static let listLimit = 25

    /// What `usage.md.mustache` sees.
    struct View: TemplateView {
        var headline: UsageHeadline
        var hasUsage: Bool
        var agents: [UsageRow]
        var models: [UsageRow]
        /// Newest first.
        var days: [UsageRow]
        var tasks: [UsageRow]
        var branches: [UsageRow]
        var costChart: ChartReference?

        func value(named name: String) -> Any? {
            switch name {
            case "headline": headline
            case "hasUsage": hasUsage
            case "agents": agents
            case "models": models
            case "days": days
            case "tasks": tasks
            case "branches": branches
            case "costChart": costChart
            default: nil
            }
        }
    }

    /// Reads the page's input.
    static func input(from queries: ReportQueries, facts: ReportFacts) throws -> UsageFacts {
        try queries.usageFacts(days: days, now: facts.now)
    }

    /// The page.
    static func page(_ usage: UsageFacts, facts: ReportFacts) -> ReportPage {
        let path = "usage"
        let last = Figures.day(facts.now)
        let first = last - Int64(days) + 1
        var byAgent: [String: UsageTotals] = [:]
        var byModel: [String: UsageTotals] = [:]
        var byDay: [String: UsageTotals] = [:]
        for day in usage.days {
            byAgent[day.agent, default: UsageTotals()] = byAgent[day.agent, default: UsageTotals()] + day.totals
            byModel[day.model, default: UsageTotals()] = byModel[day.model, default: UsageTotals()] + day.totals
            byDay[day.date, default: UsageTotals()] = byDay[day.date, default: UsageTotals()] + day.totals
        }
        let total = byAgent.values.reduce(UsageTotals(), +)
        let agents = byAgent.keys.sorted {
            ($0 == AgentAttribution.unattributed ? 1 : 0, $0) < ($1 == AgentAttribution.unattributed ? 1 : 0, $1)
        }
        let chart = costChart(usage, agents: agents, first: first, last: last)
        let headline = UsageHeadline(
            window: "\(Figures.date(ofDay: first)) to \(Figures.date(ofDay: last))", days: days,
            cost: UsageFormat.cost(total.cost, unpriced: total.unpriced), tokens: UsageFormat.tokens(total.tokens),
            requests: total.requests, sessions: total.sessions, unpriced: total.unpriced,
            priceDate: usage.priceTableDate,
            newest: usage.newestRequest ?? "—", detailSince: usage.oldestDetail ?? "—")
        let view = View(
            headline: headline, hasUsage: total.requests > 0,
            agents: agents.map { agent in
                UsageRow(
                    label: agent, agent: facts.agents.link(agent, from: path), totals: byAgent[agent] ?? UsageTotals())
            },
            models: byModel.sorted { ($1.value.cost, $0.key) < ($0.value.cost, $1.key) }.map {
                UsageRow(label: $0.key, totals: $0.value)
            },
            days: byDay.keys.sorted(by: >).map { UsageRow(label: $0, totals: byDay[$0] ?? UsageTotals()) },
            tasks: usage.tasks.prefix(listLimit).map {
                UsageRow(label: $0.taskId, detail: $0.title ?? "", agents: $0.agents, totals: $0.totals)
            },
            branches: usage.branches.prefix(listLimit).map {
                UsageRow(label: $0.branch, detail: $0.repository ?? "", agents: $0.agents, totals: $0.totals)
            },
            costChart: chart.reference(from: path))
        return ReportPage(
            path: path, template: "usage", title: "Usage", view: view, site: facts.site(for: path), charts: [chart])
    }

    /// Known cost per day, stacked by agent.
    static func costChart(_ usage: UsageFacts, agents: [String], first: Int64, last: Int64) -> SVGChart {
        let count = Int(last - first + 1)
        var values: [String: [Double?]] = [:]
        for day in usage.days {
            guard let seconds = Figures.seconds(day.date) else { continue }
            let index = Int(Figures.day(seconds) - first)
            guard index >= 0, index < count else { continue }
            var series = values[day.agent] ?? Array(repeating: nil, count: count)
            series[index] = (series[index] ?? 0) + day.totals.cost
            values[day.agent] = series
        }
        return SVGChart(
            fileName: "usage-cost.svg", title: "Model cost per day",
            summary: "Known cost of the agents' model requests in US dollars per day, stacked by agent, "
                + "\(Figures.date(ofDay: first)) to \(Figures.date(ofDay: last)).",
            kind: .stackedBars, labels: (first...last).map { Figures.shortDate(ofDay: $0) },
            series: agents.enumerated().map { index, agent in
                SVGChart.Series(
                    name: agent, values: values[agent] ?? Array(repeating: nil, count: count), colour: index)
            }, unit: "$")
    }
}
