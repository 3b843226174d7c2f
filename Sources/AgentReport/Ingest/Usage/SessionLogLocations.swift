import Foundation

/// Where the coding agents keep their session logs (DESIGN §3.7).
///
/// A minimal stand-in written for the collector (issue 17), with the API the usage source
/// (issue 16) owns; it ignores the config, which has no `usage` key yet. The usage source's
/// version replaces this file.
public struct SessionLogLocations: Sendable {
    /// Absolute folders holding `<encoded cwd>/<sessionId>.jsonl` (Claude Code).
    public var claudeProjects: [String]
    /// Absolute folders holding `YYYY/MM/DD/rollout-*.jsonl` (Codex `sessions/` and `archived_sessions/`).
    public var codexSessions: [String]

    /// From the config's `usage` (when given) else the defaults: `$CLAUDE_CONFIG_DIR` (comma-separated roots) or `~/.claude` and `~/.config/claude`, each + `/projects`; `$CODEX_HOME` (default `~/.codex`) + `/sessions` and `/archived_sessions`. `environment` is the run's.
    public init(config: ReportConfig, environment: [String: String]) {
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 }
        var claudeRoots: [String] = []
        if let configured = environment["CLAUDE_CONFIG_DIR"], !configured.isEmpty {
            claudeRoots = configured.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty }
        } else if let home {
            claudeRoots = [home + "/.claude", home + "/.config/claude"]
        }
        claudeProjects = claudeRoots.map { ($0 as NSString).appendingPathComponent("projects") }
        let codexHome = environment["CODEX_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? home.map { $0 + "/.codex" }
        codexSessions = codexHome.map { [$0 + "/sessions", $0 + "/archived_sessions"] } ?? []
    }

    /// Claude Code's project folder name for a working directory (every character other than ASCII letters and digits becomes `-`).
    public static func claudeProjectFolderName(forWorkingDirectory path: String) -> String {
        String(
            String.UnicodeScalarView(
                path.unicodeScalars.map { scalar in
                    scalar.isASCII && (CharacterSet.alphanumerics.contains(scalar)) ? scalar : "-"
                }))
    }
}
