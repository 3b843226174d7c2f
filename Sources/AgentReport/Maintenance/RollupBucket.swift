/// One bucket of a rollup: an agent's UTC day, an agent's and model's UTC day, or a UTC
/// hour of system health.
struct RollupBucket: Hashable, Comparable, Sendable {
    /// The values of the rollup's key columns (`agent_id`; `agent_id`, `model`; none).
    let keys: [String]
    /// `YYYY-MM-DD` or `YYYY-MM-DD HH:00:00`.
    let label: String

    /// A bucket of the given key values.
    init(keys: [String], label: String) {
        self.keys = keys
        self.label = label
    }

    /// An agent's bucket, or (nil) a bucket of a rollup without keys.
    init(agent: String?, label: String) {
        self.init(keys: agent.map { [$0] } ?? [], label: label)
    }

    /// Keys, then label.
    static func < (a: RollupBucket, b: RollupBucket) -> Bool {
        a.keys != b.keys ? a.keys.lexicographicallyPrecedes(b.keys) : a.label < b.label
    }

    /// How the bucket reads in messages: `builder 2026-01-01` or `2026-01-01 13:00:00`.
    var description: String { (keys + [label]).joined(separator: " ") }
}
