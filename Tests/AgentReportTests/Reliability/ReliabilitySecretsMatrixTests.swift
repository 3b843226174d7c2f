import Foundation
import GRDB
import Testing

@testable import AgentReport

/// Issue 14, item 1: nothing secret is stored or published. Every secret pattern × every
/// stored text field (one build per pattern, a tagged copy of the secret in each field) ×
/// the database (its dump and its raw bytes) and every output file → zero hits.
@Suite struct ReliabilitySecretsMatrixTests {
    @Test(arguments: SecretSamples.all)
    func noSecretReachesTheDatabaseOrTheReport(_ sample: SecretSamples.Sample) throws {
        let workspace = try SecretWorkspace(sample)
        #expect(workspace.build() == .rejectedInput, "the workspace has two bad metric lines")
        let dump = try workspace.dump()
        let raw = try workspace.rawDatabase()
        let outputs = try workspace.outputFiles()
        #expect(outputs.count > 10)
        #expect(dump.contains("[REDACTED]"))
        for cell in workspace.cells {
            let inDump = Self.lines(of: dump, containing: cell.secret)
            let inFile = raw.contains(cell.secret)
            #expect(inDump.isEmpty, "\(sample.name) in \(cell.field): in the dump: \(inDump)")
            #expect(!inFile, "\(sample.name) in \(cell.field): in the database file's bytes")
            for file in outputs where file.contents.contains(cell.secret) {
                Issue.record("\(sample.name) in \(cell.field): in output/\(file.path)")
            }
        }
    }

    /// Every text column of every table receives a secret from some input and stores it
    /// redacted, unless it is listed below as holding no free text. A column a new source
    /// adds fails here until its inputs get secrets in `SecretWorkspace` (or it is listed,
    /// with the reason).
    @Test func everyStoredTextFieldIsCovered() throws {
        let sample = try #require(SecretSamples.all.first { $0.name == "github-classic" })
        let workspace = try SecretWorkspace(sample)
        _ = workspace.build()
        #expect(workspace.cells.contains { $0.field == "git branch name" }, "the sample must make a valid branch name")
        let queue = try DatabaseQueue(path: workspace.root + "/agentreport.sqlite")
        var uncovered: [String] = []
        try queue.read { db in
            for table in try String.fetchAll(
                db,
                sql:
                    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'grdb_%' ORDER BY name"
            ) {
                for column in try Row.fetchAll(db, sql: "PRAGMA table_info(\"\(table)\")") {
                    let name: String = column["name"]
                    let type = (column["type"] as String).uppercased()
                    guard type.contains("TEXT") || type.contains("CHAR"), Self.noFreeText[table + "." + name] == nil
                    else { continue }
                    let redacted =
                        try Int.fetchOne(
                            db, sql: "SELECT COUNT(*) FROM \"\(table)\" WHERE \"\(name)\" LIKE '%[REDACTED]%'") ?? 0
                    if redacted == 0 { uncovered.append(table + "." + name) }
                }
            }
        }
        #expect(
            uncovered.isEmpty,
            "text columns no secret reached (give their input a secret in SecretWorkspace, or list them in noFreeText with the reason): \(uncovered)"
        )
    }

    /// Text columns that hold no free text from an input, and why. Identifiers are redacted
    /// too when written (the store redacts every text), but no input can put a secret there
    /// whole: ids are slugs of at most 20 characters or hashes; the rest are times, enums,
    /// names the program chooses, or numbers written as text.
    static let noFreeText: [String: String] = {
        var list: [String: String] = [:]
        let times = "a time the program formats"
        let enums = "one of a fixed set of words"
        let slugs = "an agent id: a slug of at most 20 characters [a-z0-9_-]"
        let ids = "an identifier the program derives (hash, task id, key)"
        let ours = "text the program writes itself"
        for column in [
            "agent_metrics.timestamp", "agent_metrics.last_activity", "agent_metrics.created_at",
            "task_events.timestamp",
            "git_commits.commit_timestamp", "git_commits.recorded_at", "system_health.timestamp",
            "rag_metrics.timestamp",
            "alerts.acknowledged_at", "alerts.resolved_at", "alerts.created_at", "alerts.last_seen_at",
            "alerts.silenced_until",
            "schema_version.applied_at", "agents.first_seen", "agents.last_seen", "tasks.first_seen_at",
            "tasks.status_since",
            "tasks.last_changed_at", "progress_entries.timestamp", "progress_entries.recorded_at",
            "memory_patterns.timestamp",
            "source_state.last_attempt_at", "source_state.last_success_at", "runs.now", "git_refs.last_ingested_at",
            "metric_files.updated_at", "agent_metrics_daily.first_sample", "agent_metrics_daily.last_sample",
            "agent_metrics_daily.aggregated_at", "agent_metrics_daily.retired_at", "agent_metrics_daily.date",
            "system_health_hourly.first_sample", "system_health_hourly.last_sample",
            "system_health_hourly.aggregated_at",
            "system_health_hourly.retired_at", "system_health_hourly.hour", "retention_log.run_at",
            "board_history_commits.committer_time", "board_history_commits.replayed_at", "input_rejections.detected_at",
            "agent_metrics_daily.retired_sample_times", "system_health_hourly.retired_sample_times",
            "usage_daily.date", "usage_daily.retired_sample_times",
        ] { list[column] = times }
        for column in [
            "agent_metrics.status", "task_events.event_type", "task_events.previous_status", "task_events.new_status",
            "system_health.overall_status", "alerts.severity", "tasks.status", "source_state.last_status",
            "run_diagnostics.severity", "system_health_hourly.worst_status", "git_exclusions.kind",
            "agent_sessions.event", "usage_files.tool", "usage_files.status", "usage_requests.tool",
        ] { list[column] = enums }
        for column in [
            "agent_metrics.agent_id", "task_events.assigned_to", "task_events.changed_by", "git_commits.agent_id",
            "agents.id", "tasks.assigned_to", "progress_entries.agent_id", "memory_patterns.agent_id",
            "git_refs.agent_id",
            "agent_metrics_daily.agent_id", "alerts.acknowledged_by", "alerts.resolved_by",
            "agent_checks.agent_id", "agent_sessions.agent_id", "usage_daily.agent_id", "usage_requests.agent_id",
        ] { list[column] = slugs }
        for column in [
            "task_events.task_id", "git_commits.commit_hash", "git_commits.short_hash", "tasks.task_id",
            "tasks.sprint_id",
            "tasks.dependencies", "progress_entries.entry_key", "progress_entries.task_ids",
            "memory_patterns.pattern_id",
            "commit_tasks.commit_hash", "commit_tasks.task_id", "git_refs.tip", "git_excluded_commits.commit_hash",
            "board_history_commits.commit_hash", "metric_files.fingerprint", "alerts.fingerprint",
            "git_repositories.root_commits", "git_repositories.shallow_commits",
            "git_repositories.objects_fingerprint",
            "usage_files.file_name", "usage_files.head_fingerprint", "usage_files.tail_fingerprint",
            "usage_tool_calls.tool_use_id",
        ] { list[column] = ids }
        for column in [
            "schema_version.description", "agents.sources", "tasks.board", "progress_entries.source",
            "memory_patterns.source",
            "source_state.source", "runs.command", "runs.summary", "run_diagnostics.stage", "run_diagnostics.file",
            "git_commits.repository", "git_commits.attributed_by", "git_refs.repository", "git_exclusions.repository",
            "git_exclusions.pattern", "git_excluded_commits.repository", "git_excluded_commits.pattern",
            "retention_log.table_name", "maintenance_state.name", "board_history_commits.repository",
            "board_history_commits.board_path", "metric_files.path", "input_rejections.source",
            "input_rejections.stage",
            "input_rejections.file", "git_repositories.repository", "git_repositories.path", "progress_entries.file",
            "usage_files.relative_path", "usage_files.scope", "usage_requests.attributed_by",
            "usage_requests.repository",
        ] { list[column] = ours }
        list["usage_requests.subagent_type"] = "the subagent type Claude Code names (a subagent file's name)"
        list["source_state.detail"] = "the program's account of a run (counts), or a failed source's error message"
        list["alerts.acknowledged_note"] =
            "typed on the command line (`alerts ack --note`), not read from the workspace"
        return list
    }()

    static func lines(of text: String, containing secret: String) -> [Substring] {
        text.split(separator: "\n").filter { $0.contains(secret) }.prefix(3).map { $0.prefix(200) }
    }
}
