import Foundation
import Testing

@testable import AgentReport

/// The status rules of docs/collector.md, each on both sides.
@Suite struct CollectorStatusTests {
    let now = CollectorFixture.now

    /// A team whose builder has a process and whose last activity is a file change `age` seconds old.
    func team(activityAge age: Int64, process: Bool = true) throws -> CollectorFixture {
        let team = try CollectorFixture(agents: ["builder"])
        try team.write(team.worktree("builder") + "/src/app.txt", "edited\n", modified: now - age)
        if process { try team.proc.addProcess(42, cwd: team.worktree("builder"), startTicks: 1, cpuTicks: 1) }
        return team
    }

    func status(_ team: CollectorFixture) throws -> String? {
        try team.line("builder", in: team.sample())["status"] as? String
    }

    @Test func aProcessWithRecentActivityIsActive() throws {
        #expect(try status(try team(activityAge: 5 * 60)) == "active")
    }

    @Test func aProcessWithoutRecentActivityIsIdle() throws {
        #expect(try status(try team(activityAge: 11 * 60)) == "idle")
        let configured = try team(activityAge: 11 * 60)
        configured.config.sample.activeMinutes = 15
        #expect(try status(configured) == "active", "the window is sample.activeMinutes")
    }

    @Test func noProcessIsOfflineWhateverTheActivity() throws {
        #expect(try status(try team(activityAge: 60, process: false)) == "offline")
    }

    @Test func processesThatCannotBeSeenLeaveTheStatusToActivityAndSaySo() throws {
        let team = try team(activityAge: 60)
        try FileManager.default.removeItem(atPath: team.proc.root)
        let line = try team.line("builder", in: team.sample())
        #expect(line["status"] as? String == "active")
        #expect(line["cpu_usage"] is NSNull)
        #expect(CollectorFixture.notes(line).contains { $0.hasPrefix("processes not visible") })
    }

    /// Writes a Claude Code transcript for the builder's worktree, last line at `time`.
    func claudeLog(_ team: CollectorFixture, endingInError: Bool, at time: String) throws {
        let worktree = team.worktree("builder")
        let folder =
            team.root + "home/.claude/projects/"
            + SessionLogLocations.claudeProjectFolderName(forWorkingDirectory: worktree)
        let last =
            endingInError
            ? #"{"type":"assistant","timestamp":"\#(time)","isApiErrorMessage":true,"message":{"model":"<synthetic>","content":[{"type":"text","text":"API Error: 529 {\"type\":\"overloaded_error\"}"}]}}"#
            : #"{"type":"assistant","timestamp":"\#(time)","message":{"model":"claude-sonnet-4-5","content":[{"type":"text","text":"Done."}]}}"#
        try team.write(
            folder + "/session.jsonl",
            """
            {"type":"user","timestamp":"2026-03-10T10:00:00Z","cwd":"\(worktree)","message":{"role":"user","content":"go"}}
            \(last)
            {"type":"system","subtype":"stop_hook_summary","timestamp":"\(time)"}

            """)
    }

    @Test func aSessionEndingInAnAPIErrorIsError() throws {
        let team = try team(activityAge: 3 * 3600)
        try claudeLog(team, endingInError: true, at: "2026-03-10T11:30:00Z")
        let line = try team.line("builder", in: team.sample())
        #expect(line["status"] as? String == "error")
        #expect(((line["details"] as? [String: Any])?["status_rule"] as? String)?.contains("API Error: 529") == true)
    }

    @Test func aSessionEndingNormallyOrWorkAfterTheErrorIsNotError() throws {
        let normal = try team(activityAge: 3 * 3600)
        try claudeLog(normal, endingInError: false, at: "2026-03-10T11:30:00Z")
        #expect(try status(normal) == "idle")
        // The agent went on working after the error: a file changed 10 minutes after it.
        let recovered = try team(activityAge: 20 * 60)
        try claudeLog(recovered, endingInError: true, at: "2026-03-10T11:30:00Z")
        #expect(try status(recovered) != "error")
    }

    @Test func aCodexRolloutEndingInAnErrorIsError() throws {
        let team = try team(activityAge: 3 * 3600)
        let worktree = team.worktree("builder")
        try team.write(
            team.root + "home/.codex/sessions/2026/03/10/rollout-2026-03-10T11-00-00-abc.jsonl",
            """
            {"timestamp":"2026-03-10T11:00:00.000Z","type":"session_meta","payload":{"id":"abc","cwd":"\(worktree)"}}
            {"timestamp":"2026-03-10T11:20:00.000Z","type":"event_msg","payload":{"type":"error","message":"stream disconnected before completion: rate limit"}}
            {"timestamp":"2026-03-10T11:20:01.000Z","type":"event_msg","payload":{"type":"token_count","info":null}}

            """)
        let line = try team.line("builder", in: team.sample())
        #expect(line["status"] as? String == "error")
        #expect(line["last_activity"] as? String == "2026-03-10T11:20:01Z")
    }

    @Test func aStopFailureHookIsErrorUntilTheNextSessionStarts() throws {
        let team = try team(activityAge: 3 * 3600)
        let hooks = MetricLineAppender(directory: team.config.metricsPath, prefix: "hook")
        try hooks.append(
            [
                #"{"kind":"session","agent_id":"builder","timestamp":"2026-03-10T11:00:00Z","event":"failure","session_id":"s1","reason":"rate_limit"}"#
            ],
            time: now)
        var line = try team.line("builder", in: team.sample())
        #expect(line["status"] as? String == "error")
        #expect(
            ((line["details"] as? [String: Any])?["status_rule"] as? String)?.contains("StopFailure (rate_limit)")
                == true)
        try hooks.append(
            [
                #"{"kind":"session","agent_id":"builder","timestamp":"2026-03-10T11:05:00Z","event":"start","session_id":"s2","reason":"resume"}"#
            ],
            time: now)
        line = try team.line("builder", in: team.sample())
        #expect(
            line["status"] as? String == "idle",
            "the new session at 11:05 ended the error; 55 minutes ago is not recent")
    }
}
