import Foundation
import GRDB

/// The retention state of one kind of data: its oldest detail row and aggregate, and what
/// the last retention run did to it.
struct RetentionRecord: Sendable, Equatable {
    /// `Agent metrics`, `System health`, …
    var label: String
    var oldestDetail: String?
    var oldestAggregate: String?
    var removed: Int
    var aggregated: Int
}

extension ReportQueries {
    /// One record per table with retained detail.
    func retentionRecords() throws -> [RetentionRecord] {
        let lastRun = try lastRetentionRun()
        let specs: [(label: String, table: String, detail: String, aggregate: String?)] = [
            (
                "Agent metrics", "agent_metrics", "SELECT MIN(timestamp) FROM agent_metrics",
                "SELECT MIN(date) FROM agent_metrics_daily"
            ),
            (
                "System health", "system_health", "SELECT MIN(timestamp) FROM system_health",
                "SELECT MIN(hour) FROM system_health_hourly"
            ),
            ("RAG metrics", "rag_metrics", "SELECT MIN(timestamp) FROM rag_metrics", nil),
            (
                "Session-log requests", "usage_requests", "SELECT MIN(timestamp) FROM usage_requests",
                "SELECT MIN(date) FROM usage_daily"
            ),
            ("Alerts", "alerts", "SELECT MIN(created_at) FROM alerts", nil),
        ]
        return try specs.map { spec in
            var removed = 0
            var aggregated = 0
            if let lastRun {
                let row = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT SUM(rows_deleted) AS d, SUM(rows_aggregated) AS a FROM retention_log WHERE run_at = ? AND table_name = ?
                        """, arguments: [lastRun, spec.table])
                removed = (row?["d"] as Int?) ?? 0
                aggregated = (row?["a"] as Int?) ?? 0
            }
            return RetentionRecord(
                label: spec.label, oldestDetail: try String.fetchOne(db, sql: spec.detail),
                oldestAggregate: try spec.aggregate.flatMap { try String.fetchOne(db, sql: $0) }, removed: removed,
                aggregated: aggregated)
        }
    }

    /// When retention last ran, stored text.
    func lastRetentionRun() throws -> String? {
        try String.fetchOne(db, sql: "SELECT MAX(run_at) FROM retention_log")
    }
}
