import Foundation
import GRDB

/// Builds the model of every page from the database: plain values for the templates.
enum ReportPages {
    /// The site's navigation, in order.
    static let navigation: [(path: String, label: String)] = [
        ("index", "Overview"),
    ]

    static func build(_ db: Database, config: ReportConfig, now: Int64) throws -> [ReportPage] {
        [try IndexPage.build(db, config: config, now: now)]
    }
}
