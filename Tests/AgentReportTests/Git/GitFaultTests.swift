import Foundation
import GRDB
import Testing

@testable import AgentReport

@Suite struct GitFaultTests {
    @Test func unreadableObjectCostsOnlyItsCommitsLineCounts() throws {
        let repository = try TestRepository()
        try repository.commit("First", files: ["a.txt": "a\n"])
        let damaged = try repository.commit("Second", files: ["b.txt": "b\nb\n"])
        try repository.commit("Third", files: ["c.txt": "c\nc\nc\n"])
        try repository.deleteObject(try repository.git(["rev-parse", "\(damaged):b.txt"]))
        let harness = try GitIngestHarness(repositories: [repository.path])
        let run = try harness.ingest()
        #expect(run.rows == 3)
        let problem = try #require(run.diagnostics.first { $0.message.contains("cannot read the objects of 1 commit") })
        #expect(problem.message.contains(String(damaged.prefix(12))))
        #expect(problem.message.contains("unable to read"))
        // An input problem: the run exits 3.
        #expect(problem.severity == .error && problem.file == repository.path)
        let second = try #require(try harness.commit("Second"))
        #expect(second["lines_unknown"] as Int == 1 && second["lines_added"] as Int == 0)
        let third = try #require(try harness.commit("Third"))
        #expect(third["lines_unknown"] as Int == 0 && third["lines_added"] as Int == 3)
        let first = try #require(try harness.commit("First"))
        #expect(first["lines_unknown"] as Int == 0 && first["lines_added"] as Int == 1)
    }

    @Test func explicitRepositoryThatIsNotOneIsAnError() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "agentreport-norepo-\(UUID().uuidString)"
        ).path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let other = try TestRepository()
        try other.commit("Still read", files: ["x": "x\n"])
        let harness = try GitIngestHarness(repositories: [folder, other.path])
        let run = try harness.ingest()
        let error = try #require(run.diagnostics.first)
        #expect(error.severity == .error && error.file == folder)
        #expect(error.message.contains("not a git repository"))
        #expect(run.rows == 1)
    }

    @Test func defaultRepositoryThatIsNotOneIsOnlyAWarning() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "agentreport-norepo-\(UUID().uuidString)"
        ).path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var harness = try GitIngestHarness(repositories: [], base: folder)
        harness.config.repositories = [ReportConfig.Repository()]
        let run = try harness.ingest()
        #expect(run.rows == 0)
        #expect(run.diagnostics.count == 1 && run.diagnostics.allSatisfy { $0.severity == .warning })
        #expect(try harness.value("SELECT last_status FROM source_state WHERE source = 'git'") == "ok")
    }

    @Test func gitMissingFromPathIsReportedNotThrown() throws {
        let repository = try TestRepository()
        let harness = try GitIngestHarness(repositories: [repository.path])
        let run = try harness.ingest(searchPath: "/nonexistent-bin")
        #expect(run.rows == 0)
        #expect(run.diagnostics.count == 1)
        #expect(run.diagnostics.first?.severity == .error)
        #expect(run.diagnostics.first?.message.contains("git is not installed") == true)
        #expect(try harness.value("SELECT last_status FROM source_state WHERE source = 'git'") == "failed")
    }

    @Test func gitMissingWithOnlyTheDefaultRepositoryIsAWarning() throws {
        var harness = try GitIngestHarness(repositories: [])
        harness.config.repositories = [ReportConfig.Repository()]
        let run = try harness.ingest(searchPath: "/nonexistent-bin")
        #expect(run.rows == 0)
        #expect(run.diagnostics.map(\.severity) == [.warning])
        #expect(try harness.value("SELECT last_status FROM source_state WHERE source = 'git'") == "ok")
    }

    @Test func emptyRepositoryIsAWarning() throws {
        let repository = try TestRepository()
        let harness = try GitIngestHarness(repositories: [repository.path])
        let run = try harness.ingest()
        #expect(run.rows == 0)
        #expect(run.diagnostics.map(\.severity) == [.warning])
        #expect(run.diagnostics.first?.message.contains("empty repository") == true)
    }

    @Test func vanishedRefIsReportedAndForgotten() throws {
        let repository = try TestRepository()
        try AgentHistory.write(into: repository)
        let harness = try GitIngestHarness(repositories: [repository.path])
        _ = try harness.ingest()
        try repository.git(["branch", "-q", "-D", "agents/validator"])
        let run = try harness.ingest()
        #expect(run.rows == 0)
        let warning = try #require(run.diagnostics.first)
        #expect(warning.severity == .warning && warning.message.contains("refs/heads/agents/validator has vanished"))
        #expect(try harness.value("SELECT COUNT(*) FROM git_refs") == 2)
        #expect(try harness.value("SELECT COUNT(*) FROM git_commits WHERE branch = 'agents/validator'") == 2)
    }

    @Test func shallowCloneIsReadWithItsBoundaryMarkedUnknown() throws {
        let repository = try TestRepository()
        try AgentHistory.write(into: repository)
        let clone = repository.scratch("shallow")
        try repository.git(
            ["clone", "-q", "--depth", "3", "--no-local", "file://" + repository.path, clone],
            in: repository.scratch(""))
        let harness = try GitIngestHarness(repositories: [clone])
        let run = try harness.ingest()
        #expect(run.diagnostics.contains { $0.severity == .warning && $0.message.contains("shallow clone") })
        #expect(!run.diagnostics.contains { $0.isRejection })
        #expect(run.rows == 2)
        let boundary = try #require(try harness.commit("Merge the builder's API"))
        #expect(boundary["lines_unknown"] as Int == 1)
        #expect(try harness.commit("Human fix")?["lines_unknown"] as Int? == 0)
    }

    @Test func refGlobThatMatchesNothingIsAWarning() throws {
        let repository = try TestRepository()
        try repository.commit("One", files: ["a": "a\n"])
        var harness = try GitIngestHarness(repositories: [repository.path])
        harness.config.repositories[0].refs = ["refs/heads/agent-*"]
        let run = try harness.ingest()
        #expect(run.diagnostics.map(\.severity) == [.warning])
        #expect(run.diagnostics.first?.message.contains("no ref matches") == true)
    }
}
