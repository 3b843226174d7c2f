import Foundation

/// Where the coding agents keep their session logs: Claude Code's transcripts and Codex's
/// rollouts (issue 16). Shared by the `usage` source and the collector.
public struct SessionLogLocations: Sendable, Equatable {
    /// Absolute folders holding `<encoded cwd>/<sessionId>.jsonl` (Claude Code).
    public var claudeProjects: [String]
    /// Absolute folders holding `YYYY/MM/DD/rollout-*.jsonl` (Codex `sessions/` and `archived_sessions/`).
    public var codexSessions: [String]

    /// Folders given as they are (tests).
    public init(claudeProjects: [String], codexSessions: [String]) {
        self.claudeProjects = claudeProjects
        self.codexSessions = codexSessions
    }

    /// From the config's `usage` (when given) else the defaults: `$CLAUDE_CONFIG_DIR` (comma-separated roots) or `~/.claude` and `~/.config/claude`, each + `/projects`; `$CODEX_HOME` (default `~/.codex`) + `/sessions` and `/archived_sessions`. `environment` is the run's (tests inject HOME etc.; never read the real home directory in a test).
    ///
    /// A configured folder may be the tool's home (`~/.claude`, `~/.codex`) or the log folder
    /// itself: a folder that has `projects/` (Claude) or `sessions/` / `archived_sessions/`
    /// (Codex) stands for those. `~` at the start of a path is `$HOME`; other relative paths
    /// are relative to the config's folder. The same folder listed twice is kept once.
    public init(config: ReportConfig, environment: [String: String]) {
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 }
        func expand(_ path: String) -> String? {
            if path == "~" || path.hasPrefix("~/") {
                guard let home else { return nil }
                return home + path.dropFirst()
            }
            return config.resolve(path)
        }
        var claude: [String] = []
        if let configured = config.usage.claude {
            for path in configured.compactMap(expand) {
                let projects = (path as NSString).appendingPathComponent("projects")
                claude.append(Self.isDirectory(projects) ? projects : path)
            }
        } else if let roots = environment["CLAUDE_CONFIG_DIR"], !roots.trimmingCharacters(in: .whitespaces).isEmpty {
            for root in roots.split(separator: ",") {
                let trimmed = root.trimmingCharacters(in: .whitespaces)
                guard !trimmed.isEmpty, let path = expand(trimmed) else { continue }
                claude.append((path as NSString).appendingPathComponent("projects"))
            }
        } else if let home {
            let configHome = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? home + "/.config"
            claude = [home + "/.claude/projects", configHome + "/claude/projects"]
        }
        var codex: [String] = []
        if let configured = config.usage.codex {
            for path in configured.compactMap(expand) {
                let sessions = ["sessions", "archived_sessions"].map { (path as NSString).appendingPathComponent($0) }
                let present = sessions.filter(Self.isDirectory)
                codex += present.isEmpty ? [path] : present
            }
        } else if let codexHome = environment["CODEX_HOME"].flatMap({ $0.isEmpty ? nil : expand($0) })
            ?? home.map({ $0 + "/.codex" })
        {
            codex = [codexHome + "/sessions", codexHome + "/archived_sessions"]
        }
        claudeProjects = Self.unique(claude)
        codexSessions = Self.unique(codex)
    }

    /// Claude Code's project folder name for a working directory (every character other than ASCII letters and digits becomes `-`; check this against public docs/code with the `search` tool).
    ///
    /// Claude Code's `sanitizePath`: `path.replace(/[^a-zA-Z0-9]/g, "-")` over UTF-16 code units
    /// (so a character outside the Basic Multilingual Plane becomes two dashes); a name longer
    /// than 200 characters is cut to 200 and followed by `-` and the base-36 absolute value of
    /// a 32-bit string hash of the path (`h = h * 31 + unit`, as Claude Code's Node build
    /// computes it; its Bun build hashes differently, which only matters for such long paths).
    public static func claudeProjectFolderName(forWorkingDirectory path: String) -> String {
        var name = ""
        name.unicodeScalars.reserveCapacity(path.utf16.count)
        for unit in path.utf16 {
            let isLetterOrDigit =
                (0x30...0x39).contains(unit) || (0x41...0x5A).contains(unit) || (0x61...0x7A).contains(unit)
            name.unicodeScalars.append(isLetterOrDigit ? Unicode.Scalar(UInt8(unit)) : "-")
        }
        guard name.utf8.count > maxFolderNameLength else { return name }
        var hash: Int32 = 0
        for unit in path.utf16 { hash = (hash &<< 5) &- hash &+ Int32(unit) }
        let magnitude = hash == Int32.min ? UInt32(1) << 31 : UInt32(abs(hash))
        return String(name.prefix(maxFolderNameLength)) + "-" + String(magnitude, radix: 36)
    }

    /// Claude Code's longest project folder name before it adds a hash.
    public static let maxFolderNameLength = 200
}

private extension SessionLogLocations {
    static func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    static func unique(_ paths: [String]) -> [String] {
        var seen: Set<String> = []
        return paths.filter { seen.insert(CanonicalPath.resolve($0)).inserted }
    }
}
