import AgentReport
import Foundation
import Testing

/// The collector end to end, on a workspace made here (no `demo`): a repository with two
/// agent worktrees, a busy process in one of them; `sample` twice, then `build`.
@Suite struct CollectorEndToEndTests {
    /// Runs git in `directory` with a fixed identity.
    func git(_ arguments: [String], in directory: URL) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments =
            [
                "git", "-c", "user.name=Orchestrator", "-c", "user.email=o@example.com", "-c",
                "commit.gpgsign=false",
            ] + arguments
        process.currentDirectoryURL = directory
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "git \(arguments.joined(separator: " "))")
    }

    @Test func sampleTwiceThenBuildShowsOneAgentActiveWithItsCPUAndTheOtherOffline() throws {
        let workspace = FileManager.default.temporaryDirectory.appendingPathComponent(
            "collector-e2e-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: workspace) }
        let repo = workspace.appendingPathComponent("repo")
        try FileManager.default.createDirectory(at: repo, withIntermediateDirectories: true)
        try git(["init", "-q", "-b", "main"], in: repo)
        try Data("hello\n".utf8).write(to: repo.appendingPathComponent("README.md"))
        try git(["add", "-A"], in: repo)
        try git(["commit", "-q", "-m", "Initial commit"], in: repo)
        for agent in ["builder", "validator"] {
            try git(["worktree", "add", "-q", "-b", "agent-\(agent)", "../wt-\(agent)"], in: repo)
        }
        let builder = workspace.appendingPathComponent("wt-builder")
        let validator = workspace.appendingPathComponent("wt-validator")
        try Data("edited\n".utf8).write(to: builder.appendingPathComponent("README.md"))
        try Data("new\n".utf8).write(to: builder.appendingPathComponent("notes.md"))
        try Data("draft\n".utf8).write(to: validator.appendingPathComponent("draft.md"))
        try FileManager.default.createDirectory(
            at: workspace.appendingPathComponent("coordination"), withIntermediateDirectories: true)
        try Data(
            #"{"tasks": [{"id": "TASK-7", "title": "Build it", "status": "IN_PROGRESS", "assignedTo": "builder"}]}"#
                .utf8
        )
        .write(to: workspace.appendingPathComponent("coordination/task-board.json"))
        try Data(#"{"repositories": [{"path": "repo"}]}"#.utf8).write(
            to: workspace.appendingPathComponent("agentreport.json"))
        let home = workspace.appendingPathComponent("home")  // no real session logs

        // The builder's agent: a busy process whose working directory is its worktree.
        let busy = Process()
        busy.executableURL = URL(fileURLWithPath: "/bin/sh")
        busy.arguments = ["-c", "while :; do :; done"]
        busy.currentDirectoryURL = builder
        try busy.run()
        defer {
            // SIGKILL: the test runner's threads block SIGTERM, and a child spawned from one inherits that.
            kill(busy.processIdentifier, SIGKILL)
            busy.waitUntilExit()
        }

        let environment = ["HOME": home.path]
        let first = try CLI.run(["sample", "-v"], in: workspace, environment: environment)
        #expect(first.status == 0, "stderr: \(first.stderr)")
        Thread.sleep(forTimeInterval: 2)
        let second = try CLI.run(["sample"], in: workspace, environment: environment)
        #expect(second.status == 0, "stderr: \(second.stderr)")
        let build = try CLI.run(["build", "-q"], in: workspace, environment: environment)
        #expect(build.status == 0, "stderr: \(build.stderr)")

        let database = workspace.appendingPathComponent("agentreport.sqlite")
        #expect(try CLI.sqlite(database, "SELECT COUNT(*) FROM agent_metrics") == "4")
        let cpu =
            Double(
                try CLI.sqlite(
                    database,
                    "SELECT cpu_usage FROM agent_metrics WHERE agent_id = 'builder' ORDER BY timestamp DESC LIMIT 1"))
            ?? 0
        #expect(cpu > 1, "a busy loop over two seconds: \(cpu)")

        // The morning page: status (with its mark), CPU and what each works on.
        let index = try String(contentsOf: workspace.appendingPathComponent("output/index.md"), encoding: .utf8)
        let builderRow = try #require(index.split(separator: "\n").first { $0.hasPrefix("| [builder]") })
        let builderCells = builderRow.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(builderCells[1].hasSuffix("active"), "\(builderRow)")
        #expect(builderCells[2] == String(format: "%.1f\u{00A0}%%", cpu), "\(builderRow)")
        #expect(builderCells[3].hasPrefix("TASK-7"), "\(builderRow)")
        // The agents page adds uncommitted changes and the branch. (`split` drops the empty
        // cell before the first `|`: index 0 is the agent.)
        let agents = try String(
            contentsOf: workspace.appendingPathComponent("output/agents/index.md"), encoding: .utf8)
        let rows = agents.split(separator: "\n").filter { $0.hasPrefix("| [builder]") || $0.hasPrefix("| [validator]") }
        let builderCells2 = try #require(rows.first { $0.hasPrefix("| [builder]") })
            .split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(builderCells2[2].hasSuffix("active"), "\(builderCells2)")
        #expect(builderCells2[3] == String(format: "%.1f\u{00A0}%%", cpu))
        #expect(builderCells2[4].hasPrefix("TASK-7"))
        #expect(builderCells2[8] == "2")
        #expect(builderCells2[9] == "agent-builder")
        let validatorCells2 = try #require(rows.first { $0.hasPrefix("| [validator]") })
            .split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(validatorCells2[2].hasSuffix("offline"), "\(validatorCells2)")
        #expect(validatorCells2[3] == "0.0\u{00A0}%")
        #expect(validatorCells2[8] == "1")
        #expect(validatorCells2[9] == "agent-validator")
    }

    @Test func everyTakesIntervalsFromTenSecondsToAnHourAndRefusesTheRest() throws {
        let folder = FileManager.default.temporaryDirectory
        for interval in ["5s", "9", "2h", "61m", "soon"] {
            let result = try CLI.run(["sample", "--every", interval], in: folder)
            #expect(result.status == 64, "--every \(interval)")
            #expect(result.stderr.contains("is not an interval from 10s to 1h"), "\(result.stderr)")
        }
    }
}
