import Foundation
import Testing

@testable import AgentReport

/// Every figure that names the same window agrees on every page: the demo workspace is
/// built and rendered, then the pages' views are compared (and tied to the rendered text).
@Suite(.serialized) struct ReconciliationTests {
    /// The demo (3 agents × 7 days, seed 1) built as of its end, with its pages and files.
    struct Rendered {
        let pages: [String: ReportPage]
        let files: [String: String]
    }

    static let demo: Result<Rendered, DemoFailure> = {
        do {
            let path = DemoFixture.temporaryPath("reconcile")
            defer { try? FileManager.default.removeItem(atPath: path) }
            _ = try DemoWorkspace.create(at: path, options: DemoOptions())
            var options = RunOptions()
            options.workingDirectory = path
            options.now = UTCTime.formatISO(DemoOptions.defaultEnd)
            options.verbosity = .quiet
            options.environment = [:]
            guard Engine.build(options) == .success else {
                return .failure(DemoFailure(message: "the build did not succeed"))
            }
            let store = try ReportStore.openForReading(at: path + "/agentreport.sqlite")
            let config = try ConfigLoader.load(path: nil, workingDirectory: path)
            var pages: [String: ReportPage] = [:]
            try ReportQueries.read(from: store, now: DemoOptions.defaultEnd) { queries in
                for page in try ReportPages.build(queries, config: config) { pages[page.path] = page }
            }
            let files = try ReportRenderer(config: config, templates: TemplateSet(), now: DemoOptions.defaultEnd)
                .render(from: store, formats: [.markdown])
            return .success(
                Rendered(pages: pages, files: Dictionary(uniqueKeysWithValues: files.map { ($0.path, $0.contents) })))
        } catch {
            return .failure(DemoFailure(message: "\(error)"))
        }
    }()

    func view<V>(_ path: String, as type: V.Type) throws -> V {
        let rendered = try Self.demo.get()
        let page = try #require(rendered.pages[path], "page \(path)")
        return try #require(page.ownView as? V, "view of \(path)")
    }

    /// The first number in `text` after `marker`.
    func number(in text: String, after marker: String) -> Int? {
        guard let range = text.range(of: marker) else { return nil }
        let digits = text[range.upperBound...].drop { !$0.isNumber }.prefix { $0.isNumber }
        return Int(digits)
    }

    @Test func completionsAgreeAcrossIndexVelocityAndAgentPages() throws {
        let index = try view("index", as: IndexPage.View.self)
        let velocity = try view("velocity", as: VelocityPage.View.self)
        let week = try #require(velocity.timings.first { $0.days == 7 })
        let month = try #require(velocity.timings.first { $0.days == 30 })
        #expect(index.headline.completed7d == week.completed)
        #expect(velocity.agents.reduce(0) { $0 + $1.d7 } == week.completed)
        #expect(velocity.agents.reduce(0) { $0 + $1.d30 } == month.completed)
        // Both 30-day charts say the same total.
        let indexChart = try #require(index.velocityChart?.alt)
        #expect(number(in: indexChart, after: "last 30 days. ") == month.completed)
        #expect(number(in: try #require(velocity.daily30?.alt), after: "last 30 days. ") == month.completed)
        for row in velocity.agents where row.agent.hasPage {
            let agent = try view("agents/" + row.agent.name, as: AgentView.self)
            #expect(agent.agent.completed30d == row.d30, "\(row.agent.name): 30-day completions")
        }
        let files = try Self.demo.get().files
        #expect(files["index.md"]?.contains("- **\(week.completed)** completed, last 7 days") == true)
        #expect(files["velocity.md"]?.contains("| last 7 days | \(week.completed) |") == true)
    }

    @Test func commitsAgreeAcrossIndexActivityAndAgentPages() throws {
        let index = try view("index", as: IndexPage.View.self)
        let activity = try view("activity", as: ActivityView.self)
        #expect(index.headline.commits7d == activity.total.c7)
        #expect(activity.agents.reduce(0) { $0 + $1.c7 } == activity.total.c7)
        #expect(activity.agents.reduce(0) { $0 + $1.c30 } == activity.total.c30)
        #expect(
            activity.grid.rows.reduce(0) { $0 + $1.total } == activity.total.c7, "the 7-day grid totals the 7-day count"
        )
        #expect(number(in: try #require(activity.chart?.alt), after: "last 30 days. ") == activity.total.c30)
        #expect(index.headline.merges7d > 0, "the demo merges into main")
        for row in activity.agents where row.agent.hasPage {
            let agent = try view("agents/" + row.agent.name, as: AgentView.self)
            #expect(agent.agent.commits30d == row.c30, "\(row.agent.name): 30-day commits")
            #expect(number(in: try #require(agent.commitChart?.alt), after: "last 30 days. ") == row.c30)
        }
        let files = try Self.demo.get().files
        #expect(files["index.md"]?.contains("- **\(index.headline.commits7d)** commits, last 7 days") == true)
        #expect(files["activity.md"]?.contains("| **all** | \(activity.total.c7) | \(activity.total.c30) |") == true)
    }

    @Test func sinceYesterdayAlertsAndAgentsAgree() throws {
        let index = try view("index", as: IndexPage.View.self)
        let alerts = try view("alerts", as: AlertsPage.View.self)
        let tasks = try view("tasks", as: TasksPage.View.self)
        #expect(index.headline.openAlerts == alerts.openCount)
        #expect(index.headline.blocked == tasks.blocked.count)
        for row in index.agents {
            let agent = try view("agents/" + row.agent.name, as: AgentView.self)
            #expect(agent.agent.sinceYesterday == row.sinceYesterday, "\(row.agent.name)")
            #expect(agent.agent.currentTask == row.currentTask, "\(row.agent.name)")
        }
        // `unattributed` has commits and a page, but it is not an agent.
        #expect(index.headline.agents == 3)
        #expect(index.others.map(\.name) == ["unattributed"])
        #expect(!index.agents.contains { $0.agent.name == "unattributed" })
    }

    @Test func everyIncidentTheDemoPromisesFires() throws {
        let alerts = try view("alerts", as: AlertsPage.View.self)
        let titles = alerts.severities.flatMap(\.alerts).map(\.title)
        for expected in [
            "is silent", "reports an error", "is offline", "is blocked", "has stalled", "many uncommitted changes",
            "sustained high CPU", "sustained high memory", "System health is unhealthy", "RAG hit rate is low",
            "Weekly velocity is low", "Tasks are waiting in review", "Health check failing", "test pass rate falling",
        ] {
            #expect(titles.contains { $0.contains(expected) }, "no open alert says \(expected): \(titles)")
        }
        // The failing health check is one alert reported eight times; the resolved latency alert is gone.
        let check = try #require(alerts.severities.flatMap(\.alerts).first { $0.title == "Health check failing" })
        #expect(check.repeats?.hasPrefix("×8") == true)
        #expect(!titles.contains("API latency above 250 ms"))
    }
}
