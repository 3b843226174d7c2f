import Foundation
import Testing

@testable import AgentReport

/// Each field of an `agent` line, from a fake `/proc` and real git worktrees.
@Suite struct CollectorFieldTests {
    let now = CollectorFixture.now

    @Test func branchAndUncommittedChangesComeFromGitStatus() throws {
        let team = try CollectorFixture()
        try team.write(team.worktree("builder") + "/src/app.txt", "v2\n")  // modified
        try team.write(team.worktree("builder") + "/notes.md", "new\n")  // untracked
        try team.write(team.worktree("builder") + "/staged.txt", "staged\n")
        try team.repository.git(["add", "staged.txt"], in: team.worktree("builder"))
        let sample = team.sample()
        let builder = try team.line("builder", in: sample)
        #expect(builder["branch"] as? String == "agent-builder")
        #expect(builder["uncommitted_changes"] as? Int == 3)
        let validator = try team.line("validator", in: sample)
        #expect(validator["branch"] as? String == "agent-validator")
        #expect(validator["uncommitted_changes"] as? Int == 0)
        #expect(sample.agents.count == 2, "the main checkout on main is nobody's")
    }

    @Test func aDetachedWorktreeHasNoBranchAndSaysWhy() throws {
        let team = try CollectorFixture(agents: [])
        let head = try team.repository.git(["rev-parse", "HEAD"])
        try team.repository.git(["worktree", "add", "-q", "--detach", team.root + "agents/reviewer", head])
        let line = try team.line("reviewer", in: team.sample())
        #expect(line["branch"] is NSNull)
        #expect(CollectorFixture.notes(line).contains { $0.contains("HEAD is detached at \(head.prefix(12))") })
    }

    @Test func cpuIsMeasuredOverTheIntervalSinceTheLastSample() throws {
        let team = try CollectorFixture()
        try team.proc.addProcess(100, cwd: team.worktree("builder"), startTicks: 5_000, cpuTicks: 1_000)
        try team.proc.setUptime(100)
        let first = try team.line("builder", in: team.sample(at: now))
        #expect(first["cpu_usage"] is NSNull, "no interval yet")
        #expect(CollectorFixture.notes(first).contains { $0.contains("measured between two samples") })

        // 60 s later the process has used 30 more seconds of CPU: 50 % of one core.
        try team.proc.setUptime(160)
        try team.proc.addProcess(100, cwd: team.worktree("builder"), startTicks: 5_000, cpuTicks: 4_000)
        let second = try team.line("builder", in: team.sample(at: now + 60))
        #expect(second["cpu_usage"] as? Double == 50.0)
        #expect(!CollectorFixture.notes(second).contains { $0.contains("cpu") }, "\(CollectorFixture.notes(second))")
        let validator = try team.line("validator", in: team.sample(at: now + 60))
        #expect(validator["cpu_usage"] as? Double == 0.0, "no process: no CPU, measured")
    }

    @Test func aReusedPidIsANewProcessNotTheOldOne() throws {
        let team = try CollectorFixture()
        try team.proc.setUptime(100)
        try team.proc.addProcess(200, cwd: team.worktree("builder"), startTicks: 1_000, cpuTicks: 90_000)
        team.sample(at: now)
        // Pid 200 exited and was reused by a process started 20 s ago with 6 s of CPU: had its
        // ticks been taken for the old process's, the difference would be negative (or huge).
        try team.proc.setUptime(160)
        try team.proc.addProcess(200, cwd: team.worktree("builder"), startTicks: 14_000, cpuTicks: 600)
        let line = try team.line("builder", in: team.sample(at: now + 60))
        #expect(line["cpu_usage"] as? Double == 10.0)
        #expect(team.state?.processes["200:14000"] == 600)
        #expect(team.state?.processes["200:1000"] == nil)
    }

    @Test func aProcessOlderThanTheLastSampleButUnseenIsLeftOutAndSaid() throws {
        let team = try CollectorFixture()
        try team.proc.setUptime(100)
        team.sample(at: now)
        try team.proc.setUptime(160)
        try team.proc.addProcess(300, cwd: team.worktree("builder") + "/src", startTicks: 2_000, cpuTicks: 5_000)
        let line = try team.line("builder", in: team.sample(at: now + 60))
        #expect(line["cpu_usage"] as? Double == 0.0)
        #expect(CollectorFixture.notes(line).contains { $0.contains("leaves out 1 process") })
    }

    @Test func memoryAndUptimeSumTheAgentsProcesses() throws {
        let team = try CollectorFixture()
        try team.proc.setUptime(1_000)
        try team.proc.setMemory(totalKB: 1_000_000, availableKB: 400_000)
        try team.proc.addProcess(10, cwd: team.worktree("builder"), startTicks: 40_000, cpuTicks: 1, residentKB: 20_000)
        try team.proc.addProcess(
            11, cwd: team.worktree("builder") + "/src", startTicks: 90_000, cpuTicks: 1, residentKB: 30_000)
        let sample = team.sample()
        let line = try team.line("builder", in: sample)
        #expect(line["memory_usage"] as? Int == 50_000 * 1024)
        #expect(line["memory_percent"] as? Double == 5.0)
        #expect(line["uptime_seconds"] as? Int == 600, "since the oldest process started, at 400 s")
        #expect((line["details"] as? [String: Any])?["processes"] as? Int == 2)
        let health = try CollectorFixture.parse(sample.health.text)
        #expect(health["memory_usage"] as? Int == 600_000 * 1024)
    }

    @Test func processesBelongToTheInnermostWorktreeAndNeverToTheMainCheckout() throws {
        let team = try CollectorFixture(agents: ["builder"])
        // Claude Code's worktree inside the main checkout: its own agent, not main's.
        try team.repository.git([
            "worktree", "add", "-q", "-b", "worktree-explorer", team.repository.path + "/.claude/worktrees/explorer",
        ])
        let nested = CanonicalPath.resolve(team.repository.path + "/.claude/worktrees/explorer")
        try team.proc.addProcess(20, cwd: nested, startTicks: 1, cpuTicks: 1)
        try team.proc.addProcess(21, cwd: CanonicalPath.resolve(team.repository.path), startTicks: 1, cpuTicks: 1)
        try team.proc.addProcess(1, cwd: team.worktree("builder"), startTicks: 1, cpuTicks: 1)  // the collector itself
        let sample = team.sample()
        let explorer = try team.line("explorer", in: sample)
        #expect((explorer["details"] as? [String: Any])?["processes"] as? Int == 1)
        let builder = try team.line("builder", in: sample)
        #expect((builder["details"] as? [String: Any])?["processes"] as? Int == 0)
        #expect(builder["status"] as? String == "offline")
    }

    @Test func lastActivityIsTheNewestOfCommitFileChangeAndSessionLog() throws {
        let team = try CollectorFixture()
        let worktree = team.worktree("builder")
        try team.repository.commit("Work", files: ["src/app.txt": "v3\n"])  // on main: not the builder's
        let commitTime = Int64(try team.repository.git(["log", "-1", "--format=%ct", "agent-builder"])) ?? 0
        // Only the commit.
        var line = try team.line("builder", in: team.sample())
        #expect(line["last_activity"] as? String == UTCTime.formatISO(commitTime))
        // A changed file, newer.
        try team.write(worktree + "/src/app.txt", "edited\n", modified: now - 600)
        line = try team.line("builder", in: team.sample())
        #expect(line["last_activity"] as? String == UTCTime.formatISO(now - 600))
        // A session log whose last line is newer still (its timestamp, not the file's time).
        let folder =
            team.root + "home/.claude/projects/"
            + SessionLogLocations.claudeProjectFolderName(forWorkingDirectory: worktree)
        try team.write(
            folder + "/s1.jsonl",
            """
            {"type":"user","timestamp":"2026-03-10T11:40:00.000Z","cwd":"\(worktree)","message":{"role":"user"}}
            {"type":"assistant","timestamp":"2026-03-10T11:55:30.500Z","cwd":"\(worktree)","message":{"model":"claude-opus-4-5"}}

            """, modified: now - 3_000)
        line = try team.line("builder", in: team.sample())
        #expect(line["last_activity"] as? String == "2026-03-10T11:55:30Z")
        #expect((line["details"] as? [String: Any])?["session_log"] as? String == folder + "/s1.jsonl")
    }

    @Test func theCurrentTaskIsTheAgentsInProgressTaskPreferringItsOwnBoard() throws {
        let team = try CollectorFixture()
        team.config.coordination.dir = "repo/coordination"
        let board = """
            {"tasks": [
              {"id": "T-1", "title": "Done", "status": "DONE", "assignedTo": "builder"},
              {"id": "T-2", "title": "Doing", "status": "IN_PROGRESS", "assignedTo": "builder"},
              {"id": "T-3", "title": "Also", "status": "in-progress", "assignedTo": "builder"},
              {"id": "T-4", "title": "Check", "status": "IN_PROGRESS", "assignedTo": "validator"}]}
            """
        try team.write(team.repository.path + "/coordination/task-board.json", board)
        var sample = team.sample()
        let builder = try team.line("builder", in: sample)
        #expect(builder["current_task"] as? String == "T-2")
        #expect(CollectorFixture.notes(builder).contains("also in progress: T-3"))
        #expect(try team.line("validator", in: sample)["current_task"] as? String == "T-4")
        // The validator's branch has its own copy of the board: it wins for the validator.
        try team.write(
            team.worktree("validator") + "/coordination/task-board.json",
            #"{"tasks": [{"id": "T-9", "title": "Mine", "status": "IN_PROGRESS", "assignedTo": "validator"}]}"#)
        sample = team.sample()
        #expect(try team.line("validator", in: sample)["current_task"] as? String == "T-9")
        #expect(try team.line("builder", in: sample)["current_task"] as? String == "T-2")
    }

    @Test func noBoardIsNullAndANote() throws {
        let team = try CollectorFixture()
        let line = try team.line("builder", in: team.sample())
        #expect(line["current_task"] is NSNull)
        #expect(CollectorFixture.notes(line).contains { $0.hasPrefix("current_task unknown: no task board") })
    }

    @Test func aConfiguredAgentWithoutWorktreeIsOfflineWithNullsAndANote() throws {
        let team = try CollectorFixture(agents: ["builder"])
        team.config.agents = [ReportConfig.Agent(id: "planner")]
        let line = try team.line("planner", in: team.sample())
        #expect(line["status"] as? String == "offline")
        #expect(line["branch"] is NSNull)
        #expect(line["uncommitted_changes"] is NSNull)
        #expect(line["last_activity"] is NSNull)
        #expect(CollectorFixture.notes(line).contains { $0.hasPrefix("no worktree found for this agent") })
    }

    @Test func aConfiguredWorktreeFolderGitDoesNotListIsSampledToo() throws {
        let team = try CollectorFixture(agents: [])
        let clone = team.root + "clones/planner"
        try team.repository.git(["clone", "-q", team.repository.path, clone])
        try team.write(clone + "/draft.md", "x\n")
        team.config.agents = [ReportConfig.Agent(id: "planner", worktree: "clones/planner")]
        let line = try team.line("planner", in: team.sample())
        #expect(line["branch"] as? String == "main")
        #expect(line["uncommitted_changes"] as? Int == 1)
        #expect(line["last_activity"] is String, "the clone's commit time, read in the clone")
    }

    @Test func aGitStatusThatHangsIsStoppedAndReportedAsNull() throws {
        let team = try CollectorFixture(agents: ["builder"])
        let git = try #require(ProcessRunner.locate("git", path: team.environment["PATH"]))
        let bin = team.root + "bin"
        try team.write(
            bin + "/git",
            """
            #!/bin/sh
            for argument in "$@"; do [ "$argument" = status ] && exec sleep 600; done
            exec \(git) "$@"

            """)
        chmod(bin + "/git", 0o755)
        team.environment["PATH"] = bin + ":" + (team.environment["PATH"] ?? "")
        // Long enough for every other git command on a loaded machine (the whole suite runs at
        // once on two cores, beside other builds: 0.5 s and even 8 s once timed out `git
        // worktree list` too, and the sample had no agent), far below the hang.
        team.config.sample.gitTimeoutSeconds = 30
        let started = ProcessRunner.monotonicSeconds()
        let sample = team.sample()
        // When no agent is found, the health line's notes say why (a failed worktree list).
        #expect(!sample.agents.isEmpty, "\(sample.health.text)")
        let line = try team.line("builder", in: sample)
        #expect(ProcessRunner.monotonicSeconds() - started < 300, "bounded by the timeout, not by git (600 s)")
        #expect(line["uncommitted_changes"] is NSNull)
        #expect(line["branch"] as? String == "agent-builder", "the worktree list still names it")
        #expect(CollectorFixture.notes(line).contains { $0.contains("git status did not finish within 30") })
    }

    @Test func aRepositoryThatIsNotOneIsANoteNotACrash() throws {
        let team = try CollectorFixture(agents: [])
        team.config.repositories = [ReportConfig.Repository(path: "missing", refs: [], boardHistory: false)]
        let sample = team.sample()
        #expect(sample.agents.isEmpty)
        let health = try CollectorFixture.parse(sample.health.text)
        #expect(
            CollectorFixture.notes(health).contains { $0.hasPrefix("repository missing: git worktree list failed") })
    }
}
