import Foundation
import GRDB

/// Builds the model of every page from the database: plain values for the templates.
enum ReportPages {
    /// The site's navigation, in order.
    static let navigation: [(path: String, label: String)] = [
        ("index", "Overview"), ("tasks", "Tasks"), ("velocity", "Velocity"), ("agents/index", "Agents"),
        ("activity", "Activity"), ("alerts", "Alerts"), ("health", "Health"),
    ]

    /// Every page, in a fixed order (index first, then the navigation order, agents by id).
    static func build(_ db: Database, config: ReportConfig, now: Int64) throws -> [ReportPage] {
        let data = try ReportData(db, config: config, now: now)
        var pages = [try IndexPage.build(data), try TasksPage.build(data), try VelocityPage.build(data)]
        pages += try AgentPages.build(data)
        pages += [try ActivityPage.build(data), try AlertsPage.build(data), try HealthPage.build(data)]
        return pages
    }
}
