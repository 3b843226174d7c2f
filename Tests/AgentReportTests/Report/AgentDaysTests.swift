import Foundation
import GRDB
import Testing

@testable import AgentReport

/// Agent days come from the daily aggregates, and from the detail samples of the days that
/// have samples retention has not aggregated yet: summed per day or in one pass, alike.
@Suite struct AgentDaysTests {
    let now: Int64 = 1_774_008_000  // 2026-03-20 12:00:00

    func fill(_ db: Database, agents: Int, days: Int, perDay: Int) throws {
        let statuses = ["active", "idle", "blocked", "error", "offline", "unknown"]
        for agent in 0..<agents {
            for day in 0..<days {
                for sample in 0..<perDay {
                    let time = now - Int64(day) * 86_400 - Int64(sample) * 300
                    try db.execute(
                        sql: """
                            INSERT INTO agent_metrics (agent_id, timestamp, status, cpu_usage, memory_percent) VALUES (?, ?, ?, ?, ?)
                            """,
                        arguments: [
                            "agent-\(agent)", UTCTime.format(time), statuses[(agent + sample) % 6],
                            sample % 7 == 0 ? nil : Double(sample % 50) + 0.25, Double(agent * 3 + sample % 11),
                        ])
                }
            }
        }
    }

    @Test func perDayQueriesAndTheOnePassScanGiveTheSameSums() throws {
        let store = try ReportStore.inMemory()
        try store.queue.write { db in try fill(db, agents: 3, days: 4, perDay: 40) }
        try store.queue.read { db in
            let start = Figures.date(ofDay: Figures.day(now) - 9)
            let perDay = try ReportQueries(db).pendingAgentDays(from: start)
            let scanned = try ReportQueries(db).detailAgentDays(from: start)
            #expect(perDay.keys.sorted() == ["agent-0", "agent-1", "agent-2"])
            #expect(perDay.mapValues { $0.count } == scanned.mapValues { $0.count })
            for (agent, days) in scanned {
                for (day, sums) in days {
                    let other = try #require(perDay[agent]?[day])
                    #expect(
                        other.samples == sums.samples && other.cpuCount == sums.cpuCount
                            && other.memoryCount == sums.memoryCount)
                    #expect(abs(other.cpu - sums.cpu) < 1e-9 && abs(other.memory - sums.memory) < 1e-9)
                    #expect(other.statusCounts == sums.statusCounts)
                }
            }
        }
    }

    @Test func afterRetentionEveryDayComesFromTheAggregates() throws {
        let store = try ReportStore.inMemory()
        try store.queue.write { db in try fill(db, agents: 2, days: 3, perDay: 20) }
        let before = try store.queue.read { db in try ReportQueries(db).agentDays(count: 10, now: now) }
        #expect(before["agent-0"]?.days.values.allSatisfy { !$0.fromAggregate } == true)
        _ = try RetentionRunner(policy: RetentionPolicy(days: ReportConfig.Retention(), now: now)).run(on: store)
        let after = try store.queue.read { db in try ReportQueries(db).agentDays(count: 10, now: now) }
        #expect(after["agent-0"]?.days.count == 3)
        #expect(after["agent-0"]?.days.values.allSatisfy(\.fromAggregate) == true)
        // A late sample for an aggregated day: that day comes from its samples again.
        try store.queue.write { db in
            try db.execute(
                sql:
                    "INSERT INTO agent_metrics (agent_id, timestamp, status, cpu_usage) VALUES ('agent-0', ?, 'active', 99)",
                arguments: [UTCTime.format(now - 86_400 - 7)])
        }
        let late = try store.queue.read { db in try ReportQueries(db).agentDays(count: 10, now: now) }
        let day = Figures.day(now - 86_400)
        #expect(late["agent-0"]?.days[day]?.fromAggregate == false)
        #expect(late["agent-0"]?.days[day]?.samples == 21)
        #expect(late["agent-1"]?.days[day]?.fromAggregate == true)
    }
}
