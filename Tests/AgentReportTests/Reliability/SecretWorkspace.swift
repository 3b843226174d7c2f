import Foundation
import GRDB

@testable import AgentReport

/// A workspace whose every free-text input field holds a secret of one kind, each field its
/// own copy (`SecretSamples.Sample.tagged`), so that a leak names the field it came from:
/// the task board, the progress log, the memory bank, git (subject, author, branch), metric
/// samples of every kind, bad metric lines quoted by diagnostics, and the config.
final class SecretWorkspace {
    /// One placement: the field's name and the secret that must never be stored or published.
    struct Cell {
        var field: String
        var secret: String
    }

    let repository: TestRepository
    var root: String { repository.path }
    private(set) var cells: [Cell] = []
    private let sample: SecretSamples.Sample

    /// Writes the workspace for `sample`.
    init(_ sample: SecretSamples.Sample) throws {
        self.sample = sample
        repository = try TestRepository()
        try repository.commit("initial", files: ["README.md": "demo\n"])
        let subject = place("git commit subject", singleLine: true)
        let author = place("git author name", singleLine: true)
        let email = place("git author email", singleLine: true).replacingOccurrences(of: "<", with: "")
            .replacingOccurrences(of: ">", with: "")
        try repository.commit(subject + "\n\nbody", files: ["a.txt": "a\n"], author: "\(author) <\(email)>")
        // A branch named by the secret, where git allows such a name.
        let branch = place("git branch name", singleLine: true)
        if (try? repository.git(["check-ref-format", "--branch", branch])) != nil {
            try repository.checkout(branch, from: "main")
            try repository.commit("work on a branch", files: ["b.txt": "b\n"])
            try repository.checkout("main")
        } else {
            cells.removeAll { $0.field == "git branch name" }
        }
        try write(
            "agentreport.json",
            json([
                "title": "Secrets", "agents": [["id": "builder", "name": place("config agent name")]],
                "usage": ["claude": [".agent-logs/claude"], "codex": [".agent-logs/codex"]],
            ]))
        try write("coordination/task-board.json", json(board()))
        try write("coordination/progress-log.md", progressLog())
        try write(
            "coordination/memory-bank/p1.json",
            json([
                "id": "p1", "content": place("memory content"), "description": place("memory description"),
                "tags": [place("memory tag"), "ok"], "agentId": "builder", "timestamp": "2026-03-02T09:00:00Z",
                "note": place("memory extra key"),
            ]))
        try write("metrics/samples.jsonl", metricLines())
        try write(
            ".agent-logs/claude/projects/"
                + SessionLogLocations.claudeProjectFolderName(forWorkingDirectory: root) + "/s1.jsonl",
            sessionLog())
    }

    /// Builds the report as of the morning after; the exit status.
    func build() -> ExitStatus {
        var options = RunOptions()
        options.workingDirectory = root
        options.configPath = root + "/agentreport.json"
        options.now = "2026-03-03T07:00:00Z"
        options.verbosity = .quiet
        options.environment = ProcessInfo.processInfo.environment.filter { $0.key != "SOURCE_DATE_EPOCH" }
        return Engine.build(options)
    }

    /// Every text value of every table, one per line (the database dump, as text).
    func dump() throws -> String {
        let queue = try DatabaseQueue(path: root + "/agentreport.sqlite")
        return try queue.read { db in
            var text = ""
            for table in try String.fetchAll(
                db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            {
                for row in try Row.fetchAll(db, sql: "SELECT * FROM \"\(table)\"") {
                    for (column, value) in row {
                        if case .string(let s) = value.databaseValue.storage { text += "\(table).\(column)\t\(s)\n" }
                    }
                }
            }
            return text
        }
    }

    /// The bytes of the database files (main file, journal, WAL), as Latin-1 text: what a
    /// deleted or overwritten row could still hold.
    func rawDatabase() throws -> String {
        var text = ""
        for suffix in ["", "-journal", "-wal"] {
            if let data = FileManager.default.contents(atPath: root + "/agentreport.sqlite" + suffix) {
                text += String(decoding: data, as: UTF8.self)
            }
        }
        return text
    }

    /// Every file of the report, path and contents.
    func outputFiles() throws -> [(path: String, contents: String)] {
        let output = root + "/output"
        let paths = FileManager.default.subpaths(atPath: output) ?? []
        return paths.sorted().compactMap { path in
            FileManager.default.contents(atPath: output + "/" + path).map {
                (path, String(decoding: $0, as: UTF8.self))
            }
        }
    }
}

// MARK: - Inputs

private extension SecretWorkspace {
    /// The sample's secret, tagged for a new cell named `field`; on one line for fields that
    /// hold one line (a heading, a commit subject, a name).
    func place(_ field: String, singleLine: Bool = false) -> String {
        let tagged = sample.tagged(String(format: "F%02dX", cells.count))
        cells.append(Cell(field: field, secret: tagged.secret))
        return singleLine ? tagged.text.replacingOccurrences(of: "\n", with: " ") : tagged.text
    }

    func board() -> [String: Any] {
        [
            "version": "1.0.0", "updatedBy": "architect",
            "sprint": ["id": "SPRINT-1", "name": place("board sprint name"), "status": "ACTIVE"],
            "tasks": [
                [
                    "id": "TASK-1", "title": place("task title"), "description": place("task description"),
                    "status": "IN_PROGRESS", "priority": place("task priority"), "assignedTo": "builder",
                    "tags": [place("task tag"), "api"], "completionCriteria": [place("task completion criterion")],
                    "blockers": [place("task blocker")],
                    "comments": [
                        place("task comment (string)"),
                        ["author": "builder", "message": place("task comment (object)")],
                    ],
                    "notes": place("task extra key"), "createdAt": "2026-03-02T08:00:00Z",
                ],
                ["id": "TASK-2", "title": "Second", "status": place("task raw status"), "assignedTo": "builder"],
            ],
        ]
    }

    func progressLog() -> String {
        """
        # Progress

        ## 2026-03-02T10:00:00Z - builder

        \(place("progress entry title"))

        Worked on TASK-1. \(place("progress entry body"))

        ## 2026-03-02T11:00:00Z - Builder \(place("progress agent name", singleLine: true))

        Second entry.

        """
    }

    func metricLines() -> String {
        let lines: [[String: Any]] = [
            [
                "kind": "agent", "agent_id": "builder", "timestamp": "2026-03-02T21:35:00Z", "status": "active",
                "current_task": place("metric current_task"), "branch": place("metric branch"), "cpu_usage": 10.5,
            ],
            [
                "kind": "system_health", "timestamp": "2026-03-02T21:35:00Z", "overall_status": "healthy",
                "details": ["note": place("metric health details")],
            ],
            [
                "kind": "rag", "timestamp": "2026-03-02T21:35:00Z", "total_patterns": 3,
                "top_patterns": [place("metric rag top_patterns")],
                "recent_queries": [place("metric rag recent_queries")],
            ],
            [
                "kind": "alert", "timestamp": "2026-03-02T21:36:00Z", "type": place("metric alert type"),
                "severity": "error",
                "title": place("metric alert title"), "message": place("metric alert message"),
                "source": place("metric alert source"), "alert_id": place("metric alert id"),
                "metadata": ["k": place("metric alert metadata")],
            ],
            // The hook's lines: a check named by the command it ran (in a subagent), a session that ended.
            [
                "kind": "check", "agent_id": "builder", "timestamp": "2026-03-02T21:37:00Z",
                "name": place("hook check name", singleLine: true), "passed": false, "exit_code": 1,
                "subagent_type": place("hook check subagent_type", singleLine: true),
            ],
            [
                "kind": "session", "agent_id": "builder", "timestamp": "2026-03-02T21:38:00Z", "event": "end",
                "session_id": place("hook session id", singleLine: true), "reason": place("hook session reason"),
            ],
            // Rejected lines whose diagnostics quote the bad value.
            [
                "kind": "agent", "agent_id": "builder", "timestamp": "2026-03-02T21:40:00Z",
                "status": place("rejected status value"),
            ],
            ["kind": place("rejected kind value"), "timestamp": "2026-03-02T21:40:00Z"],
        ]
        return lines.map { json($0) }.joined(separator: "\n") + "\n"
    }

    /// A Claude Code transcript of one request in the workspace: the secret in every field
    /// that is stored (model, session, branch, tool name) and in the conversation text and a
    /// tool's input, which must never be stored at all (issue 16).
    func sessionLog() -> String {
        let assistant: [String: Any] = [
            "parentUuid": NSNull(), "isSidechain": false, "cwd": root,
            "sessionId": place("usage session id", singleLine: true),
            "gitBranch": place("usage git branch", singleLine: true), "type": "assistant", "uuid": "u-1",
            "timestamp": "2026-03-02T21:30:00.000Z", "requestId": "req_1",
            "message": [
                "id": "msg_1", "type": "message", "role": "assistant", "model": place("usage model", singleLine: true),
                "content": [
                    ["type": "text", "text": place("usage conversation text")],
                    [
                        "type": "tool_use", "id": "toolu_1", "name": place("usage tool name", singleLine: true),
                        "input": ["command": place("usage tool input")],
                    ],
                ],
                "usage": [
                    "input_tokens": 10, "output_tokens": 5, "cache_creation_input_tokens": 0,
                    "cache_read_input_tokens": 0,
                ],
            ],
        ]
        let prompt: [String: Any] = [
            "parentUuid": NSNull(), "isSidechain": false, "cwd": root, "sessionId": "s1", "type": "user",
            "uuid": "p-1", "timestamp": "2026-03-02T21:29:00.000Z",
            "message": ["role": "user", "content": place("usage prompt text")],
        ]
        return json(prompt) + "\n" + json(assistant) + "\n"
    }

    func json(_ object: Any) -> String {
        (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])).map {
            String(decoding: $0, as: UTF8.self)
        } ?? ""
    }

    func write(_ path: String, _ text: String) throws {
        let url = URL(fileURLWithPath: root + "/" + path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }
}
