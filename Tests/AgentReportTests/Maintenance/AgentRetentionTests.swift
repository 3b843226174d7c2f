import Foundation
import GRDB
import Testing

@testable import AgentReport

/// DESIGN §5 on 60 days of per-minute samples for three agents (259,200 rows).
@Suite struct AgentRetentionTests {
    static let now = UTCTime.parse("2026-03-01T00:00:00Z") ?? 0
    static let agents = ["architect", "builder", "validator"]
    static let day: Int64 = 86_400

    /// Per (agent, day): the figures SQL computes over the original rows.
    struct Expected {
        var count: Int
        var avgCPU: Double?
        var maxCPU: Double?
        var cpuSum: Double
        var cpuCount: Int
        var avgMemory: Double?
        var maxMemory: Double?
        var maxUncommitted: Int?
    }

    static func expectedAggregates(_ db: Database) throws -> [String: Expected] {
        var result: [String: Expected] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT agent_id || ' ' || substr(timestamp, 1, 10) AS k, COUNT(*) AS n, AVG(cpu_usage) AS a, MAX(cpu_usage) AS m,
                   TOTAL(cpu_usage) AS s, COUNT(cpu_usage) AS c, AVG(memory_percent) AS am, MAX(memory_percent) AS mm,
                   MAX(uncommitted_changes) AS mu
            FROM agent_metrics GROUP BY agent_id, substr(timestamp, 1, 10)
            """) {
            result[row["k"]] = Expected(
                count: row["n"], avgCPU: row["a"], maxCPU: row["m"], cpuSum: row["s"], cpuCount: row["c"],
                avgMemory: row["am"], maxMemory: row["mm"], maxUncommitted: row["mu"])
        }
        return result
    }

    /// Every row of a table, as text, in a stable order (to prove "nothing changed").
    static func dump(_ table: String, _ db: Database) throws -> [String] {
        try Row.fetchAll(db, sql: "SELECT * FROM \(table) ORDER BY 1, 2").map { $0.description }
    }

    func close(_ a: Double?, _ b: Double?) -> Bool {
        guard let a, let b else { return a == nil && b == nil }
        return abs(a - b) <= 1e-9 * max(1, abs(b))
    }

    @Test func sixtyDaysOfMinuteSamplesKeepExactlyTheLastThirtyDaysAndAggregateTheRest() throws {
        let store = try ReportStore.inMemory()
        let inserted = try SampleFactory.insertMinuteSamples(into: store, agents: Self.agents, days: 60, endingAt: Self.now)
        #expect(inserted == 259_200)
        let expected = try store.queue.read(Self.expectedAggregates)
        #expect(expected.count == 180)

        let policy = RetentionPolicy(days: ReportConfig.Retention(), now: Self.now)
        let report = try RetentionRunner(policy: policy).run(on: store)
        let outcome = try #require(report.rollups.first)
        #expect(outcome.rowsAggregated == 259_200)
        #expect(outcome.rowsDeleted == 129_600)
        #expect(outcome.bucketsRetired == 90)

        try store.queue.read { db in
            // Detail: exactly the last 30 days.
            let detail = try #require(try Row.fetchOne(db, sql: "SELECT COUNT(*) AS n, MIN(timestamp) AS lo, MAX(timestamp) AS hi FROM agent_metrics"))
            #expect(detail["n"] as Int == 3 * 30 * 1440)
            #expect(detail["lo"] as String == UTCTime.format(Self.now - 30 * Self.day))
            #expect(detail["hi"] as String == UTCTime.format(Self.now - 60))

            // Every day — the 30 retired and the 30 kept — has its aggregate, equal to SQL over the original rows.
            let rows = try Row.fetchAll(db, sql: "SELECT * FROM agent_metrics_daily ORDER BY agent_id, date")
            #expect(rows.count == 180)
            for row in rows {
                let key = "\(row["agent_id"] as String) \(row["date"] as String)"
                let want = try #require(expected[key], "unexpected aggregate \(key)")
                #expect(row["sample_count"] as Int == want.count, "\(key)")
                #expect(close(row["avg_cpu"], want.avgCPU), "\(key) avg_cpu")
                #expect(row["max_cpu"] as Double? == want.maxCPU, "\(key) max_cpu")
                #expect(close(row["avg_memory"], want.avgMemory), "\(key) avg_memory")
                #expect(row["max_memory"] as Double? == want.maxMemory, "\(key) max_memory")
                #expect(row["max_uncommitted"] as Int? == want.maxUncommitted, "\(key) max_uncommitted")
                let minutes = ["active", "idle", "blocked", "error", "offline"].map { row["\($0)_minutes"] as Double }.reduce(0, +)
                #expect(abs(minutes - 1440) < 1e-9, "\(key): a full day of one-minute samples is 1440 minutes, got \(minutes)")
                let retired = (row["date"] as String) < UTCTime.formatDate(Self.now - 30 * Self.day)
                #expect((row["retired_at"] as String? != nil) == retired, "\(key) retired_at")
            }
            let log = try Row.fetchAll(db, sql: "SELECT table_name, rows_aggregated, rows_deleted FROM retention_log WHERE table_name = 'agent_metrics'")
            #expect(log.count == 1)
            #expect(log.first?["rows_deleted"] as Int? == 129_600)
        }

        // A second retain changes nothing.
        let tables = ["agent_metrics", "agent_metrics_daily", "maintenance_state"]
        let before = try store.queue.read { db in try tables.map { try Self.dump($0, db) } }
        let again = try RetentionRunner(policy: policy).run(on: store)
        let after = try store.queue.read { db in try tables.map { try Self.dump($0, db) } }
        #expect(before == after)
        #expect(again.rollups.first?.rowsAggregated == 0)
        #expect(again.rollups.first?.rowsDeleted == 0)
        #expect(again.rollups.first?.bucketsAggregated == 0)

        // A late sample for day −40 (its detail already deleted) updates that day's aggregate.
        let dayStart = Self.now - 40 * Self.day
        let dayLabel = UTCTime.formatDate(dayStart)
        let original = try #require(expected["builder \(dayLabel)"])
        try store.queue.write { db in
            try SampleFactory.insertSample(db, agent: "builder", at: dayStart + 12 * 3600 + 30, status: "active", cpu: 99.95, memoryPercent: 95)
        }
        let late = try RetentionRunner(policy: policy).run(on: store)
        #expect(late.rollups.first?.lateRowsMerged == 1)
        #expect(late.rollups.first?.rowsDeleted == 1)
        try store.queue.read { db in
            let row = try #require(try Row.fetchOne(
                db, sql: "SELECT * FROM agent_metrics_daily WHERE agent_id = 'builder' AND date = ?", arguments: [dayLabel]))
            #expect(row["sample_count"] as Int == original.count + 1)
            #expect(close(row["avg_cpu"], (original.cpuSum + 99.95) / Double(original.cpuCount + 1)))
            #expect(row["max_cpu"] as Double? == 99.95)
            #expect(row["max_memory"] as Double? == 95)
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM agent_metrics") == 3 * 30 * 1440)
            // The other agents' days are untouched.
            let other = try #require(try Row.fetchOne(
                db, sql: "SELECT sample_count FROM agent_metrics_daily WHERE agent_id = 'architect' AND date = ?", arguments: [dayLabel]))
            #expect(other["sample_count"] as Int == 1440)
        }

        // The samples of a retired day ingested again (an old metrics file read anew) are
        // recognised by their times and dropped, not counted twice; so is the late sample.
        let copiedDay = Self.now - 45 * Self.day
        let copiedLabel = UTCTime.formatDate(copiedDay)
        let aggregateRow = "SELECT * FROM agent_metrics_daily WHERE agent_id = 'builder' AND date = ?"
        let beforeCopies = try store.queue.read { db in
            try Row.fetchAll(db, sql: aggregateRow, arguments: [copiedLabel]) + Row.fetchAll(db, sql: aggregateRow, arguments: [dayLabel])
        }
        #expect(beforeCopies.first?["retired_sample_times"] as String? == "0:60:1440")
        try store.queue.write { db in
            for minute in 0..<1440 {
                try SampleFactory.insertSample(db, agent: "builder", at: copiedDay + Int64(minute) * 60, cpu: 1)
            }
            try SampleFactory.insertSample(db, agent: "builder", at: dayStart + 12 * 3600 + 30, cpu: 1)
        }
        let copies = try RetentionRunner(policy: policy).run(on: store)
        #expect(copies.rollups.first?.duplicatesDropped == 1441)
        #expect(copies.rollups.first?.lateRowsMerged == 0)
        try store.queue.read { db in
            let afterCopies = try Row.fetchAll(db, sql: aggregateRow, arguments: [copiedLabel]) + Row.fetchAll(db, sql: aggregateRow, arguments: [dayLabel])
            #expect(afterCopies == beforeCopies)
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM agent_metrics") == 3 * 30 * 1440)
        }

        // A late sample for a day still kept (day −10) recomputes that day from its detail.
        let recentLabel = UTCTime.formatDate(Self.now - 10 * Self.day)
        try store.queue.write { db in
            try SampleFactory.insertSample(db, agent: "validator", at: Self.now - 10 * Self.day + 30, cpu: 1)
        }
        _ = try RetentionRunner(policy: policy).run(on: store)
        try store.queue.read { db in
            let row = try #require(try Row.fetchOne(
                db, sql: "SELECT sample_count, retired_at FROM agent_metrics_daily WHERE agent_id = 'validator' AND date = ?",
                arguments: [recentLabel]))
            #expect(row["sample_count"] as Int == 1441)
            #expect(row["retired_at"] as String? == nil)
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM agent_metrics") == 3 * 30 * 1440 + 1)
        }
    }

    @Test func aFailureBetweenAggregateAndDeleteLosesNoRow() throws {
        struct Injected: Error {}
        let store = try ReportStore.inMemory()
        try SampleFactory.insertMinuteSamples(into: store, agents: Self.agents, days: 60, endingAt: Self.now)
        let policy = RetentionPolicy(days: ReportConfig.Retention(), now: Self.now)

        var failing = RetentionRunner(policy: policy)
        var reached = false
        failing.beforeDelete = { table, db in
            guard table == "agent_metrics" else { return }
            // The aggregates are written at this point, inside the transaction …
            reached = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM agent_metrics_daily") == 180
            throw Injected()
        }
        #expect(throws: Injected.self) { try failing.run(on: store) }
        #expect(reached)
        try store.queue.read { (db: Database) throws in
            // … and the failure rolled everything back: every sample is still there.
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM agent_metrics") == 259_200)
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM agent_metrics_daily") == 0)
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM maintenance_state") == 0)
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM retention_log") == 0)
        }

        // An aggregate that no longer covers its detail stops the delete: coverage is checked.
        var corrupting = RetentionRunner(policy: policy)
        corrupting.beforeDelete = { table, db in
            guard table == "agent_metrics" else { return }
            try db.execute(sql: "UPDATE agent_metrics_daily SET sample_count = sample_count - 1 WHERE date = '2026-01-01' AND agent_id = 'builder'")
        }
        #expect(throws: RetentionError.self) { try corrupting.run(on: store) }
        #expect(try store.queue.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM agent_metrics") } == 259_200)

        // Without the failure, the same run goes through.
        _ = try RetentionRunner(policy: policy).run(on: store)
        #expect(try store.queue.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM agent_metrics") } == 129_600)
    }
}
