import Foundation
import GRDB

/// Ingests the progress log (DESIGN §3.3): the working copy and the log at each configured
/// ref's tip; each entry is stored once, whichever copies it appears in, and updated when
/// its body changes (see `ProgressEntry.key`). An entry that leaves the log stays stored.
public struct ProgressLogSource: IngestSource {
    public let name = "progress"
    public let stageName = "ingest progress log"

    /// The source.
    public init() {}

    public func ingest(into store: ReportStore, context: RunContext) throws -> Int {
        let config = context.config
        var problems: [Diagnostic] = []
        defer { context.diagnostics.report(contentsOf: problems) }
        let versions = try CoordinationFileVersions(config: config).versions(
            of: config.progressLogPath, limit: InputFile.Limit.progressLog, diagnostics: &problems)
        if versions.isEmpty {
            problems.append(
                Diagnostic(.note, file: config.displayPath(config.progressLogPath), "no progress log; nothing to read"))
        }
        let resolver = AgentResolver(config: config)
        // Entries are keyed by the log's path relative to the workspace, whichever copy they
        // were read from, so a moved workspace or another branch's copy finds the same entries.
        let path = config.displayPath(config.progressLogPath)
        var order: [String] = []
        var chosen: [String: (entry: ProgressEntry, source: String)] = [:]
        for version in versions {
            let parser = ProgressLogParser(
                file: version.label, path: path, resolver: resolver, taskIdPattern: config.attribution.taskIdPattern)
            let text = InputText.text(version.data, file: version.label, diagnostics: &problems)
            for entry in parser.parse(text, diagnostics: &problems) {
                guard let current = chosen[entry.key] else {
                    order.append(entry.key)
                    chosen[entry.key] = (entry, version.label)
                    continue
                }
                // Copies disagree when an agent appended to its entry on its own branch: the
                // longest body is the newest (ties: the working copy, then refs by name).
                if entry.body.count > current.entry.body.count { chosen[entry.key] = (entry, version.label) }
            }
        }
        return try store.queue.write { db in
            try ReportStore.noteConfigAgents(config, in: db)
            var stored = 0
            for key in order {
                guard let (entry, source) = chosen[key] else { continue }
                if try ReportStore.storeProgressEntry(entry, source: source, at: context.now, in: db) != .unchanged {
                    stored += 1
                }
                try ReportStore.noteAgent(
                    entry.agentId, name: entry.agentName, source: "progress", at: entry.timestamp, in: db)
            }
            try ReportStore.recordSuccess(of: name, rows: stored, at: context.now, in: db)
            return stored
        }
    }
}
