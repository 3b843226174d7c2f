/// Who a demo commit is by.
struct DemoIdentity {
    /// The name and email of the author and committer lines.
    var name: String
    var email: String

    /// The one identity that commits for every agent (as orchestrators do).
    static let orchestrator = DemoIdentity(name: "Agent Orchestrator", email: "orchestrator@agents.example")
    /// The human who merges agent branches into main.
    static let lead = DemoIdentity(name: "Team Lead", email: "lead@example.com")
    /// The script that copies a board between branches.
    static let sync = DemoIdentity(name: "Coordination Sync", email: "sync@agents.example")
}
