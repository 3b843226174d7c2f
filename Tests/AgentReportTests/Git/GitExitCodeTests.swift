import Foundation
import GRDB
import Testing

@testable import AgentReport

/// The git source's severities as the command line sees them (exit codes of DESIGN §1).
@Suite struct GitExitCodeTests {
    func workspace() throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("agentreport-ws-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder + "/not-a-repo", withIntermediateDirectories: true)
        return folder
    }

    func options(in folder: String, config: String?) throws -> RunOptions {
        var options = RunOptions()
        options.workingDirectory = folder
        options.databasePath = folder + "/agentreport.sqlite"
        options.now = "2026-03-03T10:00:00Z"
        options.verbosity = .quiet
        if let config {
            try config.write(toFile: folder + "/agentreport.json", atomically: true, encoding: .utf8)
            options.configPath = folder + "/agentreport.json"
        }
        return options
    }

    @Test func workspaceWithoutGitExitsZero() throws {
        let folder = try workspace()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(Engine.ingest(try options(in: folder, config: nil), only: ["git"]) == .success)
    }

    @Test func configuredRepositoryThatIsNotOneExitsThree() throws {
        let folder = try workspace()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let config = #"{ "repositories": [ { "path": "not-a-repo" } ] }"#
        #expect(Engine.ingest(try options(in: folder, config: config), only: ["git"]) == .rejectedInput)
    }

    @Test func configuredRepositoryIsIngestedAndExitsZero() throws {
        let repository = try TestRepository()
        try AgentHistory.write(into: repository)
        let folder = try workspace()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let config = #"{ "repositories": [ { "path": "\#(repository.path)" } ] }"#
        let options = try options(in: folder, config: config)
        #expect(Engine.ingest(options, only: ["git"]) == .success)
        let store = try ReportStore.openForReading(at: folder + "/agentreport.sqlite")
        let count = try store.queue.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM git_commits") }
        #expect(count == 9)
    }
}
