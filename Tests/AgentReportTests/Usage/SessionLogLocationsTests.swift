import Foundation
import Testing

@testable import AgentReport

/// Where session logs are looked for: config first, then the tools' environment variables,
/// then their default folders under the injected `HOME` (never the real one).
@Suite struct SessionLogLocationsTests {
    func config(_ json: String = "{}", base: String = "/work/team") throws -> ReportConfig {
        try ConfigLoader.parse(Data(json.utf8), file: "agentreport.json", baseDirectory: base)
    }

    @Test func defaultsAreTheToolsOwnFoldersUnderHome() throws {
        let locations = SessionLogLocations(config: try config(), environment: ["HOME": "/home/dev"])
        #expect(locations.claudeProjects == ["/home/dev/.claude/projects", "/home/dev/.config/claude/projects"])
        #expect(locations.codexSessions == ["/home/dev/.codex/sessions", "/home/dev/.codex/archived_sessions"])
    }

    @Test func environmentVariablesReplaceTheDefaults() throws {
        let locations = SessionLogLocations(
            config: try config(),
            environment: ["HOME": "/home/dev", "CLAUDE_CONFIG_DIR": "/a/claude, ~/b", "CODEX_HOME": "/opt/codex"])
        #expect(locations.claudeProjects == ["/a/claude/projects", "/home/dev/b/projects"])
        #expect(locations.codexSessions == ["/opt/codex/sessions", "/opt/codex/archived_sessions"])
    }

    @Test func withoutHomeThereAreNoDefaultFolders() throws {
        let locations = SessionLogLocations(config: try config(), environment: [:])
        #expect(locations.claudeProjects.isEmpty)
        #expect(locations.codexSessions.isEmpty)
    }

    @Test func configuredFoldersWinAndAToolHomeStandsForItsLogFolders() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("locations-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: base) }
        for folder in ["claude-home/projects", "codex-home/sessions", "codex-home/archived_sessions", "plain"] {
            try FileManager.default.createDirectory(atPath: base + "/" + folder, withIntermediateDirectories: true)
        }
        let config = try config(
            #"{"usage": {"claude": ["claude-home", "plain", "plain"], "codex": ["codex-home", "/x/sessions"], "retainDays": 30}}"#,
            base: base)
        #expect(config.usage.retainDays == 30)
        let locations = SessionLogLocations(
            config: config, environment: ["HOME": "/home/dev", "CLAUDE_CONFIG_DIR": "/ignored"])
        #expect(locations.claudeProjects == [base + "/claude-home/projects", base + "/plain"])
        #expect(
            locations.codexSessions == [
                base + "/codex-home/sessions", base + "/codex-home/archived_sessions", "/x/sessions",
            ])
    }

    @Test func unknownUsageKeysAreErrors() {
        #expect(throws: ConfigError.self) { try config(#"{"usage": {"claude": [], "retainDay": 3}}"#) }
        #expect(throws: ConfigError.self) { try config(#"{"usage": {"retainDays": 0}}"#) }
        #expect(throws: ConfigError.self) { try config(#"{"alerts": {"dailyCostUSD": -1}}"#) }
    }

    @Test func dailyBudgetIsReadFromAlerts() throws {
        #expect(try config(#"{"alerts": {"dailyCostUSD": 25.5}}"#).alerts.dailyCostUSD == 25.5)
        #expect(try config().alerts.dailyCostUSD == nil)
    }

    @Test(arguments: [
        ("/Users/foo/my_project", "-Users-foo-my-project"),
        ("/home/dev/repo.v2/agents/builder", "-home-dev-repo-v2-agents-builder"),
        ("C:\\Users\\alice\\code", "C--Users-alice-code"),
        ("/tmp/文档 x", "-tmp----x"),
        ("/tmp/😀", "-tmp---"),
    ])
    func projectFolderNameReplacesEveryNonAlphanumericUTF16UnitByADash(path: String, expected: String) {
        #expect(SessionLogLocations.claudeProjectFolderName(forWorkingDirectory: path) == expected)
    }

    @Test func longProjectFolderNamesAreCutAndHashed() {
        let path = "/" + String(repeating: "a", count: 250)
        let name = SessionLogLocations.claudeProjectFolderName(forWorkingDirectory: path)
        #expect(name.hasPrefix("-" + String(repeating: "a", count: 199) + "-"))
        // JavaScript: Math.abs([...].reduce((h, c) => (h << 5) - h + c.charCodeAt(0) | 0, 0)).toString(36)
        var hash: Int32 = 0
        for unit in path.utf16 { hash = (hash &<< 5) &- hash &+ Int32(unit) }
        #expect(name == String(name.prefix(200)) + "-" + String(UInt32(abs(Int64(hash))), radix: 36))
        #expect(name.count > 201)
    }
}
