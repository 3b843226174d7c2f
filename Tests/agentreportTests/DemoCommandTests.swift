import Foundation
import Testing

/// `agentreport demo` as a user runs it: exit codes, refusals, and a build on its workspace.
@Suite struct DemoCommandTests {
    /// Runs the binary in `directory`; returns its exit status and stderr.
    static func run(_ arguments: [String], in directory: String = NSTemporaryDirectory()) throws -> (
        status: Int32, stderr: String
    ) {
        let result = try CLI.run(arguments, in: URL(fileURLWithPath: directory))
        return (result.status, result.stderr)
    }

    static func temporaryPath() -> String {
        NSTemporaryDirectory() + "agentreport-demo-cli-\(UUID().uuidString)"
    }

    @Test func refusesAFolderThatIsNotEmptyWithExitStatusOne() throws {
        let path = Self.temporaryPath()
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data("x".utf8).write(to: URL(fileURLWithPath: path + "/keep.txt"))
        let result = try Self.run(["demo", path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("not empty"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: path) == ["keep.txt"])
    }

    @Test(arguments: [
        ["--agents", "0"], ["--days", "0"], ["--agents", "1000"], ["--days", "99999"], ["--seed", "0"],
        ["--cadence", "7"], ["--end", "soon"],
    ])
    func rejectsOptionsOutOfRangeAsAUsageError(options: [String]) throws {
        let path = Self.temporaryPath()
        let result = try Self.run(["demo", path] + options)
        #expect(result.status == 64)
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func aPlainBuildOnTheDemoWorkspaceSucceedsAndNamesTheReport() throws {
        let path = Self.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let demo = try Self.run(["demo", path, "--days", "2", "--cadence", "300"])
        #expect(demo.status == 0)
        #expect(demo.stderr.contains("Next: cd \(path) && agentreport build\n"))
        // The data ends today at 00:00 UTC: a plain build (now = the clock) keeps every sample.
        let build = try Self.run(["build"], in: path)
        #expect(build.status == 0, "\(build.stderr)")
        #expect(!build.stderr.contains("retention window"))
        #expect(build.stderr.contains("Report: output/index.html"))
        let index = try String(contentsOfFile: path + "/output/index.md", encoding: .utf8)
        #expect(!index.contains("no samples"))
    }

    @Test func faultsAreOnlyPlacedWhenAskedFor() throws {
        let path = Self.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(
            try Self.run(["demo", path, "--days", "1", "--cadence", "600", "--end", "2026-06-01T00:00:00Z", "--faults"])
                .status == 0)
        let build = try Self.run(["build", "--now", "2026-06-01T00:00:00Z", "-q"], in: path)
        // The one truncated metrics line is rejected on purpose.
        #expect(build.status == 3)
        #expect(build.stderr.contains("system-health.jsonl"))
    }

    @Test func aNowFarBeyondTheDataIsWarnedAboutBeforeRetention() throws {
        let path = Self.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(
            try Self.run(["demo", path, "--days", "1", "--cadence", "600", "--end", "2026-06-01T00:00:00Z"]).status == 0
        )
        let build = try Self.run(["build", "--now", "2026-11-30T00:00:00Z"], in: path)
        #expect(build.stderr.contains("182.0 days after the newest data"), "\(build.stderr)")
        #expect(build.stderr.contains("build as of its data: --now 2026-05-31T23:50:00Z"))
    }
}
