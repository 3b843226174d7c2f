import Foundation
import GRDB
import Testing

@testable import AgentReport

/// Real coordination files from public projects (`../shared/corpus` beside the repository).
/// The project cannot depend on them: without the folder these tests skip.
@Suite struct CorpusTests {
    static let corpus: URL? = {
        // Tests/AgentReportTests/Coordination/CorpusTests.swift → repository root → ../shared/corpus
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let corpus = root.deletingLastPathComponent().appendingPathComponent("shared/corpus")
        return FileManager.default.fileExists(atPath: corpus.path) ? corpus : nil
    }()

    func files(_ predicate: (String) -> Bool) throws -> [URL] {
        guard let corpus = Self.corpus, let walker = FileManager.default.enumerator(atPath: corpus.path) else {
            return []
        }
        var result: [URL] = []
        while let item = walker.nextObject() as? String {
            if predicate(item) { result.append(corpus.appendingPathComponent(item)) }
        }
        return result.sorted { $0.path < $1.path }
    }

    @Test(.enabled(if: corpus != nil, "../shared/corpus is absent"))
    func everyBoardInTheCorpusParsesWithoutErrors() throws {
        let boards = try files { $0.hasSuffix("task-board.json") || $0.hasSuffix("tasks.json") }
        #expect(boards.count >= 10)
        for url in boards {
            var diagnostics: [Diagnostic] = []
            let snapshot = TaskBoardParser(file: url.lastPathComponent).parse(
                try Data(contentsOf: url), diagnostics: &diagnostics)
            #expect(snapshot != nil, "\(url.lastPathComponent)")
            #expect(!(snapshot?.tasks.isEmpty ?? true), "\(url.lastPathComponent)")
            #expect(
                diagnostics.filter { $0.severity == .error }.isEmpty,
                "\(url.lastPathComponent): \(diagnostics.map(\.formatted))")
        }
    }

    @Test(.enabled(if: corpus != nil, "../shared/corpus is absent"))
    func everyProgressLogInTheCorpusGivesEntriesWithoutErrors() throws {
        let logs = try files { $0.hasSuffix("progress-log.md") }
        #expect(!logs.isEmpty)
        for url in logs {
            var diagnostics: [Diagnostic] = []
            let parser = ProgressLogParser(
                file: url.lastPathComponent, resolver: AgentResolver(config: ReportConfig(baseDirectory: "/")),
                taskIdPattern: ReportConfig(baseDirectory: "/").attribution.taskIdPattern)
            let text = InputText.text(try Data(contentsOf: url), file: url.lastPathComponent, diagnostics: &diagnostics)
            let entries = parser.parse(text, diagnostics: &diagnostics)
            #expect(!entries.isEmpty)
            #expect(diagnostics.filter { $0.severity == .error }.isEmpty)
        }
    }

    @Test(.enabled(if: corpus != nil, "../shared/corpus is absent"))
    func markdownTaskFoldersInTheCorpusIngestWithoutErrors() throws {
        let folder = try #require(Self.corpus).appendingPathComponent("codex-docker/coordination")
        let workspace = try TestWorkspace()
        workspace.config.coordination.dir = folder.path
        let (rows, diagnostics) = try workspace.ingest(TaskBoardSource())
        #expect(rows >= 40)
        #expect(diagnostics.filter { $0.severity == .error }.isEmpty, "\(diagnostics.map(\.formatted))")
    }

    @Test(.enabled(if: corpus != nil, "../shared/corpus is absent"))
    func taskMasterHistoryInTheCorpusGivesEventsWithoutErrors() throws {
        let versions = try files { $0.hasPrefix("task-master/0") && $0.hasSuffix("_tasks.json") }
        #expect(versions.count == 8)
        let workspace = try TestWorkspace()
        var total = 0
        for (index, url) in versions.enumerated() {
            try workspace.write("coordination/task-board.json", try Data(contentsOf: url))
            let (rows, diagnostics) = try workspace.ingest(TaskBoardSource(), now: "2026-03-0\(index + 1)T00:00:00Z")
            #expect(diagnostics.filter { $0.severity == .error }.isEmpty)
            total += rows
        }
        // Version 05 is a reset where every task went back to pending: done tasks reopen.
        #expect(try workspace.events().contains { $0.hasPrefix("2026-03-05") && $0.contains(" reopened ") })
        #expect(total > 100)
    }

    /// Runs a corpus case's `make.sh` in a new folder and ingests the board and the progress
    /// log there with the folder's config; returns the database and the diagnostics.
    func runCase(_ name: String) throws -> (ReportStore, [Diagnostic]) {
        let script = try #require(Self.corpus).appendingPathComponent("cases/\(name)/make.sh")
        let folder = try Fixtures.temporaryDirectory("agentreport-case")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = [script.path]
        process.currentDirectoryURL = folder
        process.environment = ["PATH": "/usr/bin:/bin", "HOME": folder.path, "GIT_CONFIG_NOSYSTEM": "1"]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(name)/make.sh failed")
        let config = try ConfigLoader.load(path: nil, workingDirectory: folder.path)
        let store = try ReportStore.inMemory()
        let context = RunContext(config: config, now: try #require(UTCTime.parse("2026-01-01T00:00:00Z")))
        for source: IngestSource in [TaskBoardSource(), ProgressLogSource()] {
            _ = try source.ingest(into: store, context: context)
        }
        try? FileManager.default.removeItem(at: folder)
        return (store, context.diagnostics.all)
    }

    func rows(_ store: ReportStore, _ sql: String) throws -> [String] {
        try store.queue.read { db in
            try Row.fetchAll(db, sql: sql).map { row in
                row.databaseValues.map { $0.isNull ? "-" : "\($0.storage.value ?? "")" }.joined(separator: " ")
            }
        }
    }

    @Test(.enabled(if: corpus != nil, "../shared/corpus is absent"))
    func aSnakeCaseClaimBoardGivesItsAssigneesAndWriter() throws {
        let (store, diagnostics) = try runCase("09-snake-case-claim-board")
        #expect(diagnostics.filter { $0.severity == .error }.isEmpty)
        #expect(
            try rows(store, "SELECT task_id, status, assigned_to, dependencies FROM tasks ORDER BY task_id") == [
                "task-001 done lead []", "task-002 in_progress codex [\"task-001\"]", "task-003 todo - []",
                "task-004 todo lead [\"task-002\"]", "task-005 todo codex []",
            ])
        #expect(try rows(store, "SELECT DISTINCT changed_by FROM task_events") == ["lead"])
    }

    @Test(.enabled(if: corpus != nil, "../shared/corpus is absent"))
    func aLegacyTaskMasterFileKeepsItsSubtaskIds() throws {
        let (store, diagnostics) = try runCase("11-taskmaster-legacy-subtask-ids")
        #expect(diagnostics.filter { $0.severity >= .warning }.isEmpty, "\(diagnostics.map(\.formatted))")
        #expect(
            try rows(store, "SELECT task_id, status, dependencies FROM tasks ORDER BY task_id") == [
                "7 done []", "7.1 done []", "7.2 done [\"7.1\"]", "8 in_progress []", "8.1 done []",
                "8.2 todo [\"8.1\",\"7.2\"]", "8.3 todo [\"8.2\"]", "9 todo [\"8\",\"7.1\"]",
            ])
    }

    @Test(.enabled(if: corpus != nil, "../shared/corpus is absent"))
    func crlfMarkdownGivesEveryEntryAndTheTaskFile() throws {
        let (store, _) = try runCase("13-crlf-markdown")
        #expect(
            try rows(store, "SELECT line, agent_id, timestamp, task_ids, body FROM progress_entries ORDER BY line") == [
                "3 builder 2025-12-30 10:00:00 [\"TASK-1\"] em dash heading TASK-1",
                "6 builder 2025-12-30 11:00:00 [\"TASK-2\"] en dash, no seconds TASK-2",
                "9 builder 2025-12-30 12:00:00 [\"TASK-3\"] role suffix TASK-3",
                "12 validator 2025-12-30 13:00:00 [\"TASK-4\"] hyphen, no seconds TASK-4",
                "15 architect 2025-12-30 14:00:00 [\"TASK-5\"] canonical TASK-5",
            ])
        // The example's board file is absent: the Markdown task folders are the board.
        #expect(try rows(store, "SELECT task_id, status, assigned_to FROM tasks") == ["be-fix-one in_progress be"])
    }

    @Test(.enabled(if: corpus != nil, "../shared/corpus is absent"))
    func aBoardDeepInFoldersWithSpacesIsReplayedFromGit() throws {
        let (store, diagnostics) = try runCase("14-board-path-with-spaces")
        #expect(diagnostics.filter { $0.severity == .error }.isEmpty)
        #expect(
            try rows(
                store, "SELECT task_id, event_type, new_status, changed_by, timestamp FROM task_events ORDER BY id")
                == [
                    "task-001 created todo lead 2025-12-30 08:00:00", "task-002 created todo lead 2025-12-30 08:00:00",
                    "task-001 completed done codex 2025-12-30 09:00:00",
                    "task-002 updated in_progress codex 2025-12-30 09:00:00",
                ])
        #expect(try rows(store, "SELECT COUNT(*) FROM progress_entries") == ["1"])
    }
}
