import Foundation
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
        guard let corpus = Self.corpus, let walker = FileManager.default.enumerator(atPath: corpus.path) else { return [] }
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
            let snapshot = TaskBoardParser(file: url.lastPathComponent).parse(try Data(contentsOf: url), diagnostics: &diagnostics)
            #expect(snapshot != nil, "\(url.lastPathComponent)")
            #expect(!(snapshot?.tasks.isEmpty ?? true), "\(url.lastPathComponent)")
            #expect(diagnostics.filter { $0.severity == .error }.isEmpty, "\(url.lastPathComponent): \(diagnostics.map(\.formatted))")
        }
    }

    @Test(.enabled(if: corpus != nil, "../shared/corpus is absent"))
    func everyProgressLogInTheCorpusGivesEntriesWithoutErrors() throws {
        let logs = try files { $0.hasSuffix("progress-log.md") }
        #expect(!logs.isEmpty)
        for url in logs {
            var diagnostics: [Diagnostic] = []
            let parser = ProgressLogParser(file: url.lastPathComponent, resolver: AgentResolver(config: ReportConfig(baseDirectory: "/")),
                                           taskIdPattern: ReportConfig(baseDirectory: "/").attribution.taskIdPattern)
            let entries = parser.parse(String(decoding: try Data(contentsOf: url), as: UTF8.self), diagnostics: &diagnostics)
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
}
