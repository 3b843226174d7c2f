import Foundation
import GRDB

/// The state of one source (`source_state`): its last run and last success.
struct SourceState: Sendable, Equatable {
    /// `tasks`, `progress`, `git`, …
    var name: String
    /// The last successful ingest, stored text.
    var lastSuccess: String?
    /// `ok` or `failed`; nil when it never ran.
    var status: String?
    /// New rows on the last run.
    var rows: Int
    /// The failure's message, or a note.
    var detail: String?
}

/// One error or warning recorded by the last run.
struct RunProblem: Sendable, Equatable {
    /// `error` or `warning`.
    var severity: String
    /// `file:line:column`, else the stage that reported it.
    var location: String
    /// The message.
    var message: String
}

extension ReportQueries {
    /// The sources whose freshness every page shows, in order; others found in
    /// `source_state` follow, by name.
    static let sourceNames = ["tasks", "progress", "rag", "git", "metrics"]

    /// The state of every source: the standard ones (never run: no row) and any other
    /// recorded one.
    func sourceStates() throws -> [SourceState] {
        var names = Self.sourceNames
        for extra in try String.fetchAll(db, sql: "SELECT source FROM source_state ORDER BY source")
        where !names.contains(extra) {
            names.append(extra)
        }
        return try names.map { name in
            let row = try Row.fetchOne(db, sql: "SELECT * FROM source_state WHERE source = ?", arguments: [name])
            return SourceState(
                name: name, lastSuccess: row?["last_success_at"], status: row?["last_status"],
                rows: (row?["rows_last_run"] as Int?) ?? 0, detail: row?["detail"])
        }
    }

    /// The errors and warnings of the last recorded run (at most 50), in the order reported.
    func lastRunProblems() throws -> [RunProblem] {
        guard let runId = try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM runs") else { return [] }
        let rows = try Row.fetchAll(
            db,
            sql:
                "SELECT * FROM run_diagnostics WHERE run_id = ? AND severity IN ('error','warning') ORDER BY id LIMIT 50",
            arguments: [runId])
        return rows.map { row in
            let d = Diagnostic(
                Diagnostic.Severity(rawValue: row["severity"]) ?? .error, file: row["file"], line: row["line"],
                column: row["column"], row["message"])
            return RunProblem(
                severity: d.severity.rawValue, location: d.location ?? (row["stage"] as String? ?? ""),
                message: d.message)
        }
    }
}
