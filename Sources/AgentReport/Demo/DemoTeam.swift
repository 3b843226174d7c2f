/// The team of a demo workspace, and which agent plays which incident near the end.
public struct DemoTeam: Sendable {
    /// The agents, in order.
    public let agents: [DemoAgent]

    /// A team of `count` agents whose branches were created just after `start`.
    public init(count: Int, start: Int64) {
        var agents: [DemoAgent] = []
        for index in 0..<count {
            let role = Self.roles[index % Self.roles.count]
            let round = index / Self.roles.count
            let id = round == 0 ? role.id : "\(role.id)-\(round + 1)"
            let name = round == 0 ? role.name : "\(role.name) \(round + 1)"
            let area = Self.areas[index % Self.areas.count] + (round == 0 ? "" : "\(round + 1)")
            agents.append(DemoAgent(id: id, name: name, branch: "agent-\(id)-\(start + 3600 + Int64(index) * 60)", area: area))
        }
        self.agents = agents
    }

    /// The agent that goes silent for the last 30 hours.
    public var silent: Int { agents.count - 1 }
    /// The agent that reports `error` at the end (another than the silent one when there are two).
    public var erring: Int { agents.count >= 3 ? 1 : 0 }
    /// The agent with high cpu and many uncommitted changes at the end.
    public var busy: Int { 0 }
    /// The agent with high memory at the end (its own agent from four agents on).
    public var memoryHungry: Int { agents.count >= 4 ? 2 : erring }
    /// The agent that reviews, verifies and reopens tasks.
    public var validator: Int { min(2, agents.count - 1) }
    /// The agent that plans sprints.
    public var planner: Int { 0 }

    static let roles: [(id: String, name: String)] = [
        ("architect", "Solution Architect"), ("builder", "Full-Stack Builder"), ("validator", "Quality Validator"),
        ("frontend", "Frontend Engineer"), ("backend", "Backend Engineer"), ("tester", "Test Engineer"),
        ("docs", "Documentation Writer"), ("devops", "DevOps Engineer"), ("security", "Security Reviewer"),
        ("data", "Data Engineer"),
    ]

    static let areas = [
        "Core", "Sessions", "Validation", "WebUI", "API", "Testing", "Docs", "Deploy", "Auth", "Storage",
    ]
}
