import GRDB

/// Runs aggregation and retention over every table of DESIGN §5.
///
/// Each group — agent metrics with their daily aggregates, system health with its hourly
/// aggregates, session-log requests with their daily usage, RAG samples, alerts — runs in
/// its own transaction, which also appends the group's `retention_log` rows: a failure rolls that group back whole. A dry run does the
/// same work and rolls every transaction back, so its plan is exactly what a real run would
/// do, and nothing changes.
public struct RetentionRunner {
    /// The cutoffs of this run.
    public let policy: RetentionPolicy
    /// Called inside each rollup's transaction after the aggregates are written and before
    /// anything is deleted, with the detail table's name. Tests inject failures here.
    public var beforeDelete: (String, Database) throws -> Void
    /// Told which group is being worked on (`agent_metrics (1/5)`), for a progress line.
    public var progress: (String) -> Void = { _ in }

    /// A runner for `policy`; `beforeDelete` defaults to nothing.
    public init(policy: RetentionPolicy, beforeDelete: @escaping (String, Database) throws -> Void = { _, _ in }) {
        self.policy = policy
        self.beforeDelete = beforeDelete
    }

    /// Aggregates and applies retention; with `dryRun`, reports the same plan and changes nothing.
    public func run(on store: ReportStore, dryRun: Bool = false) throws -> RetentionReport {
        var report = RetentionReport(
            dryRun: dryRun, runAt: UTCTime.format(policy.now),
            ragCutoff: UTCTime.format(policy.ragMetricsCutoff), alertsCutoff: UTCTime.format(policy.alertsCutoff))
        let rollups = [
            RollupRetention(
                rollup: .agentDaily, detailCutoff: policy.agentMetricsCutoff,
                aggregateCutoff: policy.agentDailyCutoff, now: policy.now),
            RollupRetention(
                rollup: .healthHourly, detailCutoff: policy.systemHealthCutoff,
                aggregateCutoff: policy.systemHealthHourlyCutoff, now: policy.now),
            // Daily usage is kept for good: its aggregate cutoff is the start of time.
            RollupRetention(
                rollup: .usageDaily, detailCutoff: policy.usageRequestsCutoff, aggregateCutoff: 0, now: policy.now),
        ]
        for (index, rollup) in rollups.enumerated() {
            progress("\(rollup.rollup.detailTable) (\(index + 1)/\(rollups.count + 2))")
            let outcome = try transaction(on: store, dryRun: dryRun) { db in
                let outcome = try rollup.run(in: db) { db in try beforeDelete(rollup.rollup.detailTable, db) }
                try log(
                    [
                        (outcome.detailTable, outcome.rowsAggregated + outcome.lateRowsMerged, outcome.rowsDeleted),
                        (outcome.aggregateTable, 0, outcome.aggregatesDeleted),
                    ], in: db)
                return outcome
            }
            report.rollups.append(outcome)
        }
        progress("rag_metrics (\(rollups.count + 1)/\(rollups.count + 2))")
        report.ragRowsDeleted = try transaction(on: store, dryRun: dryRun) { db in
            try db.execute(
                sql: "DELETE FROM rag_metrics WHERE timestamp < ?", arguments: [UTCTime.format(policy.ragMetricsCutoff)]
            )
            let deleted = db.changesCount
            try log([("rag_metrics", 0, deleted)], in: db)
            return deleted
        }
        progress("alerts (\(rollups.count + 2)/\(rollups.count + 2))")
        report.alertsDeleted = try transaction(on: store, dryRun: dryRun) { db in
            // Open alerts are current, whatever their age; critical ones are kept for good.
            try db.execute(
                sql: """
                    DELETE FROM alerts
                    WHERE resolved = 1 AND severity <> 'critical' AND COALESCE(resolved_at, created_at) < ?
                    """, arguments: [UTCTime.format(policy.alertsCutoff)])
            let deleted = db.changesCount
            try log([("alerts", 0, deleted)], in: db)
            return deleted
        }
        return report
    }
}

private extension RetentionRunner {
    /// Runs `body` in one transaction, committed, or rolled back for a dry run.
    func transaction<T>(on store: ReportStore, dryRun: Bool, _ body: (Database) throws -> T) throws -> T {
        try store.queue.writeWithoutTransaction { db in
            var result: T?
            try db.inTransaction(.immediate) {
                result = try body(db)
                return dryRun ? .rollback : .commit
            }
            guard let result else { throw RetentionError("retention: a transaction ended without a result") }
            return result
        }
    }

    func log(_ rows: [(String, Int, Int)], in db: Database) throws {
        for (table, aggregated, deleted) in rows {
            try db.execute(
                sql:
                    "INSERT INTO retention_log (run_at, table_name, rows_aggregated, rows_deleted) VALUES (?, ?, ?, ?)",
                arguments: [UTCTime.format(policy.now), table, aggregated, deleted])
        }
    }
}
