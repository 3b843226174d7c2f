/// The default alert rules of DESIGN §6. The raw value is the first half of every
/// fingerprint (`<rule>:<subject>`); docs/alerts.md describes each.
public enum AlertRule: String, Sendable, CaseIterable {
    case agentSilent = "agent-silent"
    case agentError = "agent-error"
    case agentOffline = "agent-offline"
    case taskBlocked = "task-blocked"
    case taskStalled = "task-stalled"
    case uncommittedChanges = "uncommitted-changes"
    case cpuHigh = "cpu-high"
    case memoryHigh = "memory-high"
    case systemDegraded = "system-degraded"
    case systemUnhealthy = "system-unhealthy"
    case ragHitRateLow = "rag-hit-rate-low"
    case velocityLow = "velocity-low"
    case reviewQueue = "review-queue"
    case inputRejected = "input-rejected"
    /// An agent's or the team's model cost over the last 24 hours above `alerts.dailyCostUSD`
    /// (`teamDailyCostUSD` for the team).
    case costOverBudget = "cost-over-budget"
    case checkPassRateFalling = "check-pass-rate-falling"

    /// The seed's alert `type`: agent, task, system or performance.
    public var type: String {
        switch self {
        case .agentSilent, .agentError, .agentOffline, .uncommittedChanges: "agent"
        case .taskBlocked, .taskStalled, .velocityLow, .reviewQueue: "task"
        case .cpuHigh, .memoryHigh, .ragHitRateLow, .costOverBudget, .checkPassRateFalling: "performance"
        case .systemDegraded, .systemUnhealthy, .inputRejected: "system"
        }
    }

    /// The rule a fingerprint belongs to, when agentreport evaluates it (alerts from metric
    /// lines, `metric:…`, are not agentreport's to open or resolve).
    public static func owning(fingerprint: String) -> AlertRule? {
        guard let colon = fingerprint.firstIndex(of: ":") else { return nil }
        return AlertRule(rawValue: String(fingerprint[..<colon]))
    }
}
