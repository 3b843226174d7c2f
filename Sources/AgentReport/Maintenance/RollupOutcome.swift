/// What aggregating and retiring one detail table did (or, in a dry run, would do).
public struct RollupOutcome: Sendable, Equatable {
    /// The detail table (`agent_metrics`).
    public var detailTable: String
    /// The aggregate table (`agent_metrics_daily`).
    public var aggregateTable: String
    /// Buckets (agent days, hours) whose aggregate was written or recomputed.
    public var bucketsAggregated = 0
    /// Detail rows summarised into those aggregates.
    public var rowsAggregated = 0
    /// Late rows merged into a bucket whose detail had already been deleted.
    public var lateRowsMerged = 0
    /// Samples ingested again after their bucket was retired (same agent and time as one
    /// already counted): deleted without being counted twice.
    public var duplicatesDropped = 0
    /// Detail rows deleted (each covered by its aggregate, or a duplicate of one it covers).
    public var rowsDeleted = 0
    /// Buckets whose detail was deleted.
    public var bucketsRetired = 0
    /// Aggregate rows deleted because they are older than the aggregate retention.
    public var aggregatesDeleted = 0
    /// Detail older than this (UTC text) is deleted.
    public var detailCutoff: String
    /// Aggregates of buckets before this label are deleted.
    public var aggregateCutoff: String

    /// An outcome with nothing done yet.
    public init(detailTable: String, aggregateTable: String, detailCutoff: String, aggregateCutoff: String) {
        self.detailTable = detailTable
        self.aggregateTable = aggregateTable
        self.detailCutoff = detailCutoff
        self.aggregateCutoff = aggregateCutoff
    }
}
