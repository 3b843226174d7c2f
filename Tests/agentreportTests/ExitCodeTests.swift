import AgentReport
import Foundation
import Testing

/// The command line end to end, in temporary folders: exit codes 0 / 1 / 3 and what is printed.
@Suite struct ExitCodeTests {
    let now = "2026-03-03T07:00:00Z"

    @Test func helpListsEverySubcommand() throws {
        let result = try CLI.run(["--help"], in: FileManager.default.temporaryDirectory)
        #expect(result.status == 0)
        for command in ["build", "ingest", "retain", "render", "alerts", "backup", "init", "demo"] {
            #expect(result.stdout.contains(command), "--help does not mention \(command)")
        }
    }

    @Test func buildOnTheExampleWorkspaceExitsZeroAndWritesMarkdownAndHTML() throws {
        let workspace = try CLI.exampleWorkspace()
        defer { try? FileManager.default.removeItem(at: workspace) }
        let result = try CLI.run(["build", "--now", now], in: workspace)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let markdown = try String(contentsOf: workspace.appendingPathComponent("output/tasks.md"), encoding: .utf8)
        let html = try String(contentsOf: workspace.appendingPathComponent("output/tasks.html"), encoding: .utf8)
        #expect(markdown.contains("| TASK-107 | Contract tests for the API |"))
        #expect(html.contains("<table>"))
        #expect(html.contains("<td>TASK-107</td>"))
        #expect(FileManager.default.fileExists(atPath: workspace.appendingPathComponent("output/index.html").path))
        #expect(FileManager.default.fileExists(atPath: workspace.appendingPathComponent("output/style.css").path))
        #expect(result.stderr.contains("files written to output"), "the closing summary is printed")
    }

    @Test func twoBuildsWithTheSameNowAreByteIdentical() throws {
        let first = try CLI.exampleWorkspace()
        let second = try CLI.exampleWorkspace()
        defer {
            try? FileManager.default.removeItem(at: first)
            try? FileManager.default.removeItem(at: second)
        }
        #expect(try CLI.run(["build", "--now", now], in: first).status == 0)
        #expect(try CLI.run(["build", "-q"], in: second, environment: ["SOURCE_DATE_EPOCH": "\(UTCTime.parse(now) ?? 0)"]).status == 0)
        for page in ["index.md", "index.html"] {
            let a = try Data(contentsOf: first.appendingPathComponent("output/\(page)"))
            let b = try Data(contentsOf: second.appendingPathComponent("output/\(page)"))
            #expect(a == b, "\(page) differs between two builds with the same now")
        }
    }

    @Test func aBoardThatIsNotJSONExitsThreeWithItsPositionAndStillRenders() throws {
        let workspace = try CLI.exampleWorkspace()
        defer { try? FileManager.default.removeItem(at: workspace) }
        #expect(try CLI.run(["build", "--now", now, "-q"], in: workspace).status == 0)
        try Data("{\n  \"tasks\": [\n    {\"id\": \"X-1\", \"status\": }\n]}".utf8)
            .write(to: workspace.appendingPathComponent("coordination/task-board.json"))
        let result = try CLI.run(["build", "--now", "2026-03-03T08:00:00Z"], in: workspace)
        #expect(result.status == 3, "stderr: \(result.stderr)")
        #expect(result.stderr.contains("coordination/task-board.json:3:"))
        let markdown = try String(contentsOf: workspace.appendingPathComponent("output/index.md"), encoding: .utf8)
        #expect(markdown.contains("TASK-104"), "the database was left unchanged by the broken board")
        #expect(markdown.contains("coordination/task-board.json:3:"), "the rejection is shown in the report")
    }

    @Test func aMissingCoordinationFolderIsDiagnosedAndTheReportStillRenders() throws {
        let workspace = try CLI.exampleWorkspace()
        defer { try? FileManager.default.removeItem(at: workspace) }
        try FileManager.default.removeItem(at: workspace.appendingPathComponent("coordination"))
        let result = try CLI.run(["build", "--now", now], in: workspace)
        #expect(result.status == 0)
        #expect(result.stderr.contains("no coordination folder"))
        #expect(FileManager.default.fileExists(atPath: workspace.appendingPathComponent("output/index.html").path))
    }

    @Test func anOutputFolderThatCannotBeWrittenExitsOne() throws {
        let workspace = try CLI.exampleWorkspace()
        defer { try? FileManager.default.removeItem(at: workspace) }
        // A regular file where a folder is needed: not writable even for root.
        try Data("x".utf8).write(to: workspace.appendingPathComponent("blocker"))
        let result = try CLI.run(["build", "--now", now, "--out", "blocker/output"], in: workspace)
        #expect(result.status == 1)
        #expect(result.stderr.contains("blocker/output"))
        #expect(result.stderr.contains("error"))
    }

    @Test func anUnknownConfigKeyExitsOneNamingTheKey() throws {
        let workspace = try CLI.exampleWorkspace()
        defer { try? FileManager.default.removeItem(at: workspace) }
        try Data(#"{"retention": {"agentMetricDays": 10}}"#.utf8).write(to: workspace.appendingPathComponent("agentreport.json"))
        let result = try CLI.run(["build", "--now", now], in: workspace)
        #expect(result.status == 1)
        #expect(result.stderr.contains("unknown key 'retention.agentMetricDays'"))
        #expect(!FileManager.default.fileExists(atPath: workspace.appendingPathComponent("output").path), "nothing half-written")
    }

    @Test func renderWithoutADatabaseExitsOneWithAHint() throws {
        let workspace = try CLI.exampleWorkspace()
        defer { try? FileManager.default.removeItem(at: workspace) }
        let result = try CLI.run(["render", "--now", now], in: workspace)
        #expect(result.status == 1)
        #expect(result.stderr.contains("agentreport build"))
    }

    @Test func aSecondRunWaitsForTheFirstThenGivesUpWithExitOne() throws {
        let workspace = try CLI.exampleWorkspace()
        defer { try? FileManager.default.removeItem(at: workspace) }
        let lock = try RunLock(databasePath: workspace.appendingPathComponent("agentreport.sqlite").path, timeout: 1)
        let result = try CLI.run(["build", "--now", now], in: workspace, environment: ["AGENTREPORT_LOCK_WAIT": "0.5"])
        withExtendedLifetime(lock) {}
        #expect(result.status == 1)
        #expect(result.stderr.contains("another agentreport run"))
    }

    @Test func usageErrorsExitWithTheParsersUsageCode() throws {
        let result = try CLI.run(["ingest", "--only", "tasks,nonsense"], in: FileManager.default.temporaryDirectory)
        #expect(result.status == 64)
        #expect(result.stderr.contains("unknown source 'nonsense'"))
    }
}
