import Foundation
import GRDB
import Testing

@testable import AgentReport

/// Anything dated after "now" is stored but counted in no window and shown as nothing
/// current (issue 12, item 6, the report's side): commits, samples, task events, progress
/// entries and alerts from the future are noted in the freshness table, and that is all.
@Suite struct FutureDataTests {
    static let now = ReportFixture.now

    static func t(_ hours: Double) -> String { UTCTime.format(now + Int64(hours * 3_600)) }

    static func pages() throws -> [String: ReportPage] {
        let store = try ReportStore.inMemory()
        try store.queue.write { db in
            for (hash, hours, merge) in [("a1", -2.0, 0), ("a2", -30.0, 0), ("a3", 24.0 * 60, 0), ("a4", -3.0, 1)] {
                try db.execute(
                    sql: """
                        INSERT INTO git_commits (commit_hash, short_hash, agent_id, message, commit_timestamp, lines_added, is_merge)
                        VALUES (?, ?, 'builder', 'change', ?, 10, ?)
                        """, arguments: [hash, hash, t(hours), merge])
            }
            for (hours, status) in [(-0.1, "idle"), (1.0, "error")] {
                try db.execute(
                    sql:
                        "INSERT INTO agent_metrics (agent_id, timestamp, status, cpu_usage) VALUES ('builder', ?, ?, 5)",
                    arguments: [t(hours), status])
            }
            for (type, status, hours) in [
                ("created", "todo", -48.0), ("completed", "done", -1.0), ("reopened", "todo", 2.0),
                ("completed", "done", 3.0),
            ] {
                try db.execute(
                    sql: """
                        INSERT INTO task_events (task_id, event_type, new_status, assigned_to, changed_by, timestamp)
                        VALUES ('T-1', ?, ?, 'builder', 'builder', ?)
                        """, arguments: [type, status, t(hours)])
            }
            try db.execute(
                sql: """
                    INSERT INTO progress_entries (entry_key, agent_id, timestamp, body, task_ids) VALUES
                      ('p1', 'builder', ?, 'now', '[]'), ('p2', 'builder', ?, 'later', '[]')
                    """, arguments: [t(-1), t(5)])
            try db.execute(
                sql: """
                    INSERT INTO alerts (alert_id, type, severity, title, fingerprint, created_at)
                    VALUES ('f@1', 'system', 'error', 'From the future', 'metric:future', ?)
                    """, arguments: [t(1)])
        }
        var pages: [String: ReportPage] = [:]
        try ReportQueries.read(from: store, now: now) { queries in
            for page in try ReportPages.build(queries, config: ReportConfig(baseDirectory: "/x")) {
                pages[page.path] = page
            }
        }
        return pages
    }

    @Test func futureDataIsCountedInNoWindowAndShownAsNothingCurrent() throws {
        let pages = try Self.pages()
        let index = try #require(pages["index"]?.ownView as? IndexPage.View)
        #expect(index.headline.commits7d == 2, "the commit two months ahead is not counted")
        #expect(index.headline.merges7d == 1)
        #expect(index.headline.completed7d == 1, "the completion after now is not counted")
        #expect(index.headline.openAlerts == 0, "an alert from the future is not open yet")
        let builder = try #require(index.agents.first { $0.agent.name == "builder" })
        #expect(builder.status.hasSuffix("idle"), "the latest sample up to now, not the one after it")
        #expect(builder.sinceYesterday == "2 commits (+20 −0), 1 merge, 1 task moved, 1 completed, 1 progress entry")
        let activity = try #require(pages["activity"]?.ownView as? ActivityView)
        #expect(activity.total.c30 == 2)
        #expect(!activity.commits.contains { $0.hash == "a3" }, "the feed lists nothing from the future")
        let rows = try #require(pages["index"]?.site.sources)
        #expect(rows.first { $0.name == "git" }?.future == 1)
        #expect(rows.first { $0.name == "git" }?.newest == Self.t(-2))
        #expect(rows.first { $0.name == "tasks" }?.future == 2)
        #expect(rows.first { $0.name == "progress" }?.future == 1)
        #expect(rows.first { $0.name == "metrics" }?.future == 1)
    }
}
