import Foundation
import GRDB
import Testing

@testable import AgentReport

/// `Engine.sample` as the command runs it: the daily file, whole lines, the state file, and
/// lines the metrics ingest stores without a complaint.
@Suite struct SampleCommandTests {
    /// Quiet run options for `team` with a config of one repository, "now" fixed.
    func loopOptions(_ team: CollectorFixture) throws -> RunOptions {
        let configFile = team.root + "agentreport.json"
        try team.write(configFile, #"{"repositories": [{"path": "repo"}]}"#)
        var options = RunOptions()
        options.configPath = configFile
        options.workingDirectory = team.root
        options.environment = team.environment
        options.verbosity = .quiet
        options.now = "2026-03-10T12:00:00Z"
        return options
    }

    @Test func twoSamplesAppendWholeLinesThatTheIngestStoresOnce() throws {
        let team = try CollectorFixture()
        try team.proc.addProcess(100, cwd: team.worktree("builder"), startTicks: 10, cpuTicks: 500)
        let configFile = team.root + "agentreport.json"
        try team.write(configFile, #"{"repositories": [{"path": "repo"}], "sample": {"activeMinutes": 5}}"#)
        var options = RunOptions()
        options.configPath = configFile
        options.workingDirectory = team.root
        options.environment = team.environment
        options.verbosity = .quiet
        options.now = "2026-03-10T12:00:00Z"
        #expect(Engine.sample(options, proc: team.proc.fileSystem) == .success)
        try team.proc.setUptime(1_060)
        try team.proc.addProcess(100, cwd: team.worktree("builder"), startTicks: 10, cpuTicks: 1_100)
        options.now = "2026-03-10T12:01:00Z"
        #expect(Engine.sample(options, proc: team.proc.fileSystem) == .success)

        let file = team.root + "metrics/sample-2026-03-10.jsonl"
        let text = try String(contentsOfFile: file, encoding: .utf8)
        #expect(text.hasSuffix("\n"))
        let lines = text.split(separator: "\n")
        #expect(lines.count == 8, "two agents, system_health and rag, twice")
        for line in lines { _ = try CollectorFixture.parse(String(line)) }
        #expect(FileManager.default.fileExists(atPath: team.root + "metrics/.sample-state.json"))

        let store = try ReportStore.inMemory()
        for _ in 0..<2 {
            let log = DiagnosticLog()
            _ = try MetricsSource().ingest(
                into: store, context: RunContext(config: team.config, now: CollectorFixture.now + 120, diagnostics: log)
            )
            #expect(log.all.filter { $0.severity != .note }.isEmpty, "\(log.all.map(\.formatted))")
        }
        let rows = try store.queue.read { db in
            try Row.fetchAll(
                db,
                sql:
                    "SELECT agent_id, timestamp, status, cpu_usage, branch FROM agent_metrics ORDER BY agent_id, timestamp"
            )
        }
        #expect(rows.count == 4)
        let last = try #require(rows.first { $0["agent_id"] == "builder" && $0["timestamp"] == "2026-03-10 12:01:00" })
        #expect(last["cpu_usage"] as Double? == 10.0, "6 s of CPU over 60 s")
        #expect(last["branch"] as String? == "agent-builder")
        #expect(try store.queue.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM system_health") } == 2)
        #expect(try store.queue.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM rag_metrics") } == 2)
    }

    @Test func everySamplesOncePerIntervalAndMeasuresCPUAgainstThePreviousRound() throws {
        let team = try CollectorFixture()
        try team.proc.addProcess(100, cwd: team.worktree("builder"), startTicks: 10, cpuTicks: 500)
        let options = try loopOptions(team)
        // The loop's pause stands in for the minute going by: the clock and the fake machine
        // move on by the wait, during which the builder's process uses 6 s of CPU.
        let clock = FakeClock(start: 5_000)
        var pauses: [Double] = []
        var uptime = 1_000.0
        var ticks: UInt64 = 500
        let status = Engine.sample(
            options, every: 60, proc: team.proc.fileSystem, iterations: 3, clock: { clock.now }
        ) { wait in
            pauses.append(wait)
            clock.now += wait
            uptime += wait
            ticks += 600
            try? team.proc.setUptime(uptime)
            try? team.proc.addProcess(100, cwd: team.worktree("builder"), startTicks: 10, cpuTicks: ticks)
        }
        #expect(status == .success)
        #expect(pauses == [60, 60], "a pause between two samples, none after the last")

        let text = try String(contentsOfFile: team.root + "metrics/sample-2026-03-10.jsonl", encoding: .utf8)
        let lines = try text.split(separator: "\n").map { try CollectorFixture.parse(String($0)) }
        #expect(lines.count == 12, "three rounds of two agents, system_health and rag")
        let builder = lines.filter { $0["agent_id"] as? String == "builder" }
        #expect(
            builder.map { $0["timestamp"] as? String } == [
                "2026-03-10T12:00:00Z", "2026-03-10T12:01:00Z", "2026-03-10T12:02:00Z",
            ], "--now plus the interval, round after round")
        #expect(builder.first?["cpu_usage"] is NSNull, "the first round has no interval")
        #expect(builder.dropFirst().map { $0["cpu_usage"] as? Double } == [10.0, 10.0], "6 s of CPU over 60 s")
        let health = lines.filter { $0["kind"] as? String == "system_health" }
        #expect(health.count == 3)
    }

    @Test func withoutEveryOneSampleIsTakenAndTheLoopNeverPauses() throws {
        let team = try CollectorFixture(agents: ["builder"])
        let options = try loopOptions(team)
        var pauses = 0
        let status = Engine.sample(options, proc: team.proc.fileSystem, iterations: 5, pause: { _ in pauses += 1 })
        #expect(status == .success)
        #expect(pauses == 0)
        let text = try String(contentsOfFile: team.root + "metrics/sample-2026-03-10.jsonl", encoding: .utf8)
        #expect(text.split(separator: "\n").count == 3)
    }

    @Test func theScheduleKeepsItsPaceAndDoesNotCatchUpAfterASlowSample() {
        var schedule = SampleSchedule(interval: 60, start: 1_000)
        #expect(schedule.pause(after: 1_002) == 58, "a 2 s sample waits the rest of the minute")
        #expect(schedule.pause(after: 1_061) == 59, "due at 1120, whatever the previous wait")
        #expect(schedule.pause(after: 1_300) == 0, "overran: the next sample starts at once")
        #expect(schedule.next == 1_300, "and the schedule starts again from there")
        #expect(schedule.pause(after: 1_301) == 59, "no burst of missed samples")
    }

    @Test func aMetricsFileThatIsNotARegularFileIsRefusedAndNothingIsWritten() throws {
        let team = try CollectorFixture(agents: [])
        try FileManager.default.createDirectory(atPath: team.root + "metrics", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            atPath: team.root + "metrics/sample-2026-03-10.jsonl", withDestinationPath: team.root + "elsewhere.jsonl")
        let appender = MetricLineAppender(directory: team.root + "metrics", prefix: "sample")
        #expect(throws: MetricLineAppender.WriteError.self) { try appender.append(["{}"], time: CollectorFixture.now) }
        #expect(!FileManager.default.fileExists(atPath: team.root + "elsewhere.jsonl"))
    }
}

/// A monotonic clock the test moves by hand.
final class FakeClock: @unchecked Sendable {
    var now: Double
    init(start: Double) { now = start }
}
