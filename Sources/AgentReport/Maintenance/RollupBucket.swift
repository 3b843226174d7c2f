/// One bucket of a rollup: an agent's UTC day, or a UTC hour of system health.
struct RollupBucket: Hashable, Comparable, Sendable {
    /// The agent, for per-agent rollups.
    let agent: String?
    /// `YYYY-MM-DD` or `YYYY-MM-DD HH:00:00`.
    let label: String

    /// Agent, then label.
    static func < (a: RollupBucket, b: RollupBucket) -> Bool {
        (a.agent ?? "", a.label) < (b.agent ?? "", b.label)
    }

    /// How the bucket reads in messages: `builder 2026-01-01` or `2026-01-01 13:00:00`.
    var description: String { agent.map { "\($0) \(label)" } ?? label }
}
