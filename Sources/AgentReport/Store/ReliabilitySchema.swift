import Foundation
import GRDB

/// Migration v10 (`v10-reliability`): rejected inputs recorded with the data they belong to,
/// and metric read positions keyed by what survives moving the workspace.
/// Documented, column by column, in docs/schema.md.
enum ReliabilitySchema {
    /// The tables and indexes the migration adds.
    static let sql = """
        CREATE TABLE input_rejections (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            source TEXT NOT NULL,
            stage TEXT,
            file TEXT,
            line INTEGER,
            column INTEGER,
            message TEXT NOT NULL,
            detected_at DATETIME NOT NULL,
            run_id INTEGER
        );
        CREATE INDEX idx_input_rejections_run ON input_rejections(run_id);
        """

    /// Rewrites `metric_files.path` from the path shown in diagnostics (relative to the
    /// config's folder, or absolute outside it) to the file's name relative to the metrics
    /// folder, which stays the same when the workspace is moved or copied. When two old rows
    /// give one name (the metrics folder was changed once), the most recently read wins.
    static func keyMetricFilesByName(_ db: Database) throws {
        let rows = try Row.fetchAll(db, sql: "SELECT path, updated_at FROM metric_files ORDER BY updated_at, path")
        var newest: [String: String] = [:]
        for row in rows {
            let path: String = row["path"]
            newest[(path as NSString).lastPathComponent] = path
        }
        for row in rows {
            let path: String = row["path"]
            let name = (path as NSString).lastPathComponent
            if newest[name] != path {
                try db.execute(sql: "DELETE FROM metric_files WHERE path = ?", arguments: [path])
            }
        }
        for (name, path) in newest.sorted(by: { $0.key < $1.key }) where name != path {
            try db.execute(sql: "UPDATE metric_files SET path = ? WHERE path = ?", arguments: [name, path])
        }
    }
}
