/// What one `retain` did, or in a dry run would do: one outcome per aggregated table, and
/// the rows removed from the tables that have no aggregate.
public struct RetentionReport: Sendable, Equatable {
    /// Whether nothing was changed (`retain --dry-run`).
    public var dryRun: Bool
    /// The run's "now" as stored text.
    public var runAt: String
    /// Agent metrics, then system health.
    public var rollups: [RollupOutcome] = []
    /// `rag_metrics` rows deleted.
    public var ragRowsDeleted = 0
    /// RAG samples before this (stored text) are deleted.
    public var ragCutoff: String
    /// Resolved, non-critical alerts deleted.
    public var alertsDeleted = 0
    /// Resolved, non-critical alerts resolved before this are deleted.
    public var alertsCutoff: String

    /// An empty report for a run at `runAt`.
    public init(dryRun: Bool, runAt: String, ragCutoff: String, alertsCutoff: String) {
        self.dryRun = dryRun
        self.runAt = runAt
        self.ragCutoff = ragCutoff
        self.alertsCutoff = alertsCutoff
    }

    /// The plan (dry run) or the account (real run), one line per table, for the terminal.
    public var lines: [String] {
        let verb = dryRun ? "would" : ""
        func phrase(_ past: String, _ base: String) -> String { dryRun ? "\(verb) \(base)" : past }
        var lines: [String] = [dryRun ? "Retention plan as of \(runAt) (dry run: nothing is changed)" : "Retention as of \(runAt)"]
        for r in rollups {
            var parts = ["\(phrase("aggregated", "aggregate")) \(r.rowsAggregated) rows into \(r.bucketsAggregated) \(r.aggregateTable) rows"]
            if r.lateRowsMerged > 0 { parts.append("\(phrase("merged", "merge")) \(r.lateRowsMerged) late rows into retired buckets") }
            if r.duplicatesDropped > 0 {
                parts.append("\(phrase("dropped", "drop")) \(r.duplicatesDropped) rows ingested again after their bucket was retired (already counted)")
            }
            parts.append("\(phrase("deleted", "delete")) \(r.rowsDeleted) rows before \(r.detailCutoff) (\(r.bucketsRetired) buckets retired, each covered by its aggregate)")
            parts.append("\(phrase("deleted", "delete")) \(r.aggregatesDeleted) \(r.aggregateTable) rows before \(r.aggregateCutoff)")
            lines.append("  \(r.detailTable): " + parts.joined(separator: "; "))
        }
        lines.append("  rag_metrics: \(phrase("deleted", "delete")) \(ragRowsDeleted) rows before \(ragCutoff)")
        lines.append("  alerts: \(phrase("deleted", "delete")) \(alertsDeleted) resolved non-critical alerts resolved before \(alertsCutoff)")
        return lines
    }

    /// One phrase for the run summary.
    public var summaryNote: String {
        let aggregated = rollups.reduce(0) { $0 + $1.rowsAggregated + $1.lateRowsMerged }
        let deleted = rollups.reduce(0) { $0 + $1.rowsDeleted + $1.aggregatesDeleted } + ragRowsDeleted + alertsDeleted
        return "retention aggregated \(aggregated) and deleted \(deleted) rows"
    }
}
