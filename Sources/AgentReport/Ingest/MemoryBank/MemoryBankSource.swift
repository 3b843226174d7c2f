import Foundation
import GRDB

/// Ingests the RAG memory bank (DESIGN §3.4): one JSON file per pattern, from the working
/// copy and from each configured ref's tip. The working copy's version of a pattern wins;
/// otherwise the newest (by its timestamp, then ref name).
public struct MemoryBankSource: IngestSource {
    public let name = "rag"
    public let stageName = "ingest memory bank"

    /// The source.
    public init() {}

    public func ingest(into store: ReportStore, context: RunContext) throws -> Int {
        let config = context.config
        var problems: [Diagnostic] = []
        defer { context.diagnostics.report(contentsOf: problems) }
        let versions = try CoordinationFileVersions(config: config)
            .versions(
                inFolder: config.memoryBankPath, suffix: ".json", limit: InputFile.Limit.memoryPattern,
                diagnostics: &problems)
        let resolver = AgentResolver(config: config)
        var chosen: [String: (pattern: MemoryPattern, origin: String, workingCopy: Bool)] = [:]
        for version in versions {
            let parser = MemoryPatternParser(
                file: version.label, name: version.name, severity: version.isWorkingCopy ? .error : .warning,
                resolver: resolver)
            guard let pattern = parser.parse(version.data, diagnostics: &problems) else { continue }
            if let current = chosen[pattern.id] {
                if current.workingCopy { continue }
                if !version.isWorkingCopy, (current.pattern.timestamp ?? .min) >= (pattern.timestamp ?? .min) {
                    continue
                }
            }
            chosen[pattern.id] = (pattern, version.label, version.isWorkingCopy)
        }
        return try store.queue.write { db in
            try ReportStore.noteConfigAgents(config, in: db)
            var changed = 0
            for id in chosen.keys.sorted() {
                guard let entry = chosen[id] else { continue }
                if try ReportStore.upsertMemoryPattern(entry.pattern, source: entry.origin, at: context.now, in: db) {
                    changed += 1
                }
                if let agent = entry.pattern.agentId {
                    try ReportStore.noteAgent(agent, source: "memory", at: entry.pattern.timestamp, in: db)
                }
            }
            try ReportStore.recordSuccess(of: name, rows: changed, at: context.now, in: db)
            return changed
        }
    }
}
