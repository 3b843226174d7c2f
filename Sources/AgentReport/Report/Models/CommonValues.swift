import Foundation
import GRDB

/// Values every page shows: title, "now", the freshness of each source, last run's problems.
enum CommonValues {
    /// The sources whose freshness is shown, in order.
    static let sourceNames = ["tasks", "progress", "rag", "git", "metrics"]

    /// Older than this, a source's last success is flagged stale.
    static let staleAfter: Int64 = 86_400

    /// The shared values, for a page at `path` (links are made relative to it).
    static func values(_ db: Database, config: ReportConfig, now: Int64, path: String) throws -> [String: Any] {
        var names = sourceNames
        for extra in try String.fetchAll(db, sql: "SELECT source FROM source_state ORDER BY source") where !names.contains(extra) {
            names.append(extra)
        }
        var sources: [[String: Any]] = []
        var staleCount = 0
        for name in names {
            let row = try Row.fetchOne(db, sql: "SELECT * FROM source_state WHERE source = ?", arguments: [name])
            let success: String? = row?["last_success_at"]
            let age = Figures.seconds(success).map { now - $0 }
            let stale = age.map { $0 > staleAfter } ?? true
            if stale { staleCount += 1 }
            var source: [String: Any] = [
                "name": name, "lastSuccess": success ?? "never", "status": (row?["last_status"] as String?) ?? "never run",
                "rows": (row?["rows_last_run"] as Int?) ?? 0, "stale": stale,
                "age": age.map { Figures.duration(Double(max($0, 0))) + " ago" } ?? "—",
            ]
            if let detail: String = row?["detail"], (row?["last_status"] as String?) == "failed" { source["detail"] = detail }
            sources.append(source)
        }
        let problems = try problems(db)
        return [
            "title": config.title, "generatedFor": UTCTime.format(now) + " UTC", "sources": sources,
            "staleCount": staleCount, "hasStale": staleCount > 0,
            "problems": problems, "hasProblems": !problems.isEmpty, "root": ReportPage.root(of: path),
        ]
    }

    /// The errors and warnings of the last recorded run (at most 50), as the reader should see them.
    static func problems(_ db: Database) throws -> [[String: Any]] {
        guard let runId = try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM runs") else { return [] }
        let rows = try Row.fetchAll(
            db, sql: "SELECT * FROM run_diagnostics WHERE run_id = ? AND severity IN ('error','warning') ORDER BY id LIMIT 50",
            arguments: [runId])
        return rows.map { row in
            let d = Diagnostic(
                Diagnostic.Severity(rawValue: row["severity"]) ?? .error, file: row["file"], line: row["line"],
                column: row["column"], row["message"])
            return ["location": d.location ?? (row["stage"] as String? ?? ""), "severity": d.severity.rawValue, "message": d.message]
        }
    }
}
