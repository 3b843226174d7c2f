import Foundation
import GRDB
import Testing

@testable import AgentReport

/// `alerts list/ack/resolve` and `retain --dry-run` through the engine entry points the CLI calls.
@Suite struct AlertCommandTests {
    func workspace() throws -> (dir: String, options: RunOptions, store: ReportStore) {
        let dir = NSTemporaryDirectory() + "agentreport-alerts-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        var options = RunOptions()
        options.workingDirectory = dir
        options.now = "2026-03-10T12:00:00Z"
        options.verbosity = .quiet
        options.environment = [:]
        let store = try ReportStore.openForWriting(at: dir + "/agentreport.sqlite")
        try store.queue.write { db in
            try db.execute(sql: """
                INSERT INTO alerts (alert_id, type, severity, title, message, source, fingerprint, evidence, created_at)
                VALUES ('task-blocked:TASK-1@20260310T110000Z', 'task', 'warning', 'Task TASK-1 is blocked', 'since …',
                        'agentreport', 'task-blocked:TASK-1', '{"task":"TASK-1"}', '2026-03-10 11:00:00')
                """)
        }
        return (dir, options, store)
    }

    @Test func ackOfAnUnknownIdIsAClearErrorWithExitCode1() throws {
        let (dir, options, _) = try workspace()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(Engine.alerts(options, .acknowledge(id: "999", by: "alice", note: nil), output: { _ in }) == .fatal)
        #expect(Engine.alerts(options, .acknowledge(id: "no-such-alert", by: "alice", note: nil), output: { _ in }) == .fatal)
        #expect(Engine.alerts(options, .resolve(id: "42", by: nil), output: { _ in }) == .fatal)
    }

    @Test func ackAndResolveAcceptTheNumberOrTheAlertId() throws {
        let (dir, options, store) = try workspace()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var printed: [String] = []
        #expect(Engine.alerts(options, .acknowledge(id: "1", by: "alice", note: "looking"), output: { printed.append($0) }) == .success)
        #expect(printed == ["Acknowledged #1 task-blocked:TASK-1@20260310T110000Z by alice."])
        #expect(Engine.alerts(options, .resolve(id: "task-blocked:TASK-1@20260310T110000Z", by: "bob"), output: { _ in }) == .success)
        let record = try #require(try store.queue.read { db in try ReportStore.alert("1", in: db) })
        #expect(record.acknowledgedBy == "alice")
        #expect(record.acknowledgedNote == "looking")
        #expect(record.resolved)
        #expect(record.resolvedBy == "bob")
        #expect(record.resolvedAt == "2026-03-10 12:00:00")
    }

    @Test func listShowsOpenAlertsAndAllOfThemAsJSON() throws {
        let (dir, options, _) = try workspace()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var text: [String] = []
        #expect(Engine.alerts(options, .list(all: false, json: false), output: { text.append($0) }) == .success)
        #expect(text.first?.hasPrefix("#1 [warning] task-blocked:TASK-1: Task TASK-1 is blocked") == true)
        _ = Engine.alerts(options, .resolve(id: "1", by: nil), output: { _ in })
        var open: [String] = []
        _ = Engine.alerts(options, .list(all: false, json: false), output: { open.append($0) })
        #expect(open == ["No open alerts."])
        var json: [String] = []
        #expect(Engine.alerts(options, .list(all: true, json: true), output: { json.append($0) }) == .success)
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(json.joined().utf8)) as? [[String: Any]])
        #expect(parsed.count == 1)
        #expect(parsed.first?["state"] as? String == "resolved")
        #expect(parsed.first?["resolved_by"] as? String == "manual")
        #expect((parsed.first?["evidence"] as? [String: Any])?["task"] as? String == "TASK-1")
    }

    @Test func aSilenceInTheConfigHidesAnAlertFromTheListBeforeTheNextBuild() throws {
        let (dir, options, _) = try workspace()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Data(#"{"alerts": {"silences": [{"match": "task-blocked:*", "until": "2026-03-11"}]}}"#.utf8)
            .write(to: URL(fileURLWithPath: dir + "/agentreport.json"))
        var open: [String] = []
        #expect(Engine.alerts(options, .list(all: false, json: false), output: { open.append($0) }) == .success)
        #expect(open == ["No open alerts."])
        var all: [String] = []
        _ = Engine.alerts(options, .list(all: true, json: false), output: { all.append($0) })
        #expect(all.first?.contains("(silenced until 2026-03-12 00:00:00)") == true)
    }

    @Test func retainDryRunThroughTheEnginePrintsThePlanAndChangesNothing() throws {
        let (dir, options, store) = try workspace()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try SampleFactory.insertMinuteSamples(into: store, agents: ["builder"], days: 2, endingAt: UTCTime.parse("2026-01-01T00:00:00Z") ?? 0)
        var lines: [String] = []
        #expect(Engine.retain(options, dryRun: true, output: { lines.append($0) }) == .success)
        #expect(lines.contains { $0.contains("would delete 2880 rows") })
        #expect(try store.queue.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM agent_metrics") } == 2880)
        #expect(try store.queue.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM runs") } == 0)
        #expect(Engine.retain(options, dryRun: false, output: { _ in }) == .success)
        #expect(try store.queue.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM agent_metrics") } == 0)
        #expect(try store.queue.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM agent_metrics_daily") } == 2)
    }
}
