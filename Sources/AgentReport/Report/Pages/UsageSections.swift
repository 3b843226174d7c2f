/// The usage parts of other pages: each agent page's section (tokens and cost per day by
/// model, cache-read share, sessions, tool calls, tool errors) and the index's line (cost
/// and tokens per agent since yesterday). Added to those pages' views by `WithUsage`, so
/// their own builders stay as they are.
enum UsageSections {
    /// Day rows shown on an agent page (newest first).
    static let agentDays = 14

    /// One agent's section over the usage page's window.
    static func agent(_ agent: String, usage: UsageFacts, now: Int64) -> AgentUsageSection {
        let days = usage.days.filter { $0.agent == agent }
        let total = days.reduce(UsageTotals()) { $0 + $1.totals }
        var sessions = 0
        var byDate: [String: Int] = [:]
        for day in days where byDate[day.date] == nil {
            let count =
                usage.sessionsByAgentDay[agent + "\u{0}" + day.date]
                ?? days.filter { $0.date == day.date }
                .reduce(0) { $0 + $1.totals.sessions }
            byDate[day.date] = count
            sessions += count
        }
        var overall = total
        overall.sessions = sessions
        let newestDates = Array(Set(days.map(\.date))).sorted(by: >).prefix(agentDays)
        let rows = days.filter { newestDates.contains($0.date) }
            .sorted { ($0.date, $1.totals.cost, $0.model) > ($1.date, $0.totals.cost, $1.model) }
            .map { UsageRow(label: $0.date, detail: $0.model, totals: $0.totals) }
        let last = Figures.day(now)
        return AgentUsageSection(
            hasUsage: total.requests > 0,
            window: "\(Figures.date(ofDay: last - Int64(UsagePage.days) + 1)) to \(Figures.date(ofDay: last))",
            total: UsageRow(label: "\(UsagePage.days) days", totals: overall), days: rows)
    }

    /// Cost and tokens per agent since the start of yesterday (UTC), for the index.
    static func sinceYesterday(_ usage: UsageFacts, facts: ReportFacts, from path: String) -> UsageSinceYesterday {
        let since = Figures.date(ofDay: Figures.day(facts.now) - 1)
        var byAgent: [String: UsageTotals] = [:]
        for day in usage.days where day.date >= since {
            byAgent[day.agent, default: UsageTotals()] = byAgent[day.agent, default: UsageTotals()] + day.totals
        }
        let total = byAgent.values.reduce(UsageTotals(), +)
        return UsageSinceYesterday(
            since: since + " 00:00 UTC",
            agents: byAgent.keys.sorted().map { agent in
                UsageRow(
                    label: agent, agent: facts.agents.link(agent, from: path), totals: byAgent[agent] ?? UsageTotals())
            },
            total: UsageRow(label: "team", totals: total), hasUsage: total.requests > 0)
    }
}

/// An agent page's usage section.
struct AgentUsageSection: TemplateView, Equatable {
    var hasUsage: Bool
    /// The window, `YYYY-MM-DD to YYYY-MM-DD`.
    var window: String
    /// The window's totals (sessions, tool calls and errors, cache-read share included).
    var total: UsageRow
    /// Per day and model, newest first.
    var days: [UsageRow]

    func value(named name: String) -> Any? {
        switch name {
        case "hasUsage": hasUsage
        case "window": window
        case "total": total
        case "days": days
        default: nil
        }
    }
}

/// The index's usage line: per agent since yesterday.
struct UsageSinceYesterday: TemplateView, Equatable {
    /// `YYYY-MM-DD 00:00 UTC`.
    var since: String
    var agents: [UsageRow]
    var total: UsageRow
    var hasUsage: Bool

    func value(named name: String) -> Any? {
        switch name {
        case "since": since
        case "agents": agents
        case "total": total
        case "hasUsage": hasUsage
        default: nil
        }
    }
}

/// A page's view with usage values added: `usage` (an agent page's section) or
/// `usageSinceYesterday` (the index's line); every other name is the page's own.
struct WithUsage: TemplateView {
    var page: any TemplateView
    var usage: AgentUsageSection?
    var usageSinceYesterday: UsageSinceYesterday?

    func value(named name: String) -> Any? {
        switch name {
        case "page": page
        case "usage": usage
        case "usageSinceYesterday": usageSinceYesterday
        default: page.value(named: name)
        }
    }

    func child(named name: String) -> Any? {
        if let own = value(named: name) { return own }
        return page.child(named: name)
    }
}

extension ReportPage {
    /// The page with usage values added to its view.
    func adding(usage: AgentUsageSection? = nil, sinceYesterday: UsageSinceYesterday? = nil) -> ReportPage {
        var page = self
        page.view = WithUsage(page: view, usage: usage, usageSinceYesterday: sinceYesterday)
        return page
    }
}
