import Foundation
import GRDB

/// Looks at what retention is about to do before it does it, and warns when "now" lies
/// beyond every input's newest data by more than a retention window: the usual sign of a
/// wrong "now" (a demo or a copied workspace built as of today, a bad `--now`), after which
/// every detail sample is gone and the report shows no current samples for good.
public struct RetentionForecast {
    /// The cutoffs the run is about to apply.
    public let policy: RetentionPolicy

    /// A forecast for `policy`.
    public init(policy: RetentionPolicy) {
        self.policy = policy
    }

    /// The warning to print before anything is deleted, or nil when "now" is within reach of the data.
    public func warning(in db: Database) throws -> Diagnostic? {
        guard let newest = try newestData(in: db), let newestTime = UTCTime.parse(newest) else { return nil }
        let days = policy.days
        let window = [days.agentMetricsDays, days.systemHealthDays, days.ragMetricsDays].min() ?? 7
        let gap = policy.now - newestTime
        guard gap > Int64(window) * 86_400 else { return nil }
        let doomed =
            try Int.fetchOne(
                db,
                sql: """
                    SELECT (SELECT COUNT(*) FROM agent_metrics WHERE timestamp < ?) + (SELECT COUNT(*) FROM system_health WHERE timestamp < ?)
                      + (SELECT COUNT(*) FROM rag_metrics WHERE timestamp < ?)
                    """,
                arguments: [
                    UTCTime.format(policy.agentMetricsCutoff), UTCTime.format(policy.systemHealthCutoff),
                    UTCTime.format(policy.ragMetricsCutoff),
                ]) ?? 0
        guard doomed > 0 else { return nil }
        let gapDays = Figures.fixed(Double(gap) / 86_400, 1)
        return Diagnostic(
            .warning,
            "now (\(UTCTime.format(policy.now)) UTC) is \(gapDays) days after the newest data of any input (\(newest) UTC), more than the \(window)-day retention window: this run removes \(doomed) detail samples (their daily and hourly aggregates are kept) and the report will show no current samples",
            hint:
                "if the workspace is a demo or an old copy, build as of its data: --now \(UTCTime.formatISO(newestTime))"
        )
    }

    /// The newest time in any input table (samples, commits, task events, progress entries),
    /// found with index seeks: per agent where the index starts with the agent.
    func newestData(in db: Database) throws -> String? {
        var newest: String?
        func note(_ time: String?) {
            if let time, newest.map({ time > $0 }) ?? true { newest = time }
        }
        for sql in [
            "SELECT MAX(timestamp) FROM system_health", "SELECT MAX(timestamp) FROM rag_metrics",
            "SELECT MAX(timestamp) FROM progress_entries",
        ] {
            note(try String.fetchOne(db, sql: sql))
        }
        let agents = try String.fetchAll(db, sql: "SELECT id FROM agents")
        let sample = try db.cachedStatement(sql: "SELECT MAX(timestamp) FROM agent_metrics WHERE agent_id = ?")
        let commit = try db.cachedStatement(sql: "SELECT MAX(commit_timestamp) FROM git_commits WHERE agent_id = ?")
        for agent in agents + ["unattributed"] {
            note(try String.fetchOne(sample, arguments: [agent]))
            note(try String.fetchOne(commit, arguments: [agent]))
        }
        for type in ["created", "updated", "completed", "blocked", "assigned", "verified", "reopened", "removed"] {
            note(
                try String.fetchOne(
                    db, sql: "SELECT MAX(timestamp) FROM task_events WHERE event_type = ?", arguments: [type]))
        }
        return newest
    }
}
