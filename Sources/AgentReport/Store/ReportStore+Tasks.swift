import Foundation
import GRDB

/// Named queries for the current task state (`tasks`), the seed's `task_events`, and the
/// board commits already replayed (`board_history_commits`).
extension ReportStore {
    /// The team-wide latest state of every task ever seen (removed ones included).
    public static func latestTaskStates(_ db: Database) throws -> [String: TaskState] {
        // Sized up front: a board of a hundred thousand tasks should not pay for regrowth.
        var states = [String: TaskState](minimumCapacity: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM tasks") ?? 0)
        let rows = try Row.fetchCursor(
            db, sql: "SELECT task_id, title, status, raw_status, priority, assigned_to, removed, board FROM tasks")
        while let row = try rows.next() {
            let id: String = row["task_id"]
            let rawStatus: String = row["raw_status"] ?? row["status"]
            states[id] = TaskState(
                id: id, title: row["title"] ?? id,
                status: TaskStatus(rawValue: row["status"]) ?? .todo, rawStatus: rawStatus,
                priority: row["priority"], assignedTo: row["assigned_to"], removed: row["removed"] == 1,
                board: row["board"])
        }
        return states
    }

    /// Writes events, then brings the `tasks` rows of `tasks` up to date with the board
    /// version they came from, and marks removed tasks. Callers run this inside the
    /// source's transaction.
    public static func record(
        _ events: [TaskEvent], tasks: [BoardTask], board: String, sprintId: String?,
        observed: BoardObservation, in db: Database
    ) throws {
        let insertEvent = try db.cachedStatement(
            sql: """
                INSERT INTO task_events (task_id, event_type, previous_status, new_status, assigned_to, changed_by, details, timestamp)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """)
        // Per task, the time of its latest event and of its latest status change: usually the
        // observation, but a task first seen on a board without history is dated by the
        // times it claims (`TaskBoardDiffer`), and its row must say the same.
        var changed: [String: Int64] = [:]
        var statusChanged: [String: Int64] = [:]
        for event in events {
            try insertEvent.execute(
                arguments: .redacted([
                    event.taskId, event.kind.rawValue, event.previousStatus?.rawValue, event.newStatus?.rawValue,
                    event.assignedTo, event.changedBy, event.details, UTCTime.format(event.timestamp),
                ]))
            changed[event.taskId] = max(changed[event.taskId] ?? .min, event.timestamp)
            // status_since moves only when the status does (not for a title or assignee change).
            if event.kind == .created || event.previousStatus != event.newStatus {
                statusChanged[event.taskId] = max(statusChanged[event.taskId] ?? .min, event.timestamp)
            }
        }
        let time = UTCTime.format(observed.time)
        let upsert = try db.cachedStatement(
            sql: """
                INSERT INTO tasks (task_id, title, description, status, raw_status, priority, assigned_to, sprint_id,
                                   dependencies, tags, blockers, details, board, removed, first_seen_at, status_since, last_changed_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?)
                ON CONFLICT(task_id) DO UPDATE SET
                    title = excluded.title, description = excluded.description, status = excluded.status,
                    raw_status = excluded.raw_status, priority = excluded.priority, assigned_to = excluded.assigned_to,
                    sprint_id = excluded.sprint_id, dependencies = excluded.dependencies, tags = excluded.tags,
                    blockers = excluded.blockers, details = excluded.details, board = excluded.board, removed = 0,
                    status_since = CASE WHEN ? THEN excluded.status_since ELSE tasks.status_since END,
                    last_changed_at = CASE WHEN ? THEN excluded.last_changed_at ELSE tasks.last_changed_at END
                """)
        /// Most tasks change at the observation: its text is formatted once.
        func format(_ seconds: Int64?) -> String {
            guard let seconds, seconds != observed.time else { return time }
            return UTCTime.format(seconds)
        }
        for task in tasks {
            let statusTime = statusChanged[task.id]
            let changeTime = changed[task.id]
            try upsert.execute(
                arguments: .redacted([
                    task.id, task.title, task.description, task.status.rawValue, task.rawStatus, task.priority,
                    task.assignedTo, sprintId, BoardJSONText.array(task.dependencies), BoardJSONText.array(task.tags),
                    BoardJSONText.array(task.blockers), task.detailsJSON, board, time,
                    format(statusTime), format(changeTime),
                    statusTime != nil, changeTime != nil,
                ]))
        }
        for event in events where event.kind == .removed {
            try db.execute(
                sql: "UPDATE tasks SET removed = 1, status_since = ?, last_changed_at = ? WHERE task_id = ?",
                arguments: .redacted([time, time, event.taskId]))
        }
    }

    /// The commits of `boardPath` in `repository` whose board version was already replayed.
    public static func replayedBoardCommits(repository: String, boardPath: String, in db: Database) throws -> Set<
        String
    > {
        Set(
            try String.fetchAll(
                db, sql: "SELECT commit_hash FROM board_history_commits WHERE repository = ? AND board_path = ?",
                arguments: .redacted([repository, boardPath])))
    }

    /// Remembers that a commit's board version was replayed (and how many events it gave).
    public static func recordReplayedBoardCommit(
        repository: String, boardPath: String, commit: String, committerTime: Int64, events: Int,
        at now: Int64, in db: Database
    ) throws {
        try db.execute(
            sql: """
                INSERT OR IGNORE INTO board_history_commits (repository, board_path, commit_hash, committer_time, events, replayed_at)
                VALUES (?, ?, ?, ?, ?, ?)
                """,
            arguments: .redacted([
                repository, boardPath, commit, UTCTime.format(committerTime), events, UTCTime.format(now),
            ]))
    }
}
