import Foundation
import GRDB

/// Ingests the progress log (DESIGN §3.3): the working copy and the log at each configured
/// ref's tip; each entry is stored once, whichever copies it appears in.
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
            problems.append(Diagnostic(.note, file: config.displayPath(config.progressLogPath), "no progress log; nothing to read"))
        }
        let resolver = AgentResolver(config: config)
        return try store.queue.write { db in
            try ReportStore.noteConfigAgents(config, in: db)
            var added = 0
            for version in versions {
                let parser = ProgressLogParser(file: version.label, resolver: resolver, taskIdPattern: config.attribution.taskIdPattern)
                let text = InputText.text(version.data, file: version.label, diagnostics: &problems)
                for entry in parser.parse(text, diagnostics: &problems) {
                    if try ReportStore.insertProgressEntry(entry, source: version.label, at: context.now, in: db) { added += 1 }
                    try ReportStore.noteAgent(entry.agentId, name: entry.agentName, source: "progress", at: entry.timestamp, in: db)
                }
            }
            try ReportStore.recordSuccess(of: name, rows: added, at: context.now, in: db)
            return added
        }
    }
}
