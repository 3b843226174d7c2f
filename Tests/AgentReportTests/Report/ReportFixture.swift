import Foundation
import GRDB

@testable import AgentReport

/// A deterministic report database written through SQL inserts: three agents (and one
/// hostile id), a few weeks of task events, commits, samples (detail and daily/hourly
/// aggregates), alerts in every state, and hostile strings wherever input text lands.
enum ReportFixture {
    /// The fixed "now" of every report test: 2026-03-20 12:00:00 UTC.
    static let now: Int64 = 1_774_008_000

    /// The hostile task title: a pipe, a script tag, a javascript link, backticks, a newline.
    static let hostileTitle =
        "Fix | pipe <script>alert(1)</script> [x](javascript:alert(1)) `code` ![img](https://evil.example/x.png)\nsecond line"
    /// The hostile agent id.
    static let hostileAgent = "../../x"

    /// A store holding the fixture.
    static func store() throws -> ReportStore {
        let store = try ReportStore.inMemory()
        try store.queue.write { db in try fill(db) }
        return store
    }

    /// Writes the fixture into a file database at `path` (for the command line and screenshots).
    static func write(to path: String) throws {
        let store = try ReportStore.openForWriting(at: path)
        try store.queue.write { db in try fill(db) }
    }

    static func t(_ daysAgo: Double, _ hour: Int = 0) -> String {
        UTCTime.format(now - Int64(daysAgo * 86_400) + Int64(hour) * 3_600)
    }

    static func fill(_ db: Database) throws {
        try agents(db)
        try tasks(db)
        try commits(db)
        try samples(db)
        try health(db)
        try alerts(db)
        try checks(db)
        try sessions(db)
        try bookkeeping(db)
    }

    /// Test and build runs from the hook: the builder's tests start failing today (the
    /// latest failure in a `test-runner` subagent), a check name and a subagent with Markdown
    /// and HTML in them.
    static func checks(_ db: Database) throws {
        let runs: [(String, Double, Int, String, Int, Double?, String?)] = [
            ("builder", 9, 0, "swift test", 1, 41.5, nil), ("builder", 3, 2, "swift test", 1, 40.0, "test-runner"),
            ("builder", 2, 5, "swift build", 1, 12.0, nil), ("builder", 0.2, 0, "swift test", 0, 39.0, nil),
            ("builder", 0.1, 0, "swift test", 0, nil, "test-runner"),
            ("validator", 1, 3, "make | tee <b>log</b>", 1, 3.25, nil),
            ("validator", 0.5, 1, "make | tee <b>log</b>", 0, 2.0, "qa | <i>bot</i>"),
        ]
        for (agent, daysAgo, hour, name, passed, duration, subagent) in runs {
            try db.execute(
                sql: """
                    INSERT INTO agent_checks (agent_id, timestamp, name, passed, exit_code, duration_s, subagent_type)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [agent, t(daysAgo, hour), name, passed, passed == 1 ? 0 : 1, duration, subagent])
        }
    }

    /// Session events from the hook: the builder's sessions of the last week (more than an
    /// agent page lists, one turn ended by an API error whose reason has Markdown and HTML
    /// in it) and one older session; the validator and architect have none (their pages say so).
    static func sessions(_ db: Database) throws {
        var events: [(Double, Int, String, String, String?)] = [
            (12, 9, "start", "s-old", "startup"), (12, 10, "end", "s-old", "logout"),
        ]
        for day in 0..<6 {
            let daysAgo = Double(day) + 0.4
            events.append((daysAgo, 0, "start", "s-\(day)", day == 0 ? "resume" : "startup"))
            events.append((daysAgo, 2, "end", "s-\(day)", "prompt_input_exit"))
        }
        events.append((1.4, 1, "failure", "s-1", "rate_limit | <b>429</b>"))
        for (daysAgo, hour, event, session, reason) in events {
            try db.execute(
                sql: """
                    INSERT INTO agent_sessions (agent_id, timestamp, event, session_id, reason) VALUES (?, ?, ?, ?, ?)
                    """,
                arguments: ["builder", t(daysAgo, hour), event, session, reason])
        }
    }

    static func agents(_ db: Database) throws {
        for (id, name) in [
            ("architect", "Architect"), ("builder", "Full-Stack Builder"), ("validator", "Validator"),
            (hostileAgent, "<script>alert('agent')</script>"),
        ] {
            try db.execute(
                sql: "INSERT INTO agents (id, name, sources, first_seen, last_seen) VALUES (?, ?, ?, ?, ?)",
                arguments: [id, name, #"["board","git","metrics"]"#, t(40), t(0.1)])
        }
        var n = 0
        for day in stride(from: 20, through: 1, by: -3) {
            for agent in ["architect", "builder", "validator"] {
                n += 1
                let body =
                    n == 4
                    ? "## Heading inside\n<script>alert('body')</script>\n[click](javascript:alert(1)) and ![remote](https://evil.example/p.png)\n\n```\ncode | block\n```\n| a | b |\n|---|---|\n| 1 | 2 |"
                    : "Worked on TASK-10\(n % 9). Tests pass.\n\n### Notes\n- item one\n- item `two`"
                try db.execute(
                    sql: """
                        INSERT INTO progress_entries (entry_key, agent_id, agent_name, timestamp, title, body, task_ids, source, line)
                        VALUES (?, ?, ?, ?, ?, ?, ?, 'progress-log.md', ?)
                        """,
                    arguments: [
                        "k\(n)", agent, agent, t(Double(day), n % 8), n == 4 ? "Title | with <b>html</b>" : nil, body,
                        "[\"TASK-10\(n % 9)\"]", n * 10,
                    ])
            }
        }
        for (i, agent) in ["architect", "builder", "builder", "validator"].enumerated() {
            try db.execute(
                sql: """
                    INSERT INTO memory_patterns (pattern_id, agent_id, timestamp, description, content, tags, source)
                    VALUES (?, ?, ?, ?, 'content', ?, 'memory-bank')
                    """,
                arguments: [
                    "p\(i)", agent, t(Double(25 - i * 7)), "Pattern \(i)",
                    i % 2 == 0 ? #"["swift","grdb"]"# : #"["swift"]"#,
                ])
        }
    }

    static func tasks(_ db: Database) throws {
        // (id, title, final status, assignee, created days ago, path of statuses with days ago)
        let specs: [(String, String, String, String?, [(String, String, Double)])] = [
            (
                "TASK-101", "Project scaffolding", "verified", "architect",
                [
                    ("created", "todo", 21), ("updated", "in_progress", 20.5), ("completed", "done", 19),
                    ("verified", "verified", 18),
                ]
            ),
            (
                "TASK-102", "API specification", "done", "architect",
                [("created", "todo", 21), ("updated", "in_progress", 18), ("completed", "done", 15)]
            ),
            (
                "TASK-103", "Session schema", "done", "builder",
                [
                    ("created", "todo", 20), ("updated", "in_progress", 14), ("completed", "done", 12),
                    ("reopened", "in_progress", 10), ("completed", "done", 8),
                ]
            ),
            (
                "TASK-104", hostileTitle, "blocked", "builder",
                [("created", "todo", 15), ("updated", "in_progress", 9), ("blocked", "blocked", 3)]
            ),
            (
                "TASK-105", "Login endpoint", "in_progress", "builder",
                [("created", "todo", 12), ("updated", "in_progress", 2)]
            ),
            (
                "TASK-106", "Validation suite", "review", "validator",
                [("created", "todo", 10), ("updated", "in_progress", 6), ("updated", "review", 1)]
            ),
            ("TASK-107", "Rate limiting", "todo", nil, [("created", "todo", 5)]),
            (
                "TASK-108", "Docs", "done", "validator",
                [("created", "todo", 9), ("updated", "in_progress", 4), ("completed", "done", 0.5)]
            ),
            ("TASK-109", "Old sprint task", "todo", "architect", [("created", "todo", 30), ("removed", "todo", 16)]),
            ("TASK-110", "Deploy", "todo", hostileAgent, [("created", "todo", 2)]),
        ]
        for (id, title, status, assignee, path) in specs {
            let deps =
                id == "TASK-105" ? #"["TASK-104","TASK-103","TASK-999"]"# : id == "TASK-110" ? #"["TASK-105"]"# : "[]"
            let blockers =
                id == "TASK-104" ? #"["Waiting for | the <b>schema</b> review",{"description":"CI is red"}]"# : "[]"
            let last = path.last?.2 ?? 0
            try db.execute(
                sql: """
                    INSERT INTO tasks (task_id, title, status, raw_status, priority, assigned_to, dependencies, blockers,
                                       removed, first_seen_at, status_since, last_changed_at)
                    VALUES (?, ?, ?, ?, 'HIGH', ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    id, title, status, status.uppercased(), assignee, deps, blockers,
                    path.last?.0 == "removed" ? 1 : 0, t(path.first?.2 ?? 0), t(last), t(last),
                ])
            var previous: String?
            for (type, new, daysAgo) in path {
                try db.execute(
                    sql: """
                        INSERT INTO task_events (task_id, event_type, previous_status, new_status, assigned_to, changed_by, details, timestamp)
                        VALUES (?, ?, ?, ?, ?, ?, '{}', ?)
                        """, arguments: [id, type, previous, new, assignee, assignee ?? "architect", t(daysAgo)])
                previous = new
            }
        }
    }

    static func commits(_ db: Database) throws {
        let agents = ["architect", "builder", "builder", "validator", "unattributed", hostileAgent]
        for i in 0..<40 {
            let agent = agents[i % agents.count]
            let hash = String(repeating: String(format: "%02x", i), count: 20)
            let message =
                i == 7
                ? "Merge | <script>alert('c')</script> [x](javascript:alert(1)) `tick`\n\nbody"
                : "TASK-10\(i % 9): change \(i)"
            try db.execute(
                sql: """
                    INSERT INTO git_commits (commit_hash, short_hash, agent_id, author_name, author_email, message, branch,
                      files_changed, lines_added, lines_deleted, commit_timestamp, repository, is_merge, lines_unknown, attributed_by)
                    VALUES (?, ?, ?, 'Orchestrator', 'bot@example.com', ?, ?, ?, ?, ?, ?, '.', ?, 0, 'branch')
                    """,
                arguments: [
                    hash, String(hash.prefix(7)), agent, message, "agent-\(agent)-1", i % 5 + 1,
                    i == 7 ? 0 : (i * 37) % 200, (i * 11) % 50, t(Double(i) * 0.6, i % 10), i == 7 ? 1 : 0,
                ])
            try db.execute(
                sql: "INSERT INTO commit_tasks (commit_hash, task_id) VALUES (?, ?)",
                arguments: [hash, "TASK-10\(i % 9)"])
        }
        try db.execute(
            sql:
                "INSERT INTO git_refs (repository, ref, tip, agent_id, last_ingested_at) VALUES ('.', 'refs/heads/main', 'abc', NULL, ?)",
            arguments: [t(0.1)])
        try db.execute(
            sql:
                "INSERT INTO git_exclusions (repository, kind, pattern, commits, files, lines_added, lines_deleted) VALUES ('.', 'path', 'node_modules/**', 3, 40, 9000, 12)"
        )
    }

    static func samples(_ db: Database) throws {
        let statuses = ["active", "idle", "active", "blocked", "active", "error"]
        for (a, agent) in ["architect", "builder", "validator"].enumerated() {
            // Detail for the last 10 days every 6 hours; the validator has none (aggregates only).
            if agent != "validator" {
                for step in 0..<40 {
                    let status = statuses[(step + a) % statuses.count]
                    try db.execute(
                        sql: """
                            INSERT INTO agent_metrics (agent_id, timestamp, status, current_task, cpu_usage, memory_usage, memory_percent,
                              uncommitted_changes, uptime_seconds, last_activity, branch)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                            """,
                        arguments: [
                            agent, UTCTime.format(now - Int64(step) * 6 * 3_600 - 600), status,
                            step == 0 ? "TASK-10\(a + 4) | <i>x</i>" : nil, Double((step * 7 + a * 13) % 90) + 0.25,
                            500_000_000 + step * 1_000_000, Double((step * 3 + a) % 40) + 0.5, (step + a) % 12,
                            step * 100, UTCTime.format(now - Int64(step) * 6 * 3_600 - 900), "agent-\(agent)-1",
                        ])
                }
            }
            for day in 11...40 where (day + a) % 7 != 0 {
                try db.execute(
                    sql: """
                        INSERT INTO agent_metrics_daily (agent_id, date, avg_cpu, avg_memory, sample_count, max_cpu, max_memory,
                          avg_memory_usage, max_uncommitted, active_minutes, idle_minutes, blocked_minutes, error_minutes,
                          offline_minutes, first_sample, last_sample)
                        VALUES (?, ?, ?, ?, 288, ?, ?, 5e8, 9, ?, ?, ?, 0, ?, ?, ?)
                        """,
                    arguments: [
                        agent, String(t(Double(day)).prefix(10)), Double(20 + (day * 3 + a) % 50),
                        Double(10 + day % 20),
                        Double(60 + day % 30), Double(30 + day % 20), Double(600 + day * 5), Double(600 - day * 5),
                        Double(day % 4 * 30), Double(day % 3 * 20), t(Double(day)), t(Double(day) - 0.9),
                    ])
            }
        }
    }

    static func health(_ db: Database) throws {
        for hour in 0..<72 {
            let status = hour == 5 ? "unhealthy" : hour % 17 == 0 ? "degraded" : "healthy"
            try db.execute(
                sql: """
                    INSERT INTO system_health (timestamp, overall_status, api_latency, websocket_connections, file_watch_events,
                      error_count, cpu_usage, memory_usage, disk_usage, details)
                    VALUES (?, ?, ?, 3, 100, ?, ?, 2000000000, 41000000000, '{"mcp":"up"}')
                    """,
                arguments: [
                    UTCTime.format(now - Int64(hour) * 3_600 - 300), status, 40 + Double(hour % 9) * 3.5,
                    hour % 11 == 0 ? 2 : 0, 20 + Double(hour % 13),
                ])
        }
        for hour in (4 * 24)..<(12 * 24) where hour % 3 == 0 {
            let stamp = UTCTime.format(((now - Int64(hour) * 3_600) / 3_600) * 3_600)
            try db.execute(
                sql: """
                    INSERT INTO system_health_hourly (hour, sample_count, worst_status, healthy_samples, degraded_samples, unhealthy_samples,
                      avg_latency, max_latency, error_count, avg_cpu, avg_memory, avg_disk, first_sample, last_sample)
                    VALUES (?, 12, ?, 12, 0, 0, ?, ?, ?, ?, 2e9, 4.1e10, ?, ?)
                    """,
                arguments: [
                    stamp, hour % 40 == 0 ? "degraded" : "healthy", 45 + Double(hour % 7), 80 + Double(hour % 20),
                    hour % 5, 25 + Double(hour % 10), stamp, stamp,
                ])
        }
        for day in 0..<20 {
            try db.execute(
                sql: """
                    INSERT INTO rag_metrics (timestamp, total_patterns, total_queries, average_response_time, hit_rate, memory_usage,
                      query_volume_last_hour, top_patterns, recent_queries)
                    VALUES (?, ?, ?, ?, ?, 120000000, ?, ?, '[]')
                    """,
                arguments: [
                    t(Double(day), 3), 4 - day / 6, 500 - day * 20, 80 + Double(day % 5) * 4.25,
                    0.5 + Double(day % 4) * 0.1, 10 + day, #"["Layered | layout","<b>GRDB</b> migrations"]"#,
                ])
        }
    }

    static func alerts(_ db: Database) throws {
        let rows: [(String, String, String, String, Double, Int, Int, String?, String?)] = [
            // alert_id, type, severity, title, created days ago, acknowledged, resolved, silenced_until, fingerprint
            ("a1", "task", "critical", "Task TASK-104 blocked for 3 days", 3, 0, 0, nil, "task-blocked:TASK-104"),
            (
                "a2", "agent", "warning", "builder: 11 uncommitted changes | <script>alert(1)</script>", 1, 0, 0, nil,
                "uncommitted:builder"
            ),
            ("a3", "system", "error", "System unhealthy", 2.5, 1, 0, nil, "health:unhealthy"),
            ("a4", "agent", "warning", "validator silent", 12, 0, 1, nil, "agent-silent:validator"),
            ("a5", "task", "info", "TASK-105 stalled", 4, 0, 0, t(-10), "task-stalled:TASK-105"),
            ("a6", "performance", "info", "Weekly velocity below average", 50, 0, 1, nil, "velocity:weekly"),
            ("a7", "agent", "warning", "Expired silence", 6, 0, 0, t(1), "agent-silent:architect"),
        ]
        for (id, type, severity, title, daysAgo, acknowledged, resolved, silenced, fingerprint) in rows {
            try db.execute(
                sql: """
                    INSERT INTO alerts (alert_id, type, severity, title, message, source, metadata, acknowledged, acknowledged_by,
                      acknowledged_at, resolved, resolved_at, created_at, fingerprint, evidence, acknowledged_note, resolved_by,
                      last_seen_at, silenced_until)
                    VALUES (?, ?, ?, ?, ?, 'agentreport', '{}', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    id, type, severity, title, "Evidence [x](javascript:alert(1))", acknowledged,
                    acknowledged == 1 ? "lead" : nil, acknowledged == 1 ? t(daysAgo - 0.5) : nil, resolved,
                    resolved == 1 ? t(daysAgo - 1) : nil, t(daysAgo), fingerprint,
                    #"{"task":"TASK-104","since":"2026-03-17 12:00:00","value":11}"#,
                    acknowledged == 1 ? "Looking | into it" : nil, resolved == 1 ? "agentreport" : nil, t(0.1),
                    silenced,
                ])
        }
    }

    static func bookkeeping(_ db: Database) throws {
        try db.execute(
            sql: "INSERT INTO source_state VALUES ('tasks', ?, ?, 'ok', 10, NULL)", arguments: [t(0.1), t(0.1)])
        try db.execute(
            sql: "INSERT INTO source_state VALUES ('progress', ?, ?, 'ok', 3, NULL)", arguments: [t(0.1), t(0.1)])
        try db.execute(sql: "INSERT INTO source_state VALUES ('git', ?, ?, 'ok', 40, NULL)", arguments: [t(2), t(2)])
        try db.execute(
            sql:
                "INSERT INTO source_state VALUES ('metrics', ?, ?, 'failed', 0, 'metrics/agents.jsonl: unreadable | <b>denied</b>')",
            arguments: [t(0.1), t(0.5)])
        try db.execute(
            sql: "INSERT INTO runs (command, now, exit_code, summary) VALUES ('build', ?, 3, '{}')", arguments: [t(0.1)]
        )
        try db.execute(
            sql: """
                INSERT INTO run_diagnostics (run_id, stage, severity, file, line, column, message)
                VALUES (1, 'ingest metrics', 'error', 'metrics/agents.jsonl', 17, 3, 'not JSON: <script>alert(1)</script> | `x`')
                """)
        try db.execute(
            sql:
                "INSERT INTO retention_log (run_at, table_name, rows_aggregated, rows_deleted) VALUES (?, 'agent_metrics', 288, 280)",
            arguments: [t(0.1)])
    }
}
