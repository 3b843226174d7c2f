import Foundation
import Testing

@testable import AgentReport

/// The index page of the example workspace, compared byte for byte with a recorded file.
/// Re-record on purpose with `RECORD_GOLDEN=1 swift test --filter IndexGoldenTests`.
@Suite struct IndexGoldenTests {
    @Test func indexPageOfTheExampleWorkspaceMatchesTheRecordedFile() throws {
        let workspace = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: workspace) }
        try FileManager.default.copyItem(
            at: Fixtures.packageRoot.appendingPathComponent("coordination"), to: workspace.appendingPathComponent("coordination"))
        var config = ReportConfig(baseDirectory: workspace.path)
        config.repositories = []
        let now = try #require(UTCTime.parse("2026-03-03T07:00:00Z"))
        let store = try ReportStore.inMemory()
        _ = try TaskBoardSource().ingest(into: store, context: RunContext(config: config, now: now))
        let files = try ReportRenderer(config: config, templates: TemplateSet(), now: now).render(from: store, formats: [.markdown])
        let index = try #require(files.first { $0.path == "index.md" })
        let golden = Fixtures.packageRoot.appendingPathComponent("Tests/AgentReportTests/Fixtures/golden/index.md")
        if ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1" {
            try Data(index.contents.utf8).write(to: golden)
        }
        let expected = try String(contentsOf: golden, encoding: .utf8)
        #expect(index.contents == expected, "index.md changed; re-record with RECORD_GOLDEN=1 if on purpose")
    }
}
