/// One synthetic agent: id, display name, branch and the part of the code it works on.
public struct DemoAgent: Sendable, Equatable {
    /// The agent id (a slug of at most 20 characters).
    public let id: String
    /// The display name.
    public let name: String
    /// Its branch, `agent-<id>-<unix time>` as the seed system named them.
    public let branch: String
    /// The code area it works in (`Sessions`, `Billing`, …).
    public let area: String
}
