import Foundation

/// One input source (DESIGN §3). Each ingests in its own transaction(s): when it throws,
/// what it wrote on this run is rolled back and the other sources still go in.
public protocol IngestSource {
    /// The source's name for `--only` and the freshness table: tasks, progress, git, metrics, rag, usage.
    var name: String { get }
    /// The stage's display name (`ingest task board`).
    var stageName: String { get }
    /// Reads the source into the database; returns the number of new rows. Problems with
    /// the input go to `context.diagnostics`; throw only when the source as a whole failed.
    func ingest(into store: ReportStore, context: RunContext) throws -> Int
}

/// The sources, in the order a build ingests them.
public enum IngestSources {
    /// Every source name `--only` accepts.
    public static let names = ["tasks", "progress", "git", "metrics", "rag", "usage"]

    /// The sources of a run, filtered by `only` when given.
    public static func all(only: Set<String>? = nil) -> [IngestSource] {
        let sources: [IngestSource] = [
            TaskBoardSource(),
            ProgressLogSource(),
            GitSource(),
            MetricsSource(),
            MemoryBankSource(),
            UsageSource(),
        ]
        guard let only else { return sources }
        return sources.filter { only.contains($0.name) }
    }
}
