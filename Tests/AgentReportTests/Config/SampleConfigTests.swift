import Foundation
import Testing

@testable import AgentReport

/// The `sample` key: the collector's checks, windows and hook commands, read as strictly as
/// every other key.
@Suite struct SampleConfigTests {
    func parse(_ json: String) throws -> ReportConfig {
        try ConfigLoader.parse(Data(json.utf8), file: "agentreport.json", baseDirectory: "/work/team")
    }

    func error(_ json: String) -> String {
        do {
            _ = try parse(json)
            return "no error"
        } catch {
            return "\(error)"
        }
    }

    @Test func everyFieldIsRead() throws {
        let config = try parse(
            """
            {"sample": {"activeMinutes": 5, "gitTimeoutSeconds": 2.5, "checkCommands": ["make ci", "./check"],
              "checks": [
                {"kind": "http", "url": "https://api.example.com/health", "timeout": 2},
                {"name": "mcp", "kind": "tcp", "host": "localhost", "port": 3000},
                {"kind": "command", "command": "pg_isready -q"}]},
             "alerts": {"passRateDrop": 0.4}}
            """)
        #expect(config.sample.activeMinutes == 5)
        #expect(config.sample.gitTimeoutSeconds == 2.5)
        #expect(config.sample.checkCommands == ["make ci", "./check"])
        #expect(config.sample.checks.map(\.name) == ["https://api.example.com/health", "mcp", "pg_isready -q"])
        #expect(config.sample.checks.map(\.timeout) == [2, 5, 5])
        #expect(config.sample.checks[1].port == 3000)
        #expect(config.alerts.passRateDrop == 0.4)
        let defaults = try parse("{}")
        #expect(defaults.sample.activeMinutes == 10)
        #expect(defaults.sample.checks.isEmpty)
        #expect(defaults.sample.checkCommands.contains("swift test"))
        #expect(defaults.alerts.passRateDrop == 0.25)
    }

    @Test func unknownKeysAndIncompleteChecksAreErrorsThatNameTheKey() {
        #expect(error(#"{"sample": {"activeMinute": 5}}"#).contains("unknown key 'sample.activeMinute'"))
        #expect(
            error(#"{"sample": {"checks": [{"kind": "http", "url": "x", "timout": 1}]}}"#).contains(
                "unknown key 'sample.checks[0].timout'"))
        #expect(error(#"{"sample": {"checks": [{"kind": "ping"}]}}"#).contains("unknown kind 'ping'"))
        #expect(error(#"{"sample": {"checks": [{"kind": "http"}]}}"#).contains("a 'http' check needs 'url'"))
        #expect(
            error(#"{"sample": {"checks": [{"kind": "http", "url": "ftp://x/"}]}}"#).contains(
                "is not an http:// or https:// URL"))
        #expect(error(#"{"sample": {"checks": [{"kind": "tcp", "host": "db"}]}}"#).contains("needs 'port'"))
        #expect(
            error(#"{"sample": {"checks": [{"kind": "command", "command": "true", "timeout": 0}]}}"#).contains(
                "timeout"))
        #expect(
            error(
                #"{"sample": {"checks": [{"kind": "command", "command": "a"}, {"kind": "command", "command": "a"}]}}"#
            )
            .contains("names two checks"))
        #expect(error(#"{"sample": {"gitTimeoutSeconds": 0}}"#).contains("must be more than 0"))
    }
}
