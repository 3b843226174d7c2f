import Foundation
import GRDB
import Testing

@testable import AgentReport

/// Alerts across builds: opened, left alone, resolved, re-fired, acknowledged, silenced.
@Suite struct AlertLifecycleTests {
    let now = AlertWorld.now
    let hour = AlertWorld.hour
    let day = AlertWorld.day

    @Test func anAlertOpensOnceIsUpdatedWhileItHoldsAndResolvesOnTheNextBuildWithoutIt() throws {
        let world = try AlertWorld()
        try world.task("TASK-1", status: "blocked", since: now - 2 * hour)
        let first = try world.build(at: now)
        #expect(first.alertsOpened == 1)
        let opened = try #require(try world.alerts().first)
        #expect(opened.alertId == "task-blocked:TASK-1@20260310T120000Z")
        #expect(opened.createdAt == "2026-03-10 12:00:00")
        #expect(opened.severity == "warning")

        // Still blocked a day later: the same alert, its severity raised, last seen updated.
        let second = try world.build(at: now + day)
        #expect(second.alertsOpened == 0)
        #expect(second.alertsResolved == 0)
        let held = try world.alerts()
        #expect(held.count == 1)
        #expect(held.first?.severity == "error")
        #expect(held.first?.lastSeenAt == UTCTime.format(now + day))
        #expect(held.first?.createdAt == opened.createdAt)

        // Unblocked: resolved on the next build, by agentreport.
        try world.task("TASK-1", status: "in_progress", since: now + day + hour)
        let third = try world.build(at: now + day + 2 * hour)
        #expect(third.alertsResolved == 1)
        let resolved = try #require(try world.alerts().first)
        #expect(resolved.resolved)
        #expect(resolved.resolvedAt == UTCTime.format(now + day + 2 * hour))
        #expect(resolved.resolvedBy == "agentreport")
    }

    @Test func aConditionThatComesBackOpensANewAlert() throws {
        let world = try AlertWorld()
        try world.health(at: now - 60, "unhealthy")
        try world.build(at: now)
        try world.health(at: now + hour, "healthy")
        try world.build(at: now + hour)
        try world.health(at: now + 2 * hour, "unhealthy")
        let summary = try world.build(at: now + 2 * hour)
        #expect(summary.alertsOpened == 1)
        let all = try world.alerts()
        #expect(all.count == 2)
        #expect(all.map(\.fingerprint) == ["system-unhealthy:system", "system-unhealthy:system"])
        #expect(all[0].resolved && !all[1].resolved)
        #expect(all[0].alertId != all[1].alertId)
    }

    @Test func anAcknowledgementSurvivesBuilds() throws {
        let world = try AlertWorld()
        try world.sample("builder", at: now - 60, uncommitted: 70)
        try world.build(at: now)
        let alert = try #require(try world.alerts().first)
        try world.write { db in try ReportStore.acknowledgeAlert(alert.id, by: "alice", note: "on it", at: now, in: db)
        }
        try world.sample("builder", at: now + hour - 60, uncommitted: 90)
        try world.build(at: now + hour)
        let after = try #require(try world.alerts().first)
        #expect(try world.alerts().count == 1)
        #expect(after.acknowledged)
        #expect(after.acknowledgedBy == "alice")
        #expect(after.acknowledgedNote == "on it")
        #expect(after.message?.contains("90 uncommitted changes") == true)
        let open = try world.store.queue.read { db in try ReportStore.alerts(all: false, now: now + hour, in: db) }
        #expect(open.map { $0.state(now: now + hour) } == ["acknowledged"])
    }

    @Test func aSilenceKeepsAnAlertOutOfTheOpenListUntilItExpires() throws {
        var world = try AlertWorld()
        world.config.alerts.silences = [ReportConfig.Silence(match: "task-blocked:*", until: "2026-03-11")]
        try world.task("TASK-1", status: "blocked", since: now - hour)
        try world.build(at: now)
        let silenced = try #require(try world.alerts().first)
        #expect(silenced.silencedUntil == "2026-03-12 00:00:00")  // a date lasts through that day
        #expect(try world.store.queue.read { db in try ReportStore.alerts(all: false, now: now, in: db) }.isEmpty)

        let later = UTCTime.parse("2026-03-12T00:00:01Z") ?? 0
        try world.build(at: later)
        let open = try world.store.queue.read { db in try ReportStore.alerts(all: false, now: later, in: db) }
        #expect(open.map(\.fingerprint) == ["task-blocked:TASK-1"])
        #expect(open.first?.silencedUntil == nil)
    }

    @Test func collectorAlertsExpireADayAfterTheirLastOccurrence() throws {
        let world = try AlertWorld()
        try world.write { db in
            for (id, time) in [("m@1", "2026-03-02 10:00:00"), ("m@2", "2026-03-02 13:05:00")] {
                try db.execute(
                    sql: """
                        INSERT INTO alerts (alert_id, type, severity, title, source, fingerprint, created_at)
                        VALUES (?, 'system', 'warning', 'MCP server slow', 'mcp-server', 'metric:mcp-latency', ?)
                        """, arguments: [id, time])
            }
        }
        // Less than a day after the last occurrence: still open, both occurrences.
        #expect(try world.build(at: UTCTime.parse("2026-03-03T13:00:00Z") ?? 0).alertsResolved == 0)
        #expect(try world.alerts().allSatisfy { !$0.resolved })
        // A day after it: every occurrence expires, at the last one plus a day.
        #expect(try world.build(at: UTCTime.parse("2026-03-03T13:06:00Z") ?? 0).alertsResolved == 2)
        let alerts = try world.alerts()
        #expect(
            alerts.allSatisfy { $0.resolved && $0.resolvedBy == "expired" && $0.resolvedAt == "2026-03-03 13:05:00" })
    }

    @Test func aResolvedLineResolvesTheOccurrencesBeforeItAndNoneAfter() throws {
        let world = try AlertWorld()
        try world.write { db in
            for (id, time, resolved) in [
                ("m@1", "2026-03-02 10:00:00", 0), ("m@2", "2026-03-02 11:00:00", 1), ("m@3", "2026-03-02 12:00:00", 0),
            ] {
                try db.execute(
                    sql: """
                        INSERT INTO alerts (alert_id, type, severity, title, fingerprint, created_at, resolved, resolved_at, resolved_by)
                        VALUES (?, 'system', 'error', 'Check failing', 'metric:check', ?, ?, ?, ?)
                        """,
                    arguments: [id, time, resolved, resolved == 1 ? time : nil, resolved == 1 ? "collector" : nil])
            }
        }
        let summary = try world.build(at: UTCTime.parse("2026-03-02T12:30:00Z") ?? 0)
        #expect(summary.alertsResolved == 1)
        let byId = Dictionary(uniqueKeysWithValues: try world.alerts().map { ($0.alertId, $0) })
        #expect(byId["m@1"]?.resolvedAt == "2026-03-02 11:00:00" && byId["m@1"]?.resolvedBy == "collector")
        #expect(byId["m@3"]?.resolved == false, "a line after the resolution is the alert coming back")
    }

    @Test func aCollectorAlertFromTheFutureIsNotSettled() throws {
        let world = try AlertWorld()
        try world.write { db in
            try db.execute(
                sql: """
                    INSERT INTO alerts (alert_id, type, severity, title, fingerprint, created_at)
                    VALUES ('f@1', 'system', 'error', 'Later', 'metric:later', '2026-04-01 00:00:00')
                    """)
        }
        #expect(try world.build(at: UTCTime.parse("2026-03-02T12:30:00Z") ?? 0).alertsResolved == 0)
    }

    @Test func rejectedInputsOfTheRunOpenAnAlertThatResolvesOnACleanRun() throws {
        let world = try AlertWorld()
        let problem = Diagnostic(.error, file: "metrics/agents.jsonl", line: 3, column: 1, "not JSON")
        #expect(try world.build(at: now, diagnostics: [problem]).alertsOpened == 1)
        #expect(try world.build(at: now + hour).alertsResolved == 1)
    }
}
