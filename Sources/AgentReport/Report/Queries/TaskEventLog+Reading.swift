import Foundation
import GRDB
import GRDBSQLite

extension ReportQueries {
    /// Every task event, read once in storage (id) order through the SQLite C API: 110 000
    /// events for a 50-agent year, where building a `Row` and six `String`s per event cost
    /// more than the replay. Events whose time cannot be read are left out.
    func taskEventLog() throws -> TaskEventLog {
        var log = TaskEventLog()
        // Storage order is id order (no sorter); the sort by time is done by the replay on
        // integers, as no index orders task_events by time alone.
        let statement = try db.makeStatement(
            sql: """
                SELECT e.task_id, e.event_type, e.previous_status, e.new_status, e.assigned_to, e.changed_by, e.timestamp,
                       CASE WHEN e.event_type = 'completed' AND e.assigned_to IS NULL
                            THEN (SELECT t.assigned_to FROM tasks t WHERE t.task_id = e.task_id) END
                FROM task_events e ORDER BY e.id
                """)
        let raw = statement.sqliteStatement
        /// The text of a column as GRDB reads it (up to a NUL), nil for NULL.
        func text(_ column: Int32) -> UnsafeBufferPointer<UInt8>? {
            guard sqlite3_column_type(raw, column) != SQLITE_NULL, let pointer = sqlite3_column_text(raw, column) else {
                return nil
            }
            return UnsafeBufferPointer(start: pointer, count: strlen(pointer))
        }
        try statement.forEachRawRow(in: db) {
            guard let stamp = text(6) else { return }
            // UTCTime.parse(String) ignores surrounding blanks; so does this.
            var trimmed = stamp
            while let last = trimmed.last, last == 0x20 || last == 0x09 {
                trimmed = UnsafeBufferPointer(rebasing: trimmed.dropLast())
            }
            while let first = trimmed.first, first == 0x20 || first == 0x09 {
                trimmed = UnsafeBufferPointer(rebasing: trimmed.dropFirst())
            }
            guard let time = UTCTime.parse(trimmed) else { return }
            // The stored text as it was (blanks included), for the agent pages.
            log.append(
                time: time, stamp: stamp, task: text(0), type: text(1), previous: text(2), status: text(3),
                assignee: text(4),
                changer: text(5), fallback: text(7))
        }
        return log
    }
}
