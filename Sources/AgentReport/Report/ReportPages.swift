import Foundation
import GRDB

/// Builds the model of every page from the database: plain values for the templates.
enum ReportPages {
    /// The site's navigation, in order.
    static let navigation: [(path: String, label: String)] = [
        ("index", "Overview"), ("tasks", "Tasks"), ("velocity", "Velocity"), ("agents/index", "Agents"),
        ("activity", "Activity"), ("alerts", "Alerts"), ("health", "Health"),
    ]

    /// Every page, in a fixed order (index first, then the navigation order, agents by id),
    /// each handed to `emit` as soon as it is built.
    static func build(_ db: Database, config: ReportConfig, now: Int64, emit: (ReportPage) -> Void) throws {
        let data = try ReportData(db, config: config, now: now)
        emit(try IndexPage.build(data))
        emit(try TasksPage.build(data))
        emit(try VelocityPage.build(data))
        try AgentPages.build(data, emit: emit)
        emit(try ActivityPage.build(data))
        emit(try AlertsPage.build(data))
        emit(try HealthPage.build(data))
    }

    /// Every page, in order.
    static func build(_ db: Database, config: ReportConfig, now: Int64) throws -> [ReportPage] {
        var pages: [ReportPage] = []
        try build(db, config: config, now: now) { pages.append($0) }
        return pages
    }
}
