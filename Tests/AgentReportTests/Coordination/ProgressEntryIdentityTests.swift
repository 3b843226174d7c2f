import Foundation
import GRDB
import Testing

@testable import AgentReport

/// Issue 13, item 2: a progress entry is its heading (agent, time, position among entries
/// with the same heading) in its log: an edited entry is updated, never stored twice.
@Suite struct ProgressEntryIdentityTests {
    func rows(_ workspace: TestWorkspace) throws -> [String] {
        try workspace.store.queue.read { db in
            try Row.fetchAll(db, sql: "SELECT entry_key, body, edited_at FROM progress_entries ORDER BY id").map {
                row in
                "\(row["entry_key"] as String) \(row["body"] as String) edited:\(row["edited_at"] as String? ?? "-")"
            }
        }
    }

    @Test func anEntryThatGrowsIsUpdatedWithItsEditedTime() throws {
        let workspace = try TestWorkspace()
        try workspace.write("coordination/progress-log.md", "## 2026-03-02T09:00:00Z - builder\nStarted TASK-1.\n")
        #expect(try workspace.ingest(ProgressLogSource(), now: "2026-03-02T10:00:00Z").rows == 1)
        try workspace.write(
            "coordination/progress-log.md", "## 2026-03-02T09:00:00Z - builder\nStarted TASK-1.\nUpdate: TASK-1 done.\n"
        )
        #expect(try workspace.ingest(ProgressLogSource(), now: "2026-03-02T11:00:00Z").rows == 1)
        #expect(
            try rows(workspace) == [
                "coordination/progress-log.md|builder|2026-03-02 09:00:00|0 Started TASK-1.\nUpdate: TASK-1 done. edited:2026-03-02 11:00:00"
            ])
        let taskIds = try workspace.store.queue.read { db in
            try String.fetchOne(db, sql: "SELECT task_ids FROM progress_entries")
        }
        #expect(taskIds == #"["TASK-1"]"#)
        #expect(try workspace.ingest(ProgressLogSource(), now: "2026-03-02T12:00:00Z").rows == 0)
    }

    @Test func sameHeadingEntriesAreTellApartByPositionAndAGoneEntryStaysStored() throws {
        let workspace = try TestWorkspace()
        let log = """
            ## 2026-03-02T09:00:00Z - builder
            first
            ## 2026-03-02T09:00:00Z - builder
            second
            ## 2026-03-02T10:00:00Z - validator
            third
            """
        try workspace.write("coordination/progress-log.md", log)
        #expect(try workspace.ingest(ProgressLogSource()).rows == 3)
        try workspace.write("coordination/progress-log.md", "## 2026-03-02T09:00:00Z - builder\nfirst\n")
        #expect(try workspace.ingest(ProgressLogSource()).rows == 0)
        #expect(
            try rows(workspace) == [
                "coordination/progress-log.md|builder|2026-03-02 09:00:00|0 first edited:-",
                "coordination/progress-log.md|builder|2026-03-02 09:00:00|1 second edited:-",
                "coordination/progress-log.md|validator|2026-03-02 10:00:00|0 third edited:-",
            ])
    }

    @Test func aMovedWorkspaceFindsTheSameEntries() throws {
        let workspace = try TestWorkspace()
        try workspace.write("coordination/progress-log.md", "## 2026-03-02T09:00:00Z - builder\nStarted.\n")
        #expect(try workspace.ingest(ProgressLogSource()).rows == 1)
        let moved = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: moved) }
        try FileManager.default.copyItem(
            atPath: workspace.root + "/coordination", toPath: moved.appendingPathComponent("coordination").path)
        workspace.config = ReportConfig(baseDirectory: moved.path)
        #expect(try workspace.ingest(ProgressLogSource()).rows == 0)
        #expect(try rows(workspace).count == 1)
        #expect(try rows(workspace).allSatisfy { !$0.contains(workspace.root) && !$0.contains(moved.path) })
    }

    @Test func rowsOfAnOlderBuildAreMergedAndTakenOverWithoutDuplicates() throws {
        // A database built before v9: the same entry stored twice (its body was edited
        // between runs), keyed by a hash of the body.
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("main-built.sqlite").path
        let queue = try DatabaseQueue(path: path)
        try Migrations.migrator().migrate(queue, upTo: "v7-coordination")
        try queue.write { db in
            for (key, body) in [
                ("builder|2026-03-02 09:00:00|aaaa", "Started."),
                ("builder|2026-03-02 09:00:00|bbbb", "Started.\nMore."),
            ] {
                try db.execute(
                    sql: """
                        INSERT INTO progress_entries (entry_key, agent_id, timestamp, body, source, line)
                        VALUES (?, 'builder', '2026-03-02 09:00:00', ?, 'coordination/progress-log.md', 1)
                        """, arguments: [key, body])
            }
            try db.execute(
                sql: """
                    INSERT INTO progress_entries (entry_key, agent_id, timestamp, body, source, line)
                    VALUES ('validator|2026-03-01 08:00:00|cccc', 'validator', '2026-03-01 08:00:00', 'Gone from the log.', 'x', 1)
                    """)
        }
        try queue.close()
        let workspace = try TestWorkspace(store: try ReportStore.openForWriting(at: path))
        try workspace.write(
            "coordination/progress-log.md", "## 2026-03-02T09:00:00Z - builder\nStarted.\nMore.\nAnd more.\n")
        #expect(try workspace.ingest(ProgressLogSource(), now: "2026-03-03T00:00:00Z").rows == 1)
        #expect(
            try rows(workspace) == [
                "coordination/progress-log.md|builder|2026-03-02 09:00:00|0 Started.\nMore.\nAnd more. edited:2026-03-03 00:00:00",
                "validator|2026-03-01 08:00:00|cccc Gone from the log. edited:-",
            ])
        #expect(try workspace.ingest(ProgressLogSource()).rows == 0)
    }

    @Test func aPatternThatChangesIsUpdatedWithItsEditedTime() throws {
        let workspace = try TestWorkspace()
        try workspace.write("coordination/memory-bank/p.json", #"{"id": "p-1", "content": "one"}"#)
        #expect(try workspace.ingest(MemoryBankSource(), now: "2026-03-02T10:00:00Z").rows == 1)
        try workspace.write("coordination/memory-bank/p.json", #"{"id": "p-1", "content": "two"}"#)
        #expect(try workspace.ingest(MemoryBankSource(), now: "2026-03-02T11:00:00Z").rows == 1)
        let row = try workspace.store.queue.read { db in
            try Row.fetchOne(db, sql: "SELECT content, edited_at, source FROM memory_patterns")
        }
        #expect(row?["content"] == "two")
        #expect(row?["edited_at"] == "2026-03-02 11:00:00")
        #expect(row?["source"] == "coordination/memory-bank/p.json")
        #expect(
            try workspace.store.queue.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM memory_patterns") }
                == 1)
    }

    @Test func headingsWithARoleATopicOrAHandoffNameTheirAgent() {
        #expect(ProgressLogParser.agentName(inHeading: "builder (agent)") == "builder")
        #expect(ProgressLogParser.agentName(inHeading: "claude · phase 0 (setup)") == "claude")
        #expect(ProgressLogParser.agentName(inHeading: "Claude → Local Agent") == "Claude")
        #expect(ProgressLogParser.agentName(inHeading: "Full-Stack Builder") == "Full-Stack Builder")
        #expect(ProgressLogParser.agentName(inHeading: "(anonymous)") == "(anonymous)")
    }
}
