/// What `demo` wrote, for its summary line.
public struct DemoSummary: Sendable, Equatable {
    /// The agents of the team.
    public var agents: [DemoAgent]
    /// Commits in the repository, merges included.
    public var commits = 0
    /// Merge commits (agent branches into main).
    public var merges = 0
    /// Versions of the board written to git.
    public var boardVersions = 0
    /// Entries in the progress log.
    public var progressEntries = 0
    /// Pattern records in the memory bank.
    public var patterns = 0
    /// Lines in `metrics/*.jsonl` (one deliberately bad).
    public var metricLines = 0
}
