/// Tokens, cost and activity of a set of requests: a day, an agent, a model, a task, a branch.
struct UsageTotals: Sendable, Equatable {
    var requests = 0
    var sessions = 0
    var input: Int64 = 0
    var output: Int64 = 0
    var cacheWrite: Int64 = 0
    var cacheRead: Int64 = 0
    /// The known costs, in US dollars.
    var cost = 0.0
    /// Requests whose cost is unknown (not in `cost`).
    var unpriced = 0
    var toolCalls = 0
    var toolErrors = 0

    /// Every token.
    var tokens: Int64 { input + output + cacheWrite + cacheRead }

    /// The share of input read from the cache (0…1); nil without input.
    var cacheReadShare: Double? {
        let prompt = input + cacheWrite + cacheRead
        return prompt > 0 ? Double(cacheRead) / Double(prompt) : nil
    }

    /// Both added.
    static func + (a: UsageTotals, b: UsageTotals) -> UsageTotals {
        UsageTotals(
            requests: a.requests + b.requests, sessions: a.sessions + b.sessions, input: a.input + b.input,
            output: a.output + b.output, cacheWrite: a.cacheWrite + b.cacheWrite, cacheRead: a.cacheRead + b.cacheRead,
            cost: a.cost + b.cost, unpriced: a.unpriced + b.unpriced, toolCalls: a.toolCalls + b.toolCalls,
            toolErrors: a.toolErrors + b.toolErrors)
    }
}

/// One agent's usage of one model on one UTC day (from request detail, or from the daily
/// aggregate once the detail is retired).
struct UsageDay: Sendable, Equatable {
    var agent: String
    var model: String
    /// `YYYY-MM-DD`.
    var date: String
    var totals: UsageTotals
}

/// What the session logs cost per task: an agent's usage while it had the task in progress,
/// plus the sessions on a branch named after the task.
struct TaskUsage: Sendable, Equatable {
    var taskId: String
    var title: String?
    /// The agents whose usage counted, by id.
    var agents: [String]
    var totals: UsageTotals
}

/// What the session logs cost per branch.
struct BranchUsage: Sendable, Equatable {
    var repository: String?
    var branch: String
    var agents: [String]
    var totals: UsageTotals
}

/// Everything the usage page and sections read.
struct UsageFacts: Sendable, Equatable {
    /// Per agent, model and day, oldest first.
    var days: [UsageDay]
    /// Distinct sessions per agent and day (request detail only), `agent\u{0}date` → count.
    var sessionsByAgentDay: [String: Int]
    var tasks: [TaskUsage]
    var branches: [BranchUsage]
    /// The embedded price table's date.
    var priceTableDate: String
    /// The newest request, stored text.
    var newestRequest: String?
    /// The oldest request still kept in detail (per-task and per-branch figures start here).
    var oldestDetail: String?

    /// No usage at all.
    static let empty = UsageFacts(
        days: [], sessionsByAgentDay: [:], tasks: [], branches: [], priceTableDate: PriceTable.embeddedDate,
        newestRequest: nil, oldestDetail: nil)
}
