import Foundation
import Testing
@testable import AgentReport

/// Every page, chart and the stylesheet, compared byte for byte with recorded files
/// (`RECORD_GOLDEN=1 swift test --filter ReportGoldenTests` re-records them on purpose).
@Suite struct ReportGoldenTests {
    @Test func fixtureReportMatchesGoldenFiles() throws {
        // REPORT_FIXTURE_DB=/path also writes the fixture as a database file, to render it with
        // the command line (screenshots: see docs/templates.md).
        if let path = ProcessInfo.processInfo.environment["REPORT_FIXTURE_DB"] {
            try? FileManager.default.removeItem(atPath: path)
            try ReportFixture.write(to: path)
        }
        let files = try ReportTestSupport.render(try ReportFixture.store())
        try ReportTestSupport.compareWithGolden(files, folder: "fixture")
    }

    @Test func exampleWorkspaceReportMatchesGoldenFiles() throws {
        let files = try ExampleWorkspace.render()
        try ReportTestSupport.compareWithGolden(files, folder: "example")
    }

    @Test func emptyDatabaseReportMatchesGoldenFiles() throws {
        let files = try ReportTestSupport.render(try ReportStore.inMemory())
        try ReportTestSupport.compareWithGolden(files, folder: "empty")
    }

    @Test func twoRendersAreByteIdentical() throws {
        let store = try ReportFixture.store()
        let first = try ReportTestSupport.render(store)
        let second = try ReportTestSupport.render(try ReportFixture.store())
        #expect(first == second)
        #expect(try ExampleWorkspace.render() == (try ExampleWorkspace.render()))
    }

    @Test func everyPageExistsInBothFormatsWithItsCharts() throws {
        let paths = Set(try ReportTestSupport.render(try ReportFixture.store()).map(\.path))
        for page in ["index", "tasks", "velocity", "agents/index", "agents/architect", "agents/builder", "agents/validator",
                     "activity", "alerts", "health"] {
            #expect(paths.contains(page + ".md"), "\(page).md")
            #expect(paths.contains(page + ".html"), "\(page).html")
        }
        for chart in ["velocity-30d", "velocity-weekly", "cumulative-flow-90d", "agent-builder-status", "agent-builder-cpu-memory",
                      "agent-builder-commits", "agent-validator-status", "commits-30d", "alerts-30d", "health-latency", "rag-hit-rate"] {
            #expect(paths.contains("charts/\(chart).svg"), "charts/\(chart).svg")
        }
        #expect(paths.contains("style.css"))
    }
}

/// The example workspace of the repository (`coordination/`, `metrics/`), built at a fixed
/// "now" in a temporary copy, then rendered.
enum ExampleWorkspace {
    /// "Now" for the example workspace: the morning after its last samples, as `make report` uses.
    static let now = "2026-03-03T07:00:00Z"

    static func render() throws -> [RenderedFile] {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("agentreport-example-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for folder in ["coordination", "metrics", "agentreport.json"] {
            try FileManager.default.copyItem(
                at: ReportTestSupport.packageRoot.appendingPathComponent(folder), to: directory.appendingPathComponent(folder))
        }
        var options = RunOptions()
        options.workingDirectory = directory.path
        options.now = now
        options.verbosity = .quiet
        options.environment = [:]
        // The whole nightly job, as `make report` runs it (alerts included).
        _ = Engine.build(options)
        let store = try ReportStore.openForReading(at: directory.appendingPathComponent("agentreport.sqlite").path)
        let seconds = try #require(UTCTime.parse(now))
        let config = try ConfigLoader.load(path: nil, workingDirectory: directory.path)
        return try ReportTestSupport.render(store, now: seconds, config: config)
    }
}
