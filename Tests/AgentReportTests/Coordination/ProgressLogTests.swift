import Foundation
import GRDB
import Testing

@testable import AgentReport

@Suite struct ProgressLogTests {
    let log = """
        # Progress log

        Agents append below. This line is not an entry.

        ## 2026-03-02T09:31:12Z - architect
        Finished TASK-101: layout and CI.

        ### Decisions
        - one target per service
        ## Not an entry heading, still the body

        ```
        ## 2026-03-02T10:00:00Z - inside-a-fence
        ```

        ## 2026-03-02T12:10:45.120Z - Full-Stack Builder
        TASK-102 and TASK-103 started; token ghp_abcdefghijklmnopqrstuvwxyz0123 pasted by mistake.

        ---

        ## 2026-03-03

        ### 13:05 - Master Orchestrator
        - Created worktrees (ORCH-001)

        ### System Status
        - Builder: ready

        ### 9:07 - validator
        Checked TASK-101.
        """

    func parse(_ text: String, config: ReportConfig = ReportConfig(baseDirectory: "/")) -> ([ProgressEntry], [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        let parser = ProgressLogParser(file: "progress-log.md", resolver: AgentResolver(config: config), taskIdPattern: config.attribution.taskIdPattern)
        return (parser.parse(text, diagnostics: &diagnostics), diagnostics)
    }

    @Test func bothHeadingFormsGiveEntriesWithTheirOwnHeadingsInTheBody() throws {
        var config = ReportConfig(baseDirectory: "/")
        config.agents = [ReportConfig.Agent(id: "builder", name: "Full-Stack Builder")]
        let (entries, diagnostics) = parse(log, config: config)
        #expect(diagnostics.isEmpty)
        #expect(entries.map(\.agentId) == ["architect", "builder", "master-orchestrator", "validator"])
        #expect(entries.map { UTCTime.format($0.timestamp) } == [
            "2026-03-02 09:31:12", "2026-03-02 12:10:45", "2026-03-03 13:05:00", "2026-03-03 09:07:00",
        ])
        #expect(entries.map(\.line) == [5, 16, 23, 29])
        #expect(entries[0].body == """
            Finished TASK-101: layout and CI.

            ### Decisions
            - one target per service
            ## Not an entry heading, still the body

            ```
            ## 2026-03-02T10:00:00Z - inside-a-fence
            ```
            """)
        #expect(entries[2].body == "- Created worktrees (ORCH-001)\n\n### System Status\n- Builder: ready")
        #expect(entries[1].agentName == "Full-Stack Builder")
        #expect(entries[0].agentName == nil)
        #expect(entries[0].title == "Finished TASK-101: layout and CI.")
    }

    @Test func taskIdsAreExtractedOnceEachAndSecretsRedacted() {
        let (entries, _) = parse(log)
        #expect(entries.map(\.taskIds) == [["TASK-101"], ["TASK-102", "TASK-103"], ["ORCH-001"], ["TASK-101"]])
        #expect(entries[1].body.contains("[REDACTED]"))
        #expect(!entries[1].body.contains("ghp_"))
    }

    @Test func badTimestampsAreReportedAtTheirLineAndTheRestIsRead() {
        let (entries, diagnostics) = parse("## 2026-02-30T10:00:00Z - builder\nx\n## 2026-03-01T10:00:00Z - builder\ny\n")
        #expect(entries.map(\.body) == ["y"])
        #expect(diagnostics.map(\.line) == [1])
        #expect(diagnostics.first?.severity == .warning)
    }

    @Test func entriesAreStoredOnceAcrossRunsAndCopies() throws {
        let workspace = try TestWorkspace()
        try workspace.write("coordination/progress-log.md", log)
        #expect(try workspace.ingest(ProgressLogSource()).rows == 4)
        #expect(try workspace.ingest(ProgressLogSource()).rows == 0)
        let agents = try workspace.store.queue.read { db in
            try String.fetchAll(db, sql: "SELECT id FROM agents WHERE sources LIKE '%progress%' ORDER BY id")
        }
        #expect(agents == ["architect", "full-stack-builder", "master-orchestrator", "validator"])
    }

    @Test func entriesOnOtherBranchesAreReadAtTheirTipAndStoredOnce() throws {
        let workspace = try TestWorkspace()
        let repo = try TestGitRepository(workspace)
        let path = "coordination/progress-log.md"
        let first = "# Log\n\n## 2026-03-02T09:00:00Z - architect\nStarted TASK-1.\n"
        try repo.commit(path, first, at: "2026-03-02T09:00:00Z", message: "log")
        try repo.git(["checkout", "-q", "-b", "agents/builder"])
        try repo.commit(path, first + "\n## 2026-03-02T10:00:00Z - builder\nBuilt TASK-2.\n", at: "2026-03-02T10:00:00Z", message: "builder log")
        try repo.git(["checkout", "-q", "main"])
        // The working copy has an uncommitted entry of its own.
        try workspace.write(path, first + "\n## 2026-03-02T11:00:00Z - validator\nChecked TASK-1.\n")
        #expect(try workspace.ingest(ProgressLogSource()).rows == 3)
        #expect(try workspace.ingest(ProgressLogSource()).rows == 0)
        let rows = try workspace.store.queue.read { db in
            try Row.fetchAll(db, sql: "SELECT agent_id, source, task_ids FROM progress_entries ORDER BY timestamp").map {
                "\($0["agent_id"] as String) \($0["source"] as String) \($0["task_ids"] as String)"
            }
        }
        #expect(rows == [
            "architect coordination/progress-log.md [\"TASK-1\"]",
            "builder coordination/progress-log.md@agents/builder [\"TASK-2\"]",
            "validator coordination/progress-log.md [\"TASK-1\"]",
        ])
    }
}
