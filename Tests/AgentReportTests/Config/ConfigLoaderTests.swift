import Foundation
import Testing

@testable import AgentReport

@Suite struct ConfigLoaderTests {
    func parse(_ json: String) throws -> ReportConfig {
        try ConfigLoader.parse(Data(json.utf8), file: "agentreport.json", baseDirectory: "/work/team")
    }

    @Test func emptyObjectGivesEveryDefaultOfTheDesign() throws {
        let config = try parse("{}")
        #expect(config.title == "Agent team report")
        #expect(config.databasePath == "/work/team/agentreport.sqlite")
        #expect(config.outputPath == "/work/team/output")
        #expect(config.formats == [.markdown, .html])
        #expect(config.taskBoardPath == "/work/team/coordination/task-board.json")
        #expect(config.progressLogPath == "/work/team/coordination/progress-log.md")
        #expect(config.memoryBankPath == "/work/team/coordination/memory-bank")
        #expect(config.metricsPath == "/work/team/metrics")
        #expect(config.repositories == [ReportConfig.Repository(path: ".", refs: ["refs/heads/*"], boardHistory: true)])
        #expect(config.attribution.trailers == ["Agent"])
        #expect(config.attribution.branchPatterns.count == 2)
        #expect(config.exclude.paths == ["node_modules/**", "**/*.lock", "dist/**"])
        #expect(config.exclude.authors == ["*[bot]"])
        #expect(config.retention == ReportConfig.Retention(
            agentMetricsDays: 30, agentDailyDays: 365, systemHealthDays: 7, systemHealthHourlyDays: 30,
            ragMetricsDays: 30, alertsDays: 90))
        #expect(config.alerts.agentSilentHours == 24)
        #expect(config.alerts.taskStalledDays == 3)
        #expect(config.alerts.uncommittedChanges == 50)
        #expect(config.alerts.ragHitRate == 0.5)
    }

    @Test func theDesignsExampleConfigLoads() throws {
        let json = """
            { "title": "Agent team report", "database": "agentreport.sqlite",
              "output": { "dir": "output", "formats": ["markdown", "html"] }, "templates": "templates",
              "coordination": { "dir": "coordination", "taskBoard": "task-board.json",
                                "progressLog": "progress-log.md", "memoryBank": "memory-bank" },
              "repositories": [ { "path": ".", "refs": ["refs/heads/*"], "boardHistory": true } ],
              "metrics": { "dir": "metrics" },
              "agents": [ { "id": "builder", "name": "Full-Stack Builder", "branches": ["agent-builder-*"],
                            "authors": ["builder@example.com"], "worktree": "agents/builder" } ],
              "attribution": { "branchPatterns": ["^agent-(?<agent>[A-Za-z0-9_-]+?)(-[0-9]+)?$", "^agents?/(?<agent>[^/]+)"],
                               "trailers": ["Agent"], "taskIdPattern": "\\\\b[A-Z][A-Z0-9]*-[A-Z0-9-]*[0-9]+\\\\b" },
              "exclude": { "paths": ["node_modules/**", "**/*.lock", "dist/**"], "authors": ["*[bot]"] },
              "retention": { "agentMetricsDays": 30, "agentDailyDays": 365, "systemHealthDays": 7,
                             "systemHealthHourlyDays": 30, "ragMetricsDays": 30, "alertsDays": 90 },
              "alerts": { "agentSilentHours": 24, "taskBlockedHours": 24, "taskStalledDays": 3,
                          "uncommittedChanges": 50, "cpuPercent": 90, "memoryPercent": 90,
                          "ragHitRate": 0.5, "silences": [ { "match": "task-stalled:*", "until": "2026-12-31" } ] } }
            """
        let config = try parse(json)
        #expect(config.agents == [ReportConfig.Agent(
            id: "builder", name: "Full-Stack Builder", branches: ["agent-builder-*"],
            authors: ["builder@example.com"], worktree: "agents/builder")])
        #expect(config.alerts.silences == [ReportConfig.Silence(match: "task-stalled:*", until: "2026-12-31")])
        #expect(config.attribution.taskIdPattern == #"\b[A-Z][A-Z0-9]*-[A-Z0-9-]*[0-9]+\b"#)
    }

    @Test(arguments: [
        (#"{"titel": "x"}"#, "unknown key 'titel'"),
        (#"{"alerts": {"cpuPercnt": 80}}"#, "unknown key 'alerts.cpuPercnt'"),
        (#"{"repositories": [{"path": ".", "ref": ["main"]}]}"#, "unknown key 'repositories[0].ref'"),
        (#"{"title": 3}"#, "title must be a string"),
        (#"{"repositories": [{"boardHistory": "yes"}]}"#, "repositories[0].boardHistory must be true or false"),
        (#"{"retention": {"alertsDays": 0}}"#, "retention.alertsDays must be a whole number of at least 1"),
        (#"{"output": {"formats": ["pdf"]}}"#, "unknown format 'pdf'"),
        (#"{"agents": [{"id": "Full Stack Builder"}]}"#, "is not an agent id"),
        (#"{"alerts": {"silences": [{"match": "x:*", "until": "soon"}]}}"#, "is not a date"),
        (#"{"attribution": {"taskIdPattern": "([A-Z"}}"#, "not a valid regular expression"),
        (#"[1, 2]"#, "the top level must be an object"),
    ])
    func mistakesAreErrorsThatNameTheKeyAndFile(json: String, expected: String) {
        #expect {
            try parse(json)
        } throws: { error in
            let message = "\(error)"
            return message.contains(expected) && message.hasPrefix("agentreport.json")
        }
    }

    @Test func invalidJSONNamesLineAndColumn() {
        #expect {
            try parse("{\n  \"title\": \"x\",\n  \"database\": ,\n}")
        } throws: { error in
            "\(error)".hasPrefix("agentreport.json:3:")
        }
    }

    @Test func relativePathsResolveAgainstTheConfigFolder() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cfg-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("team"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data(#"{"database": "data/db.sqlite", "metrics": {"dir": "/var/metrics"}}"#.utf8)
            .write(to: directory.appendingPathComponent("team/agentreport.json"))
        let config = try ConfigLoader.load(path: "team/agentreport.json", workingDirectory: directory.path)
        #expect(config.databasePath == directory.appendingPathComponent("team/data/db.sqlite").path)
        #expect(config.metricsPath == "/var/metrics")
    }

    @Test func aMissingExplicitConfigIsAnErrorButAMissingDefaultIsNot() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cfg-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(throws: ConfigError.self) { try ConfigLoader.load(path: "nope.json", workingDirectory: directory.path) }
        let config = try ConfigLoader.load(path: nil, workingDirectory: directory.path)
        #expect(config.baseDirectory == directory.path)
    }

    @Test func nowComesFromTheOptionThenSourceDateEpochThenTheClock() throws {
        let clock = { Date(timeIntervalSince1970: 1_000) }
        #expect(try RunContext.resolveNow(explicit: "2026-03-02T21:30:00Z", environment: ["SOURCE_DATE_EPOCH": "5"], clock: clock)
            == UTCTime.parse("2026-03-02T21:30:00Z"))
        #expect(try RunContext.resolveNow(explicit: "1750106374", environment: [:], clock: clock) == 1_750_106_374)
        #expect(try RunContext.resolveNow(explicit: nil, environment: ["SOURCE_DATE_EPOCH": "5"], clock: clock) == 5)
        #expect(try RunContext.resolveNow(explicit: nil, environment: [:], clock: clock) == 1_000)
        #expect(throws: ConfigError.self) { try RunContext.resolveNow(explicit: "tomorrow", environment: [:]) }
        #expect(throws: ConfigError.self) { try RunContext.resolveNow(explicit: nil, environment: ["SOURCE_DATE_EPOCH": "x"]) }
    }
}
