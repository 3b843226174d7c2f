import Foundation
import GRDB
import Testing

@testable import AgentReport

/// Issue 13, item 1: every coordination input is read whatever its line ends, byte-order
/// mark, bad bytes or escaped NULs, and files are opened only through `InputFile`.
@Suite struct TextAsItComesTests {
    static let log = """
        # Progress log

        ## 2026-03-02T09:31:12Z - architect
        Finished TASK-101.

        ### Decisions
        - one target per service

        ## 2026-03-02T12:10:45Z \u{2014} builder
        TASK-102 started.

        ## 2026-03-03
        ### 13:05 - Master Orchestrator
        Created worktrees.
        """

    /// `text` with LF, CRLF, lone CR, or mixed line ends, behind a byte-order mark.
    static func variants(_ text: String) -> [Data] {
        let crlf = text.replacingOccurrences(of: "\n", with: "\r\n")
        let cr = text.replacingOccurrences(of: "\n", with: "\r")
        var mixed = ""
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            mixed += (index == 0 ? "" : ["\r\n", "\n", "\r"][index % 3]) + line
        }
        return [Data(text.utf8), Data(crlf.utf8), Data(cr.utf8), Data([0xEF, 0xBB, 0xBF]) + Data(mixed.utf8)]
    }

    func progressRows(_ workspace: TestWorkspace) throws -> [String] {
        try workspace.store.queue.read { db in
            try Row.fetchAll(
                db,
                sql:
                    "SELECT entry_key, agent_id, timestamp, title, body, task_ids, line FROM progress_entries ORDER BY id"
            )
            .map { $0.description }
        }
    }

    @Test func aProgressLogGivesTheSameRowsWhateverItsLineEndsAndMark() throws {
        var results: [[String]] = []
        for data in Self.variants(Self.log) {
            let workspace = try TestWorkspace()
            try workspace.write("coordination/progress-log.md", data)
            let (rows, diagnostics) = try workspace.ingest(ProgressLogSource())
            #expect(rows == 3)
            #expect(diagnostics.isEmpty)
            results.append(try progressRows(workspace))
        }
        #expect(results[0].count == 3)
        #expect(results.allSatisfy { $0 == results[0] })
        #expect(!results[0].joined().contains("\r"))
    }

    @Test func invalidBytesAndNULsInTheLogKeepTheRestOfTheEntryWithAWarning() throws {
        let workspace = try TestWorkspace()
        var data = Data("## 2026-03-02T09:31:12Z - architect\r\nLatin-1 caf".utf8)
        data.append(0xE9)
        data.append(Data(" here\r\nnul".utf8))
        data.append(0)
        data.append(Data("byte and the rest TASK-1\r\n".utf8))
        try workspace.write("coordination/progress-log.md", data)
        let (rows, diagnostics) = try workspace.ingest(ProgressLogSource())
        #expect(rows == 1)
        #expect(
            diagnostics.map(\.location) == ["coordination/progress-log.md:2:12", "coordination/progress-log.md:3:4"])
        #expect(diagnostics.allSatisfy { $0.severity == .warning })
        let body = try workspace.store.queue.read { db in
            try String.fetchOne(db, sql: "SELECT body FROM progress_entries")
        }
        #expect(body == "Latin-1 caf\u{FFFD} here\nnul\u{FFFD}byte and the rest TASK-1")
    }

    @Test func aMarkdownTaskFileWithCRLFFrontMatterIsATask() throws {
        var tasks: [[String]] = []
        let file = """
            ---
            id: be-fix-one
            title: "Fix one \\u00e9" # an inline comment
            owner_agent: be
            status: in_progress
            priority: 1
            depends_on: [pm-one, 'pm two']
            created_at: 2025-12-30T10:08:54+0000
            ---
            ## Prompt
            Do it.
            """
        for data in Self.variants(file) {
            let workspace = try TestWorkspace()
            try workspace.write("coordination/in_progress/be/p1/be-fix-one.md", data)
            let (_, diagnostics) = try workspace.ingest(TaskBoardSource())
            #expect(diagnostics.isEmpty, "\(diagnostics.map(\.formatted))")
            tasks.append(
                try workspace.store.queue.read { db in
                    try Row.fetchAll(
                        db,
                        sql: "SELECT task_id, title, status, assigned_to, priority, dependencies, details FROM tasks"
                    ).map(\.description)
                })
        }
        #expect(tasks[0].count == 1)
        #expect(tasks.allSatisfy { $0 == tasks[0] })
        let row = try #require(tasks[0].first)
        #expect(row.contains("task_id:\"be-fix-one\""))
        #expect(row.contains("title:\"Fix one é\""))
        #expect(row.contains("status:\"in_progress\""))
        #expect(row.contains("assigned_to:\"be\""))
        #expect(row.contains(#"dependencies:"[\"pm-one\",\"pm two\"]""#))
        #expect(row.contains("2025-12-30T10:08:54+0000"))
    }

    @Test func aBoardAndAMemoryBankPatternGiveTheSameRowsWhateverTheirLineEnds() throws {
        let board = """
            {"updatedBy": "architect",
             "tasks": [ {"id": "TASK-1", "title": "One", "status": "DONE", "assignedTo": "builder"},
                        {"id": "TASK-2", "title": "Two", "status": "TODO"} ]}
            """
        let pattern = """
            {"id": "p-1", "content": "## Layout\\nUse layers.",
             "tags": ["architecture"], "agentId": "builder", "timestamp": "2026-03-02T21:16:27Z"}
            """
        var results: [[String]] = []
        for (boardData, patternData) in zip(Self.variants(board), Self.variants(pattern)) {
            let workspace = try TestWorkspace()
            try workspace.write("coordination/task-board.json", boardData)
            try workspace.write("coordination/memory-bank/p.json", patternData)
            #expect(try workspace.ingest(TaskBoardSource()).diagnostics.isEmpty)
            #expect(try workspace.ingest(MemoryBankSource()).diagnostics.isEmpty)
            results.append(
                try workspace.store.queue.read { db in
                    try Row.fetchAll(
                        db, sql: "SELECT task_id, title, status, assigned_to, details FROM tasks ORDER BY task_id"
                    ).map(\.description)
                        + Row.fetchAll(
                            db, sql: "SELECT pattern_id, agent_id, timestamp, content, tags FROM memory_patterns"
                        ).map(\.description)
                })
        }
        #expect(results[0].count == 3)
        #expect(results.allSatisfy { $0 == results[0] })
    }

    @Test func aMemoryBankPatternWithBadBytesAndBadEscapesIsKeptWithWarnings() throws {
        let workspace = try TestWorkspace()
        var data = Data("{\"id\": \"p-1\",\r\n \"content\": \"caf".utf8)
        data.append(0xE9)
        data.append(
            Data(" \\u0000 cut? \\ud800 no\", \"description\": \"d\", \"tags\": [\"a\"], \"score\": 1e999}".utf8))
        try workspace.write("coordination/memory-bank/p.json", data)
        let (rows, diagnostics) = try workspace.ingest(MemoryBankSource())
        #expect(rows == 1)
        #expect(diagnostics.map(\.severity) == [.warning, .warning, .warning, .warning])
        #expect(
            diagnostics.map(\.location) == [
                "coordination/memory-bank/p.json:2:17", "coordination/memory-bank/p.json:2:19",
                "coordination/memory-bank/p.json:2:31", "coordination/memory-bank/p.json:2:87",
            ])
        let content = try workspace.store.queue.read { db in
            try String.fetchOne(db, sql: "SELECT content FROM memory_patterns")
        }
        #expect(content == "caf\u{FFFD} \u{FFFD} cut? \u{FFFD} no")
    }

    @Test func aConfigWithCRLFAndAByteOrderMarkIsRead() throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let text = "{\r\n  \"title\": \"Team \\u0000 report\",\r\n  \"coordination\": { \"dir\": \"coord\" }\r\n}\r\n"
        try (Data([0xEF, 0xBB, 0xBF]) + Data(text.utf8)).write(to: folder.appendingPathComponent("agentreport.json"))
        let config = try ConfigLoader.load(path: nil, workingDirectory: folder.path)
        #expect(config.title == "Team \u{FFFD} report")
        #expect(config.coordination.dir == "coord")
        #expect(config.warnings.map(\.location) == ["agentreport.json:2:18"])
    }

    @Test func aFIFOInTheCoordinationFolderIsSkippedAtOnceWithAWarning() throws {
        let workspace = try TestWorkspace()
        let coordination = (workspace.root as NSString).appendingPathComponent("coordination")
        for name in ["progress-log.md", "task-board.json", "memory-bank/p.json"] {
            #expect(mkfifo((coordination as NSString).appendingPathComponent(name), 0o644) == 0)
        }
        try workspace.write("coordination/memory-bank/ok.json", "{\"id\": \"p-ok\", \"content\": \"kept\"}")
        let progress = try workspace.ingest(ProgressLogSource()).diagnostics
        #expect(
            progress.contains {
                $0.file == "coordination/progress-log.md" && $0.message == "not a regular file (a FIFO); skipped"
            })
        let memory = try workspace.ingest(MemoryBankSource())
        #expect(memory.rows == 1)
        #expect(
            memory.diagnostics.map(\.formatted) == [
                "coordination/memory-bank/p.json: warning: not a regular file (a FIFO); skipped"
            ])
        let board = try workspace.ingest(TaskBoardSource()).diagnostics
        #expect(
            board.map(\.formatted) == [
                "coordination/task-board.json: error: not a regular file (a FIFO); skipped (the board's tasks were left as they were)"
            ])
    }

    @Test func aFileOverItsLimitInTheCoordinationFolderIsAnError() throws {
        let workspace = try TestWorkspace()
        try workspace.write("coordination/in_progress/be/huge.md", Data(count: Int(InputFile.Limit.taskFile) + 1))
        try workspace.write("coordination/in_progress/be/ok.md", "---\nid: ok\n---\n")
        let (_, diagnostics) = try workspace.ingest(TaskBoardSource())
        #expect(
            diagnostics.map(\.formatted) == [
                "coordination/in_progress/be/huge.md: error: 4.2 MB is larger than the 4.2 MB limit for this input; skipped",
                "coordination: warning: 1 task could not be read: tasks missing from this version are not marked removed",
            ])
        #expect(
            try workspace.store.queue.read { db in try String.fetchAll(db, sql: "SELECT task_id FROM tasks") } == ["ok"]
        )
    }

    @Test func aPatternValueOfTheWrongKindIsNamedAtItsPositionAndThePatternKept() throws {
        let workspace = try TestWorkspace()
        try workspace.write(
            "coordination/memory-bank/p.json",
            "{\"id\": \"p-1\",\r\n \"content\": \"kept\", \"agentId\": 7,\r\n \"timestamp\": \"soon\", \"tags\": [\"a\", {}, true]}"
        )
        let (rows, diagnostics) = try workspace.ingest(MemoryBankSource())
        #expect(rows == 1)
        #expect(
            diagnostics.map(\.formatted) == [
                "coordination/memory-bank/p.json:3:31: warning: tags has values that are not text; those are not read",
                "coordination/memory-bank/p.json:2:32: warning: agentId is a number, not text; not read",
                "coordination/memory-bank/p.json:3:15: warning: timestamp \"soon\" is not a time; the pattern is stored without one",
            ])
    }
}
