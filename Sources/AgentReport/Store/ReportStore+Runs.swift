import Foundation
import GRDB

/// Named queries for run records (`runs`, `run_diagnostics`) and the rejected inputs that
/// sources record with their data (`input_rejections`, migration v10).
extension ReportStore {
    /// Starts a run record (its exit code still unknown) and returns its id.
    public static func startRun(command: String, now: Int64, in db: Database) throws -> Int64 {
        try db.execute(
            sql: "INSERT INTO runs (command, now) VALUES (?, ?)", arguments: .redacted([command, UTCTime.format(now)]))
        return db.lastInsertedRowID
    }

    /// Adds diagnostics to a run record.
    public static func recordDiagnostics(_ diagnostics: [Diagnostic], ofRun id: Int64, in db: Database) throws {
        let statement = try db.cachedStatement(
            sql: """
                INSERT INTO run_diagnostics (run_id, stage, severity, file, line, column, message)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """)
        for d in diagnostics {
            try statement.execute(
                arguments: .redacted([id, d.stage, d.severity.rawValue, d.file, d.line, d.column, d.message]))
        }
    }

    /// Finishes a run record with its real exit code and summary, and marks every rejected
    /// input still waiting for a run (this run's, and those of an interrupted earlier run
    /// that this run reported) as reported by it.
    public static func finishRun(_ id: Int64, exitCode: Int32, summary: String, in db: Database) throws {
        try db.execute(
            sql: "UPDATE runs SET exit_code = ?, summary = ? WHERE id = ?",
            arguments: .redacted([exitCode, summary, id]))
        try db.execute(sql: "UPDATE input_rejections SET run_id = ? WHERE run_id IS NULL", arguments: [id])
    }

    /// Records rejected inputs of `source`. Sources call this inside the transaction that
    /// stores the data the rejections belong to: whatever interrupts the run, the data and
    /// the rejections are committed together or not at all, and a run that ends before
    /// reporting them leaves them for the next one (`pendingRejections`).
    public static func recordRejections(_ diagnostics: [Diagnostic], source: String, at now: Int64, in db: Database)
        throws
    {
        let statement = try db.cachedStatement(
            sql: """
                INSERT INTO input_rejections (source, stage, file, line, column, message, detected_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """)
        for d in diagnostics where d.isRejection {
            try statement.execute(
                arguments: .redacted([source, d.stage, d.file, d.line, d.column, d.message, UTCTime.format(now)]))
        }
    }

    /// Rejected inputs that no finished run reported: found by a run that was interrupted
    /// after storing their data and before its end was recorded.
    public static func pendingRejections(_ db: Database) throws -> [(detectedAt: String, diagnostic: Diagnostic)] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT stage, file, line, column, message, detected_at FROM input_rejections WHERE run_id IS NULL ORDER BY id
                """
        ).map { row in
            var diagnostic = Diagnostic(
                .error, file: row["file"], line: row["line"], column: row["column"], row["message"])
            diagnostic.stage = row["stage"]
            return (row["detected_at"], diagnostic)
        }
    }
}
