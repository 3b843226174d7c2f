import Foundation
import GRDB
import Testing

@testable import AgentReport

/// Requests are kept `usage.retainDays`, then only their daily aggregate per agent and model
/// — written before the detail is deleted, in the same transaction, and kept for good.
@Suite struct UsageRetentionTests {
    func fixture() throws -> UsageFixture {
        let f = try UsageFixture()
        let cwd = f.repo
        try f.write(
            f.claudeFolder(for: cwd) + "/s1.jsonl",
            [
                LogLine.assistant(
                    id: "m1", request: "r1", cwd: cwd, time: "2026-01-10T10:00:00.000Z", input: 100, output: 10,
                    cacheRead: 1000, content: LogLine.toolUse("t1", "Bash")),
                LogLine.toolResult("t1", error: true, cwd: cwd),
                LogLine.assistant(
                    id: "m2", request: "r2", cwd: cwd, time: "2026-01-10T11:00:00.000Z", input: 200, output: 20,
                    content: LogLine.toolUse("t2", "Read")),
                LogLine.assistant(
                    id: "m3", request: "r3", session: "s2", cwd: cwd, time: "2026-01-10T12:00:00.000Z",
                    model: "mystery-model", output: 30),
                LogLine.assistant(id: "m4", request: "r4", cwd: cwd, time: "2026-03-30T12:00:00.000Z", output: 40),
            ])
        try f.ingest(now: "2026-04-01T00:00:00Z")
        return f
    }

    func retain(_ f: UsageFixture, now: String, days: Int = 60) throws -> RetentionReport {
        var policy = RetentionPolicy(days: ReportConfig.Retention(), now: UTCTime.parse(now) ?? 0)
        policy.usageRequestDays = days
        return try RetentionRunner(policy: policy).run(on: f.store)
    }

    @Test func oldRequestsBecomeDailyAggregatesPerAgentAndModelBeforeTheyAreDeleted() throws {
        let f = try fixture()
        let report = try retain(f, now: "2026-04-01T00:00:00Z")
        let outcome = try #require(report.rollups.first { $0.detailTable == "usage_requests" })
        #expect(outcome.rowsDeleted == 3)
        #expect(try f.count("SELECT COUNT(*) FROM usage_requests") == 1)
        #expect(try f.count("SELECT COUNT(*) FROM usage_tool_calls") == 0)  // went with their requests
        let rows = try f.store.queue.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM usage_daily WHERE date = '2026-01-10' ORDER BY model")
        }
        #expect(rows.map { $0["model"] as String } == ["claude-sonnet-4-5-20250929", "mystery-model"])
        let sonnet = rows[0]
        #expect(sonnet["sample_count"] as Int == 2)
        #expect(sonnet["input_tokens"] as Int == 300)
        #expect(sonnet["output_tokens"] as Int == 30)
        #expect(sonnet["cache_read_tokens"] as Int == 1000)
        #expect(sonnet["tool_calls"] as Int == 2 && sonnet["tool_errors"] as Int == 1)
        #expect(sonnet["sessions"] as Int == 1)
        let parts: [Double] = [300 * 3, 30 * 15, 1000 * 0.3]
        let expected = parts.reduce(0, +) / 1e6
        #expect(abs((sonnet["cost_usd"] as Double) - expected) < 1e-12)
        #expect(sonnet["retired_at"] as String? != nil)
        // Unknown costs stay unknown: counted apart, never summed as 0.
        #expect(rows[1]["unpriced_requests"] as Int == 1 && rows[1]["cost_usd"] as Double == 0)
    }

    @Test func retentionTwiceChangesNothingAndAReadAgainCopyIsNotCountedTwice() throws {
        let f = try fixture()
        _ = try retain(f, now: "2026-04-01T00:00:00Z")
        let before = try f.count("SELECT SUM(sample_count) FROM usage_daily")
        let again = try retain(f, now: "2026-04-01T00:00:00Z")
        #expect(again.rollups.first { $0.detailTable == "usage_requests" }?.rowsDeleted == 0)
        // The log is read again from the start (its state forgotten): its old requests come
        // back as late rows of retired days, and are recognised as already counted.
        try f.store.queue.write { db in try db.execute(sql: "DELETE FROM usage_files") }
        try f.ingest(now: "2026-04-02T00:00:00Z")
        let late = try retain(f, now: "2026-04-02T00:00:00Z")
        #expect(late.rollups.first { $0.detailTable == "usage_requests" }?.duplicatesDropped == 3)
        #expect(try f.count("SELECT SUM(sample_count) FROM usage_daily") == before)
    }

    @Test func aFailureBeforeTheDeleteLeavesEveryRequest() throws {
        let f = try fixture()
        var policy = RetentionPolicy(days: ReportConfig.Retention(), now: UTCTime.parse("2026-04-01T00:00:00Z") ?? 0)
        policy.usageRequestDays = 60
        struct Injected: Error {}
        let runner = RetentionRunner(policy: policy) { table, _ in if table == "usage_requests" { throw Injected() } }
        #expect(throws: Injected.self) { try runner.run(on: f.store) }
        #expect(try f.count("SELECT COUNT(*) FROM usage_requests") == 4)
        #expect(try f.count("SELECT COUNT(*) FROM usage_daily") == 0)
    }
}
