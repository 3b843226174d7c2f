import Foundation
import GRDB

/// Ingests tokens and cost from the coding agents' own session logs (DESIGN §3.7, issue 16):
/// Claude Code transcripts and Codex rollouts, into `usage_requests` and `usage_tool_calls`.
///
/// Only sessions whose working directory lies in a checkout of a configured repository are
/// read (`UsageScope`); conversation text is never stored. Incremental like metrics: each
/// file is read on from where the last run stopped (`usage_files`: offset, fingerprints,
/// and what the reader must remember), each chunk's requests and the new offset stored
/// together (a savepoint; a commit every 256 MB read, `TransactionBatch`); a last line
/// without its newline waits for the next run.
/// Requests are deduplicated by their own ids (`UsageKeys`), so copies in other files or
/// folders count once.
public struct UsageSource: IngestSource {
    public let name = "usage"
    public let stageName = "ingest session logs"
    /// The most bytes read at once; also the longest line read (longer ones are skipped).
    public var chunkSize: Int
    /// Bad lines reported one by one per file before they are only counted.
    public static let maxProblemsPerFile = 5

    /// A source reading `chunkSize` bytes at a time (tests use small chunks to cross them).
    public init(chunkSize: Int = 8 << 20) {
        self.chunkSize = chunkSize
    }

    public func ingest(into store: ReportStore, context: RunContext) throws -> Int {
        let config = context.config
        let locations = SessionLogLocations(config: config, environment: context.environment)
        let attribution = AgentAttribution.discover(config: config, searchPath: context.environment["PATH"])
        let scope = UsageScope(attribution: attribution, config: config)
        let run = UsageIngestRun(
            source: self, store: store, context: context, scope: scope,
            prices: PriceTable(overrides: config.usage.prices))
        if scope.isEmpty {
            context.diagnostics.report(
                Diagnostic(
                    .note, "no checkout of a configured repository: no session log read",
                    hint: "usage reads only sessions whose working directory lies in a repository of `repositories`"))
        } else {
            var skippedFolders = 0
            var files: [SessionLogFile] = []
            for root in locations.claudeProjects {
                files += SessionLogFile.claudeTranscripts(in: root, scope: scope, skipped: &skippedFolders)
            }
            for root in locations.codexSessions { files += SessionLogFile.codexRollouts(in: root) }
            run.totals.otherProjectFolders = skippedFolders
            try run.ingest(files)
        }
        try store.queue.write { db in
            try ReportStore.forgetUsageFiles(
                except: run.seen,
                existing: { tool, relativePath in
                    let roots =
                        tool == SessionLogTool.codex.rawValue ? locations.codexSessions : locations.claudeProjects
                    return !relativePath.isEmpty
                        && roots.contains {
                            InputFile.isRegularFile(($0 as NSString).appendingPathComponent(relativePath))
                        }
                }, in: db)
            // `unattributed` is not an agent (DESIGN §3.1): its requests are kept, it is not listed.
            for (agent, times) in run.totals.agents.sorted(by: { $0.key < $1.key })
            where agent != AgentAttribution.unattributed {
                try ReportStore.noteAgent(agent, source: name, at: times.last, in: db)
                if times.first != times.last { try ReportStore.noteAgent(agent, source: name, at: times.first, in: db) }
            }
            try ReportStore.recordSuccess(
                of: name, rows: run.totals.inserted, detail: run.totals.detail, at: context.now, in: db)
        }
        run.reportUnpricedModels()
        return run.totals.inserted
    }
}
