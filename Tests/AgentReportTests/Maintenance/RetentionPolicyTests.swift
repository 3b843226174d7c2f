import Foundation
import GRDB
import Testing

@testable import AgentReport

/// System health, RAG and alert retention, dry runs and missed nights.
@Suite struct RetentionPolicyTests {
    static let now = UTCTime.parse("2026-03-01T10:30:00Z") ?? 0
    static let day: Int64 = 86_400

    @Test func cutoffsRetireWholeBucketsOnceTheyAreOlderThanTheWindow() {
        let policy = RetentionPolicy(days: ReportConfig.Retention(), now: Self.now)
        #expect(UTCTime.format(policy.agentMetricsCutoff) == "2026-01-30 00:00:00")
        #expect(UTCTime.format(policy.systemHealthCutoff) == "2026-02-22 10:00:00")
        #expect(UTCTime.format(policy.agentDailyCutoff) == "2025-03-01 00:00:00")
        #expect(UTCTime.format(policy.systemHealthHourlyCutoff) == "2026-01-30 10:00:00")
        #expect(UTCTime.format(policy.ragMetricsCutoff) == "2026-01-30 00:00:00")
        #expect(UTCTime.format(policy.alertsCutoff) == "2025-12-01 10:30:00")
    }

    @Test func systemHealthBecomesHourlyAggregatesAndOldHoursAreDropped() throws {
        let store = try ReportStore.inMemory()
        var retention = ReportConfig.Retention()
        retention.systemHealthDays = 7
        retention.systemHealthHourlyDays = 9
        // Ten days of samples every 5 minutes; hour 03 of each day is degraded, one sample unhealthy.
        try store.queue.write { db in
            var t = Self.now - 10 * Self.day
            while t < Self.now {
                let hour = (t % Self.day) / 3600
                let status = hour == 3 ? ((t % 3600) == 600 ? "unhealthy" : "degraded") : "healthy"
                try SampleFactory.insertHealth(db, at: t, status: status, latency: Double(t % 997) / 3, errors: Int(t % 7))
                t += 300
            }
        }
        let expected = try store.queue.read { db in
            try Row.fetchAll(db, sql: """
                SELECT substr(timestamp, 1, 13) || ':00:00' AS hour, COUNT(*) AS n, AVG(api_latency) AS a, MAX(api_latency) AS m,
                       SUM(error_count) AS e, SUM(overall_status = 'unhealthy') AS u
                FROM system_health GROUP BY 1
                """).reduce(into: [String: Row]()) { $0[$1["hour"]] = $1 }
        }
        let policy = RetentionPolicy(days: retention, now: Self.now)
        _ = try RetentionRunner(policy: policy).run(on: store)
        try store.queue.read { db in
            let cutoff = UTCTime.format(policy.systemHealthCutoff)
            #expect(try String.fetchOne(db, sql: "SELECT MIN(timestamp) FROM system_health") == cutoff)
            let rows = try Row.fetchAll(db, sql: "SELECT * FROM system_health_hourly ORDER BY hour")
            #expect(rows.first?["hour"] as String? == UTCTime.format(policy.systemHealthHourlyCutoff))
            #expect(!rows.isEmpty)
            for row in rows {
                let hour: String = row["hour"]
                let want = try #require(expected[hour])
                #expect(row["sample_count"] as Int == want["n"] as Int)
                #expect(abs((row["avg_latency"] as Double) - (want["a"] as Double)) < 1e-9)
                #expect(row["max_latency"] as Double == want["m"] as Double)
                #expect(row["error_count"] as Int == want["e"] as Int)
                let worst: String = row["worst_status"]
                #expect(worst == (hour.hasSuffix("03:00:00") ? "unhealthy" : "healthy"), "\(hour)")
                #expect(row["unhealthy_samples"] as Int == want["u"] as Int)
            }
        }
    }

    @Test func ragSamplesAndOldResolvedAlertsAreDeletedButCriticalAndOpenAlertsStay() throws {
        let store = try ReportStore.inMemory()
        try store.queue.write { db in
            try SampleFactory.insertRag(db, at: Self.now - 40 * Self.day, hitRate: 0.7)
            try SampleFactory.insertRag(db, at: Self.now - 29 * Self.day, hitRate: 0.7)
            let old = UTCTime.format(Self.now - 100 * Self.day)
            let recent = UTCTime.format(Self.now - 10 * Self.day)
            for (id, severity, resolved, at) in [
                ("old-warning", "warning", 1, old), ("old-critical", "critical", 1, old),
                ("old-open", "warning", 0, old), ("recent-warning", "warning", 1, recent),
            ] {
                try db.execute(sql: """
                    INSERT INTO alerts (alert_id, type, severity, title, resolved, resolved_at, created_at)
                    VALUES (?, 'system', ?, 't', ?, ?, ?)
                    """, arguments: [id, severity, resolved, resolved == 1 ? at : nil, at])
            }
        }
        let report = try RetentionRunner(policy: RetentionPolicy(days: ReportConfig.Retention(), now: Self.now)).run(on: store)
        #expect(report.ragRowsDeleted == 1)
        #expect(report.alertsDeleted == 1)
        let kept = try store.queue.read { db in try String.fetchAll(db, sql: "SELECT alert_id FROM alerts ORDER BY alert_id") }
        #expect(kept == ["old-critical", "old-open", "recent-warning"])
    }

    @Test func aDryRunPrintsThePlanOfARealRunAndChangesNothing() throws {
        let store = try ReportStore.inMemory()
        let end = UTCTime.parse("2026-03-01T00:00:00Z") ?? 0
        try SampleFactory.insertMinuteSamples(into: store, agents: ["builder"], days: 33, endingAt: end)
        let policy = RetentionPolicy(days: ReportConfig.Retention(), now: end)
        let tables = ["agent_metrics", "agent_metrics_daily", "retention_log", "maintenance_state"]
        let snapshot = { try store.queue.read { db in try tables.map { try AgentRetentionTests.dump($0, db) } } }
        let before = try snapshot()
        let plan = try RetentionRunner(policy: policy).run(on: store, dryRun: true)
        #expect(try snapshot() == before)
        #expect(plan.lines.first?.contains("dry run") == true)
        #expect(plan.lines.contains { $0.contains("would delete 4320 rows before 2026-01-30 00:00:00") })
        var real = try RetentionRunner(policy: policy).run(on: store)
        #expect(real.dryRun == false)
        real.dryRun = true
        #expect(real == plan)
    }

    @Test func missedNightsAreCaughtUp() throws {
        let store = try ReportStore.inMemory()
        let first = UTCTime.parse("2026-03-04T00:00:00Z") ?? 0
        try SampleFactory.insertMinuteSamples(into: store, agents: ["builder"], days: 3, endingAt: first)
        _ = try RetentionRunner(policy: RetentionPolicy(days: ReportConfig.Retention(), now: first)).run(on: store)
        // Three nights without a run, then one run.
        let later = first + 3 * Self.day
        try store.queue.write { db in
            var t = first
            while t < later {
                try SampleFactory.insertSample(db, agent: "builder", at: t, cpu: 20)
                t += 600
            }
        }
        let report = try RetentionRunner(policy: RetentionPolicy(days: ReportConfig.Retention(), now: later)).run(on: store)
        #expect(report.rollups.first?.bucketsAggregated == 3)
        let days = try store.queue.read { db in
            try Row.fetchAll(db, sql: "SELECT date, sample_count FROM agent_metrics_daily ORDER BY date").map { "\($0["date"] as String)=\($0["sample_count"] as Int)" }
        }
        #expect(days == ["2026-03-01=1440", "2026-03-02=1440", "2026-03-03=1440", "2026-03-04=144", "2026-03-05=144", "2026-03-06=144"])
    }

    @Test func detailWhoseAggregateAShorterRetentionDroppedIsSummarisedAgainBeforeItGoes() throws {
        let store = try ReportStore.inMemory()
        var retention = ReportConfig.Retention()
        retention.agentMetricsDays = 10
        retention.agentDailyDays = 3
        let end = UTCTime.parse("2026-03-01T00:00:00Z") ?? 0
        try SampleFactory.insertMinuteSamples(into: store, agents: ["builder"], days: 12, endingAt: end)
        _ = try RetentionRunner(policy: RetentionPolicy(days: retention, now: end)).run(on: store)
        let next = try RetentionRunner(policy: RetentionPolicy(days: retention, now: end + Self.day)).run(on: store)
        #expect(next.rollups.first?.rowsDeleted == 1440)
        let oldest = try store.queue.read { db in try String.fetchOne(db, sql: "SELECT MIN(timestamp) FROM agent_metrics") }
        #expect(oldest == "2026-02-20 00:00:00")
    }
}
