import Foundation
import GRDB
import Testing

@testable import AgentReport

/// Merging late samples into retired buckets, and the sample-time runs behind duplicate detection.
@Suite struct RollupMergeTests {
    @Test func sampleTimesRoundTripAsRuns() {
        let offsets: [Int64] = [0, 60, 120, 180, 200, 260, 3599]
        let text = RetiredSampleTimes.encode(offsets.shuffled())
        #expect(text == "0:60:4,200:60:2,3599:0:1")
        #expect(RetiredSampleTimes.decode(text) == Set(offsets))
        #expect(RetiredSampleTimes.encode((0..<1440).map { Int64($0) * 60 }) == "0:60:1440")
        #expect(RetiredSampleTimes.decode("garbage,1:2") == [])
        #expect(RetiredSampleTimes.decode(nil) == [])
    }

    @Test func aLateUnhealthySampleInARetiredHourMakesItsWorstStatusUnhealthy() throws {
        let store = try ReportStore.inMemory()
        let hour = UTCTime.parse("2026-02-01T03:00:00Z") ?? 0
        try store.queue.write { db in
            for minute in stride(from: 0, to: 60, by: 5) {
                try SampleFactory.insertHealth(
                    db, at: hour + Int64(minute) * 60, status: "healthy", latency: 10, errors: 1)
            }
        }
        let policy = RetentionPolicy(days: ReportConfig.Retention(), now: hour + 10 * 86_400)
        _ = try RetentionRunner(policy: policy).run(on: store)
        try store.queue.write { db in
            try SampleFactory.insertHealth(db, at: hour + 17 * 60, status: "unhealthy", latency: 130, errors: 5)
        }
        let report = try RetentionRunner(policy: policy).run(on: store)
        #expect(report.rollups.first { $0.detailTable == "system_health" }?.lateRowsMerged == 1)
        let row = try #require(
            try store.queue.read { db in
                try Row.fetchOne(db, sql: "SELECT * FROM system_health_hourly WHERE hour = '2026-02-01 03:00:00'")
            })
        #expect(row["sample_count"] as Int == 13)
        #expect(row["worst_status"] as String == "unhealthy")
        #expect(row["unhealthy_samples"] as Int == 1)
        #expect(row["healthy_samples"] as Int == 12)
        #expect(row["error_count"] as Int == 17)
        #expect(row["max_latency"] as Double == 130)
        #expect(abs((row["avg_latency"] as Double) - (120.0 + 130) / 13) < 1e-9)
        #expect(try store.queue.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM system_health") } == 0)
    }
}
