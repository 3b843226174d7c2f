import Foundation
import GRDB
import Testing

@testable import AgentReport

/// Issue 15, item 3: freshness is the newest data point, and a feed that stopped is not
/// hidden behind another that still writes (agent samples, system health, RAG, the hook).
@Suite struct FreshnessFeedTests {
    static let now = UTCTime.parse("2026-03-20T12:00:00Z") ?? 0

    @Test func aHealthCollectorThatStoppedIsStaleWhileAgentSamplesAreFresh() throws {
        let store = try ReportStore.inMemory()
        try store.queue.write { db in
            try db.execute(
                sql:
                    "INSERT INTO agent_metrics (agent_id, timestamp, status) VALUES ('builder', '2026-03-20 11:55:00', 'active')"
            )
            try db.execute(
                sql: "INSERT INTO system_health (timestamp, overall_status) VALUES ('2026-03-17 08:00:00', 'healthy')")
        }
        let freshness = try store.queue.read { db in
            try ReportQueries(db, now: Self.now).dataFreshness(agentIds: ["builder"], events: TaskEventLog())
        }
        let site = SiteView(
            title: "t", now: Self.now, staleHours: 24,
            sources: [SourceState(name: "metrics", lastSuccess: "2026-03-20 12:00:00", status: "ok", rows: 2)],
            freshness: freshness, problems: [])
        let rows = Dictionary(uniqueKeysWithValues: site.sources.map { ($0.name, $0) })
        #expect(rows["metrics"]?.stale == false, "the newest sample of any kind is minutes old")
        #expect(rows["metrics agent samples"]?.stale == false)
        #expect(rows["metrics system health"]?.stale == true, "no health sample for three days")
        #expect(rows["metrics system health"]?.newest == "2026-03-17 08:00:00")
        #expect(rows["metrics RAG"] == nil, "a kind never fed gets no row")
    }

    @Test func oneFeedAloneGetsNoRowOfItsOwn() throws {
        let store = try ReportStore.inMemory()
        try store.queue.write { db in
            try db.execute(
                sql:
                    "INSERT INTO agent_metrics (agent_id, timestamp, status) VALUES ('builder', '2026-03-20 11:55:00', 'active')"
            )
        }
        let freshness = try store.queue.read { db in
            try ReportQueries(db, now: Self.now).dataFreshness(agentIds: ["builder"], events: TaskEventLog())
        }
        #expect(freshness.map(\.source).filter { $0.hasPrefix("metrics") } == ["metrics"])
    }
}
