import Foundation

/// The report's pages, in order: each page's input is read through `ReportQueries`, then
/// the page's pure builder turns it (and the shared facts) into a typed view.
///
/// To add a page: a `Pages/<Name>Page.swift` with its `Input` (plain values), its `View`
/// (a `TemplateView`) and `page(_:facts:)`; the queries it needs in `Queries/`; a
/// `templates/<name>.md.mustache` (then `scripts/embed-templates`); a line below, and an
/// entry in `navigation` if it should appear in the site's menu.
enum ReportPages {
    /// The site's navigation, in order.
    static let navigation: [(path: String, label: String)] = [
        ("index", "Overview"), ("tasks", "Tasks"), ("velocity", "Velocity"), ("agents/index", "Agents"),
        ("activity", "Activity"), ("usage", "Usage"), ("alerts", "Alerts"), ("health", "Health"), ("checks", "Checks"),
    ]

    /// Every page, in a fixed order (index first, then the navigation order, agents by id),
    /// each handed to `emit` as soon as its values are read, as a closure that returns the
    /// page; the renderer runs it on the core that renders the page. Pages built from values
    /// already read (agents, tasks, velocity, usage) are built inside that closure, so on
    /// that core, not on this thread. The agent pages' inputs are read on a second
    /// connection while the shared facts and the first pages are read on this one
    /// (`ReportQueries.inBackground(_:)`).
    static func build(
        _ queries: ReportQueries, config: ReportConfig, emit: (@escaping @Sendable () throws -> ReportPage) -> Void
    ) throws {
        let agents = try queries.agentRecords()
        let entries = AgentDirectory(agents).entries
        let agentInputs = queries.inBackground { queries in try AgentPages.inputs(for: entries, from: queries) }
        do {
            let facts = ReportFacts(
                try queries.factsInput(title: config.title, staleHours: config.alerts.staleHours, agents: agents))
            let usage = try UsagePage.input(from: queries, facts: facts)
            let board = try TasksPage.input(from: queries, facts: facts)
            let index = IndexPage.page(try IndexPage.input(from: queries, facts: facts, board: board), facts: facts)
                .adding(sinceYesterday: UsageSections.sinceYesterday(usage, facts: facts, from: "index"))
            emit { index }
            emit { TasksPage.page(board, facts: facts) }
            emit { VelocityPage.page(facts: facts) }
            emit { AgentPages.indexPage(facts: facts) }
            let inputs = try AgentPages.withTaskTitles(agentInputs.value(), from: queries, facts: facts)
            for entry in facts.agents.entries {
                let input = inputs[entry.id] ?? AgentPages.Input.empty(now: facts.now)
                emit {
                    AgentPages.page(for: entry, input: input, facts: facts)
                        .adding(usage: UsageSections.agent(entry.id, usage: usage, now: facts.now))
                }
            }
            let activity = ActivityPage.page(try ActivityPage.input(from: queries, facts: facts), facts: facts)
            emit { activity }
            emit { UsagePage.page(usage, facts: facts) }
            let alerts = AlertsPage.page(try AlertsPage.input(from: queries, facts: facts), facts: facts)
            emit { alerts }
            let health = HealthPage.page(try HealthPage.input(from: queries, facts: facts), facts: facts)
            emit { health }
            let checks = ChecksPage.page(try ChecksPage.input(from: queries, facts: facts), facts: facts)
            emit { checks }
        } catch {
            agentInputs.abandon()
            throw error
        }
    }

    /// Every page, in order.
    static func build(_ queries: ReportQueries, config: ReportConfig) throws -> [ReportPage] {
        var builds: [@Sendable () throws -> ReportPage] = []
        try build(queries, config: config) { builds.append($0) }
        return try builds.map { try $0() }
    }
}
