/// Formatting of usage figures for the pages: dollars, token counts, shares.
enum UsageFormat {
    /// `$12.34` (`$0.0012` below a cent, so small costs are not shown as zero); with unpriced
    /// requests, `≥ $12.34`: the known part of an unknown total.
    static func cost(_ dollars: Double, unpriced: Int = 0) -> String {
        let digits = dollars != 0 && abs(dollars) < 0.01 ? 4 : 2
        return (unpriced > 0 ? "≥ " : "") + "$" + Figures.fixed(dollars, digits)
    }

    /// A token count with thin grouping: `1 234 567`.
    static func tokens(_ count: Int64) -> String {
        let digits = String(count.magnitude)
        var grouped = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { grouped += "\u{202F}" }
            grouped.append(digit)
        }
        return (count < 0 ? "-" : "") + grouped
    }

    /// `87 %`, or `—` without input.
    static func share(_ value: Double?) -> String {
        Figures.fixed(value.map { $0 * 100 }, 0, suffix: " %")
    }
}

/// One row of a usage table: who or what, and its totals as text.
struct UsageRow: TemplateView, Equatable {
    /// What the row is about (a model, a day, a branch, a task id).
    var label: String
    /// The agent, on per-agent rows.
    var agent: AgentLink?
    /// A second text (a task's title, a branch's repository), may be empty.
    var detail: String
    /// The agents, comma-separated (tasks, branches).
    var agents: String
    var requests: Int
    var sessions: Int
    var input: String
    var output: String
    var cacheWrite: String
    var cacheRead: String
    var tokens: String
    /// The share of input read from the cache.
    var cacheShare: String
    var cost: String
    /// Requests with an unknown cost (0: none).
    var unpriced: Int
    var toolCalls: Int
    var toolErrors: Int

    /// A row of `totals`.
    init(label: String, agent: AgentLink? = nil, detail: String = "", agents: [String] = [], totals: UsageTotals) {
        self.label = label
        self.agent = agent
        self.detail = detail
        self.agents = agents.joined(separator: ", ")
        requests = totals.requests
        sessions = totals.sessions
        input = UsageFormat.tokens(totals.input)
        output = UsageFormat.tokens(totals.output)
        cacheWrite = UsageFormat.tokens(totals.cacheWrite)
        cacheRead = UsageFormat.tokens(totals.cacheRead)
        tokens = UsageFormat.tokens(totals.tokens)
        cacheShare = UsageFormat.share(totals.cacheReadShare)
        cost = UsageFormat.cost(totals.cost, unpriced: totals.unpriced)
        unpriced = totals.unpriced
        toolCalls = totals.toolCalls
        toolErrors = totals.toolErrors
    }

    func value(named name: String) -> Any? {
        switch name {
        case "label": label
        case "agent": agent
        case "detail": detail
        case "agents": agents
        case "requests": requests
        case "sessions": sessions
        case "input": input
        case "output": output
        case "cacheWrite": cacheWrite
        case "cacheRead": cacheRead
        case "tokens": tokens
        case "cacheShare": cacheShare
        case "cost": cost
        case "unpriced": unpriced
        case "toolCalls": toolCalls
        case "toolErrors": toolErrors
        default: nil
        }
    }
}

/// The usage headline: the window's totals and what they rest on.
struct UsageHeadline: TemplateView, Equatable {
    /// `2026-05-03 to 2026-06-01`.
    var window: String
    var days: Int
    var cost: String
    var tokens: String
    var requests: Int
    var sessions: Int
    /// Requests whose cost is unknown (their model has no price).
    var unpriced: Int
    /// The embedded price table's date.
    var priceDate: String
    /// The newest request.
    var newest: String
    /// Since when per-task and per-branch figures can be computed (request detail).
    var detailSince: String

    func value(named name: String) -> Any? {
        switch name {
        case "window": window
        case "days": days
        case "cost": cost
        case "tokens": tokens
        case "requests": requests
        case "sessions": sessions
        case "unpriced": unpriced
        case "priceDate": priceDate
        case "newest": newest
        case "detailSince": detailSince
        default: nil
        }
    }
}
