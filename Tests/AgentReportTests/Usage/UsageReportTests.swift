import Foundation
import GRDB
import Testing

@testable import AgentReport

/// Cost per task and per branch, the usage page, the agent section, the index line.
@Suite struct UsageReportTests {
    static let now = UTCTime.parse("2026-05-02T06:00:00Z") ?? 0

    /// A database with board history and requests written by the test.
    static func store() throws -> ReportStore {
        let store = try ReportStore.inMemory()
        try store.queue.write { db in
            func event(_ task: String, _ type: String, _ status: String, _ agent: String?, _ time: String) throws {
                try db.execute(
                    sql:
                        "INSERT INTO task_events (task_id, event_type, new_status, assigned_to, timestamp) VALUES (?, ?, ?, ?, ?)",
                    arguments: [task, type, status, agent, time])
            }
            try event("TASK-1", "created", "todo", "builder", "2026-05-01 08:00:00")
            try event("TASK-1", "updated", "in_progress", "builder", "2026-05-01 10:00:00")
            try event("TASK-1", "updated", "review", "builder", "2026-05-01 12:00:00")
            try event("TASK-2", "updated", "in_progress", "builder", "2026-05-01 12:00:00")
            try event("TASK-2", "completed", "done", "builder", "2026-05-01 14:00:00")
            for (id, title) in [("TASK-1", "Parser"), ("TASK-2", "Writer"), ("TASK-3", "Docs")] {
                try db.execute(
                    sql: """
                        INSERT INTO tasks (task_id, title, status, first_seen_at, status_since, last_changed_at)
                        VALUES (?, ?, 'todo', '2026-05-01', '2026-05-01', '2026-05-01')
                        """, arguments: [id, title])
            }
            func request(
                _ key: Int, _ agent: String, _ time: String, branch: String, cost: Double?, model: String = "m"
            ) throws {
                try db.execute(
                    sql: """
                        INSERT INTO usage_requests (request_key, tool, agent_id, attributed_by, timestamp, session_id, model,
                            repository, branch, input_tokens, output_tokens, cache_read_tokens, total_tokens, cost_usd, recorded_at)
                        VALUES (?, 'claude-code', ?, 'branch-pattern', ?, ?, ?, '.', ?, 100, 10, 900, 1010, ?, '2026-05-02')
                        """, arguments: [key, agent, time, "s-\(agent)", model, branch, cost])
            }
            try request(1, "builder", "2026-05-01 11:00:00", branch: "agent-builder-1", cost: 1.0)
            try request(2, "builder", "2026-05-01 13:00:00", branch: "agent-builder-1", cost: 2.0)
            try request(3, "builder", "2026-05-01 15:00:00", branch: "agent-builder-1", cost: 4.0)
            try request(4, "validator", "2026-05-01 16:00:00", branch: "docs/task-3-readme", cost: 8.0)
            try request(
                5, "validator", "2026-05-02 01:00:00", branch: "docs/task-3-readme", cost: nil, model: "unpriced")
            try db.execute(
                sql:
                    "INSERT INTO usage_tool_calls (tool_use_id, request_key, name, is_error) VALUES ('t1', 1, 'Bash', 1)"
            )
            try db.execute(
                sql: "INSERT INTO agents (id, sources) VALUES ('builder', '[\"usage\"]'), ('validator', '[\"usage\"]')")
        }
        return store
    }

    @Test func costPerTaskIsTheAgentsUsageWhileInProgressPlusTheTasksBranch() throws {
        let facts = try Self.store().queue.read { db in
            try ReportQueries(db, now: Self.now).usageFacts(days: 30, now: Self.now)
        }
        let tasks = Dictionary(uniqueKeysWithValues: facts.tasks.map { ($0.taskId, $0) })
        #expect(tasks["TASK-1"]?.totals.cost == 1.0)
        #expect(tasks["TASK-2"]?.totals.cost == 2.0)
        // Named in the branch (any case): both of its requests, one of them without a price.
        #expect(tasks["TASK-3"]?.totals.cost == 8.0)
        #expect(tasks["TASK-3"]?.totals.unpriced == 1)
        #expect(tasks["TASK-3"]?.agents == ["validator"])
        #expect(facts.tasks.map(\.taskId) == ["TASK-3", "TASK-2", "TASK-1"])
        let branches = facts.branches.map { ($0.branch, $0.totals.cost) }
        #expect(branches.map(\.0) == ["docs/task-3-readme", "agent-builder-1"])
        #expect(branches.map(\.1) == [8.0, 7.0])
    }

    @Test func thePagesShowUsagePerAgentModelDayTaskAndBranch() throws {
        let files = try ReportTestSupport.render(Self.store(), now: Self.now)
        let usage = try #require(files.first { $0.path == "usage.md" }?.contents)
        #expect(usage.contains("| ≥ $15.00 |"))  // known cost, one request without a price
        #expect(usage.contains("| TASK-1 | Parser | builder | 1 |"))
        #expect(usage.contains("| docs/task-3-readme |"))
        #expect(usage.contains("| unpriced | 1 |"))
        let agent = try #require(files.first { $0.path == "agents/builder.md" }?.contents)
        #expect(agent.contains("## Model usage"))
        #expect(agent.contains("3 requests in 1 sessions"))
        #expect(agent.contains("1 tool calls, 1 tool errors"))
        #expect(agent.contains("cache-read share 90 %"))
        let index = try #require(files.first { $0.path == "index.md" }?.contents)
        #expect(index.contains("## Model usage since yesterday"))
        #expect(index.contains("| **team** | 5 |"))
        #expect(files.contains { $0.path == "usage.html" })
        #expect(files.contains { $0.path == "charts/usage-cost.svg" })
    }

    @Test func withoutUsageThePagesSayNothingWasRead() throws {
        let files = try ReportTestSupport.render(ReportStore.inMemory(), now: Self.now)
        let usage = try #require(files.first { $0.path == "usage.md" }?.contents)
        #expect(usage.contains("No model requests in the session logs"))
        #expect(!(files.first { $0.path == "index.md" }?.contents.contains("Model usage") ?? true))
    }
}
