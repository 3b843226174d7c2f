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
    /// each handed to `emit` as soon as it is built.
    static func build(_ queries: ReportQueries, config: ReportConfig, emit: (ReportPage) -> Void) throws {
        let facts = ReportFacts(try queries.factsInput(title: config.title, staleHours: config.alerts.staleHours))
        let usage = try UsagePage.input(from: queries, facts: facts)
        emit(
            IndexPage.page(try IndexPage.input(from: queries, facts: facts), facts: facts)
                .adding(sinceYesterday: UsageSections.sinceYesterday(usage, facts: facts, from: "index")))
        emit(TasksPage.page(try TasksPage.input(from: queries, facts: facts), facts: facts))
        emit(VelocityPage.page(facts: facts))
        emit(AgentPages.indexPage(facts: facts))
        let days = try AgentPages.sampleDays(from: queries)
        let hookRecordsSessions = try queries.hookRecordsSessions()
        for entry in facts.agents.entries {
            let input = try AgentPages.input(
                for: entry, days: days, hookRecordsSessions: hookRecordsSessions, from: queries, facts: facts)
            emit(
                AgentPages.page(for: entry, input: input, facts: facts)
                    .adding(usage: UsageSections.agent(entry.id, usage: usage, now: facts.now)))
        }
        emit(ActivityPage.page(try ActivityPage.input(from: queries, facts: facts), facts: facts))
        emit(UsagePage.page(usage, facts: facts))
        emit(AlertsPage.page(try AlertsPage.input(from: queries, facts: facts), facts: facts))
        emit(HealthPage.page(try HealthPage.input(from: queries, facts: facts), facts: facts))
        emit(ChecksPage.page(try ChecksPage.input(from: queries, facts: facts), facts: facts))
    }

    /// Every page, in order.
    static func build(_ queries: ReportQueries, config: ReportConfig) throws -> [ReportPage] {
        var pages: [ReportPage] = []
        try build(queries, config: config) { pages.append($0) }
        return pages
    }
}
