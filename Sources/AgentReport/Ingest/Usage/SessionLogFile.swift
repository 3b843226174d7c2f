import Foundation

/// One session log found in a log folder.
struct SessionLogFile: Sendable, Equatable {
    var tool: SessionLogTool
    /// Absolute path.
    var path: String
    /// Path relative to its log folder (`-home-dev-repo/<sessionId>.jsonl`, `2026/05/01/rollout-….jsonl`).
    var relativePath: String
    /// Claude Code subagent transcripts: the `agent-<id>.meta.json` beside it.
    var metaPath: String?

    /// The file's name: part of its identity.
    var fileName: String { (path as NSString).lastPathComponent }

    /// Claude Code transcripts of the project folders of `root` that can hold the scope's
    /// sessions: each folder's `<sessionId>.jsonl` files, then the subagent transcripts
    /// `<sessionId>/subagents/agent-<id>.jsonl`, by name. `skipped` counts the project folders
    /// left unopened (other projects).
    static func claudeTranscripts(in root: String, scope: UsageScope, skipped: inout Int) -> [SessionLogFile] {
        var main: [SessionLogFile] = []
        var subagents: [SessionLogFile] = []
        for project in entries(of: root) where isDirectory(root + "/" + project) {
            guard scope.mayHold(claudeProjectFolder: project) else {
                skipped += 1
                continue
            }
            let folder = root + "/" + project
            for name in entries(of: folder) {
                let path = folder + "/" + name
                if name.hasSuffix(".jsonl"), InputFile.isRegularFile(path) {
                    main.append(SessionLogFile(tool: .claudeCode, path: path, relativePath: project + "/" + name))
                } else if isDirectory(path) {
                    let subfolder = path + "/subagents"
                    for agent in entries(of: subfolder) where agent.hasSuffix(".jsonl") {
                        let file = subfolder + "/" + agent
                        guard InputFile.isRegularFile(file) else { continue }
                        subagents.append(
                            SessionLogFile(
                                tool: .claudeCode, path: file,
                                relativePath: project + "/" + name + "/subagents/" + agent,
                                metaPath: subfolder + "/" + agent.dropLast(".jsonl".count) + ".meta.json"))
                    }
                }
            }
        }
        return main + subagents
    }

    /// Codex rollouts under `root` (`YYYY/MM/DD/rollout-*.jsonl`, or flat in
    /// `archived_sessions/`), by relative path.
    static func codexRollouts(in root: String) -> [SessionLogFile] {
        guard isDirectory(root), let enumerator = FileManager.default.enumerator(atPath: root) else { return [] }
        var files: [SessionLogFile] = []
        while let item = enumerator.nextObject() as? String {
            guard item.hasSuffix(".jsonl") else { continue }
            let path = root + "/" + item
            if InputFile.isRegularFile(path) {
                files.append(SessionLogFile(tool: .codex, path: path, relativePath: item))
            }
        }
        return files.sorted { $0.relativePath < $1.relativePath }
    }
}

private extension SessionLogFile {
    static func entries(of folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
    }

    static func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }
}
