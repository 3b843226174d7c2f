import Foundation
import GRDB

/// The system rules: health, RAG hit rate, inputs rejected on this run.
extension AlertEvaluator {
    /// `system-degraded:system` (warning) / `system-unhealthy:system` (critical), from the
    /// latest system-health sample.
    func systemHealth(in db: Database) throws -> [AlertFinding] {
        guard
            let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT timestamp, overall_status, api_latency, error_count FROM system_health
                    WHERE timestamp <= ? ORDER BY timestamp DESC LIMIT 1
                    """, arguments: [nowText])
        else { return [] }
        let status: String = row["overall_status"]
        let time: String = row["timestamp"]
        let rule: AlertRule
        switch status {
        case "degraded": rule = .systemDegraded
        case "unhealthy": rule = .systemUnhealthy
        default: return []
        }
        var detail: [String] = []
        if let latency = row["api_latency"] as Double? { detail.append("API latency \(amount(latency)) ms") }
        if let errors = row["error_count"] as Int? { detail.append("\(errors) errors") }
        return [
            AlertFinding(
                rule: rule, subject: "system", severity: rule == .systemUnhealthy ? .critical : .warning,
                title: "System health is \(status)",
                message: "The latest system-health sample, at \(time) UTC, reports '\(status)'"
                    + (detail.isEmpty ? "" : " (" + detail.joined(separator: ", ") + ")") + ".",
                evidence: ["sample": time, "status": status],
                since: try healthRunStart(status: status, in: db))
        ]
    }

    /// `rag-hit-rate-low:memory-bank`: the latest RAG sample's hit rate below `ragHitRate`.
    /// A sample with no queries has no meaningful hit rate: no alert.
    func ragHitRate(in db: Database) throws -> [AlertFinding] {
        guard
            let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT timestamp, hit_rate, total_queries, query_volume_last_hour FROM rag_metrics
                    WHERE timestamp <= ? ORDER BY timestamp DESC LIMIT 1
                    """, arguments: [nowText]),
            let rate = row["hit_rate"] as Double?
        else { return [] }
        let queries = (row["total_queries"] as Int? ?? 0) + (row["query_volume_last_hour"] as Int? ?? 0)
        guard queries > 0, rate < thresholds.ragHitRate else { return [] }
        let time: String = row["timestamp"]
        return [
            AlertFinding(
                rule: .ragHitRateLow, subject: "memory-bank", severity: .warning,
                title: "RAG hit rate is low",
                message:
                    "The latest RAG sample, at \(time) UTC, reports a hit rate of \(String(format: "%.2f", rate)), below the threshold of \(String(format: "%.2f", thresholds.ragHitRate)).",
                evidence: ["sample": time, "hit_rate": rate, "threshold": thresholds.ragHitRate],
                since: try ragRunStart(in: db))
        ]
    }

    /// `input-rejected:<file>`: one alert per input (file, else stage) rejected on this run,
    /// naming the first problem and how many there were.
    func rejectedInputs() -> [AlertFinding] {
        var bySubject: [String: [Diagnostic]] = [:]
        for diagnostic in rejections where diagnostic.isRejection {
            bySubject[diagnostic.file ?? diagnostic.stage ?? "run", default: []].append(diagnostic)
        }
        return bySubject.keys.sorted().compactMap { subject in
            guard let problems = bySubject[subject], let first = problems.first else { return nil }
            let more =
                problems.count > 1 ? " (and \(problems.count - 1) more problem\(problems.count == 2 ? "" : "s"))" : ""
            return AlertFinding(
                rule: .inputRejected, subject: subject, severity: .error,
                title: "Input rejected: \(subject)",
                message: "On the run at \(nowText) UTC: \(first.formatted)\(more).",
                evidence: [
                    "input": subject, "problems": problems.count,
                    "first": first.formatted, "run": nowText,
                ])
        }
    }

    /// When the current run of system-health samples with `status` began.
    func healthRunStart(status: String, in db: Database) throws -> Int64? {
        let lastOther = try String.fetchOne(
            db, sql: "SELECT MAX(timestamp) FROM system_health WHERE timestamp <= ? AND overall_status <> ?",
            arguments: [nowText, status])
        return try String.fetchOne(
            db, sql: "SELECT MIN(timestamp) FROM system_health WHERE timestamp > ? AND timestamp <= ?",
            arguments: [lastOther ?? "", nowText]
        ).flatMap(UTCTime.parse)
    }

    /// When the current run of RAG samples with queries and a hit rate below the threshold began.
    func ragRunStart(in db: Database) throws -> Int64? {
        let lastOther = try String.fetchOne(
            db,
            sql: """
                SELECT MAX(timestamp) FROM rag_metrics WHERE timestamp <= ?
                  AND NOT (hit_rate < ? AND COALESCE(total_queries, 0) + COALESCE(query_volume_last_hour, 0) > 0)
                """, arguments: [nowText, thresholds.ragHitRate])
        return try String.fetchOne(
            db, sql: "SELECT MIN(timestamp) FROM rag_metrics WHERE timestamp > ? AND timestamp <= ?",
            arguments: [lastOther ?? "", nowText]
        ).flatMap(UTCTime.parse)
    }
}
