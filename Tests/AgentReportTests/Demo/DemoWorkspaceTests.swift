import Foundation
import Testing

@testable import AgentReport

@Suite struct DemoWorkspaceTests {
    @Test func sameSeedGivesByteIdenticalWorkspaceAndCommitIds() throws {
        let first = try DemoFixture.seedOne.get()
        let second = try DemoFixture.generate(seed: 1).get()
        defer { try? FileManager.default.removeItem(atPath: second.path) }
        #expect(try DemoFixture.fingerprint(of: first.path) == DemoFixture.fingerprint(of: second.path))
        #expect(try DemoFixture.git(first.path, ["rev-parse", "main"]) == DemoFixture.git(second.path, ["rev-parse", "main"]))
        #expect(first.summary == second.summary)
    }

    @Test func differentSeedGivesDifferentWorkspace() throws {
        let first = try DemoFixture.seedOne.get()
        let other = try DemoFixture.generate(seed: 2).get()
        defer { try? FileManager.default.removeItem(atPath: other.path) }
        #expect(try DemoFixture.fingerprint(of: first.path) != DemoFixture.fingerprint(of: other.path))
        #expect(try DemoFixture.git(first.path, ["rev-parse", "main"]) != DemoFixture.git(other.path, ["rev-parse", "main"]))
    }

    @Test func threeAgentsForSevenDaysTakeLessThanTenSeconds() throws {
        let clock = ContinuousClock()
        let path = DemoFixture.temporaryPath("timed")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let elapsed = try clock.measure {
            _ = try DemoWorkspace.create(at: path, options: DemoOptions(agents: 3, days: 7, seed: 7))
        }
        #expect(elapsed < .seconds(10))
    }

    @Test func refusesAFolderThatIsNotEmptyAndLeavesItAlone() throws {
        let path = DemoFixture.temporaryPath("full")
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data("keep me".utf8).write(to: URL(fileURLWithPath: path + "/notes.txt"))
        #expect(throws: DemoError.directoryNotEmpty(path)) {
            try DemoWorkspace.create(at: path, options: DemoOptions())
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: path) == ["notes.txt"])
    }

    @Test func writesIntoAnEmptyFolder() throws {
        let path = DemoFixture.temporaryPath("empty")
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let summary = try DemoWorkspace.create(at: path, options: DemoOptions(agents: 1, days: 1, seed: 3, cadence: 600))
        #expect(summary.agents.map(\.id) == ["architect"])
        #expect(FileManager.default.fileExists(atPath: path + "/agentreport.json"))
    }

    @Test(arguments: [
        DemoOptions(agents: 0), DemoOptions(agents: DemoOptions.maxAgents + 1), DemoOptions(days: 0),
        DemoOptions(days: DemoOptions.maxDays + 1), DemoOptions(cadence: 7), DemoOptions(cadence: 61),
        DemoOptions(end: DemoOptions.defaultEnd + 30), DemoOptions(seed: 0),
    ])
    func rejectsOptionsOutOfRange(options: DemoOptions) {
        #expect(throws: DemoError.self) { try options.validate() }
    }

    @Test func acceptsTheDefaultsAndTheLimits() throws {
        try DemoOptions().validate()
        try DemoOptions(agents: DemoOptions.maxAgents, days: DemoOptions.maxDays, cadence: 86_400).validate()
    }

    @Test func configNamesEveryAgentAndItsBranch() throws {
        let (path, summary) = try DemoFixture.seedOne.get()
        let config = try ConfigLoader.load(path: path + "/agentreport.json", workingDirectory: path)
        #expect(config.agents.map(\.id) == summary.agents.map(\.id))
        #expect(config.agents.map(\.branches) == summary.agents.map { [$0.branch] })
    }
}
