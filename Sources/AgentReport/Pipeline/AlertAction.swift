/// What `agentreport alerts` is asked to do.
public enum AlertAction: Sendable, Equatable {
    /// List open alerts (or all of them), as text or JSON.
    case list(all: Bool, json: Bool)
    /// Acknowledge an alert (numeric id or `alert_id`).
    case acknowledge(id: String, by: String, note: String?)
    /// Resolve an alert by hand.
    case resolve(id: String, by: String?)
}
