import Foundation
import GRDB

/// The task history replayed from `task_events`: completions, lead and cycle times and the
/// status of every task at the end of each day.
///
/// Counting rule: a task counts as completed each time a `completed` event happens, so a
/// task that is reopened and completed again counts twice (the work was delivered twice).
/// Lead time runs from the task's first `created` event to that completion; cycle time from
/// its first move to `in_progress` (before the completion) to the completion.
struct TaskFlow {
    /// One `completed` event.
    struct Completion {
        var taskId: String
        var title: String
        var time: Int64
        /// The assignee when it was completed (the event's, else the task's), nil for the team.
        var agent: String?
        var leadTime: Double?
        var cycleTime: Double?
    }

    /// One status change as the replay needs it.
    struct Change {
        var taskId: String
        var time: Int64
        var type: String
        var status: String?
    }

    let completions: [Completion]
    let changes: [Change]

    /// Reads every event once, in time order (ties by id: the order they were recorded).
    init(_ db: Database) throws {
        var firstCreated: [String: Int64] = [:]
        var firstStarted: [String: Int64] = [:]
        var changes: [Change] = []
        var completions: [Completion] = []
        let rows = try Row.fetchCursor(db, sql: """
            SELECT e.task_id, e.event_type, e.new_status, e.assigned_to, e.timestamp, t.title, t.assigned_to AS task_assignee
            FROM task_events e LEFT JOIN tasks t ON t.task_id = e.task_id
            ORDER BY e.timestamp, e.id
            """)
        while let row = try rows.next() {
            guard let time = Figures.seconds(row["timestamp"]) else { continue }
            let id: String = row["task_id"]
            let type: String = row["event_type"]
            let status: String? = row["new_status"]
            changes.append(Change(taskId: id, time: time, type: type, status: status))
            if type == "created", firstCreated[id] == nil { firstCreated[id] = time }
            if status == TaskStatus.inProgress.rawValue, firstStarted[id] == nil { firstStarted[id] = time }
            if type == "completed" {
                let lead = firstCreated[id].map { Double(time - $0) }
                let cycle = firstStarted[id].map { Double(time - $0) }
                completions.append(Completion(
                    taskId: id, title: row["title"] ?? id, time: time,
                    agent: (row["assigned_to"] as String?) ?? (row["task_assignee"] as String?),
                    leadTime: lead, cycleTime: cycle))
            }
        }
        self.changes = changes
        self.completions = completions
    }

    /// Completions with `from <= time < to`.
    func completions(from: Int64, to: Int64) -> [Completion] {
        completions.filter { $0.time >= from && $0.time < to }
    }

    /// Completed tasks per day for the `days` days ending with the day of `now`.
    func completedPerDay(days: Int, now: Int64) -> [(day: Int64, count: Int)] {
        let last = Figures.day(now)
        let first = last - Int64(days) + 1
        var counts = [Int](repeating: 0, count: days)
        for completion in completions {
            let day = Figures.day(completion.time)
            if day >= first, day <= last { counts[Int(day - first)] += 1 }
        }
        return counts.enumerated().map { (first + Int64($0.offset), $0.element) }
    }

    /// Completed tasks per ISO week (Monday first) for the `weeks` weeks ending with the week of `now`.
    func completedPerWeek(weeks: Int, now: Int64) -> [(monday: Int64, count: Int)] {
        let lastMonday = Self.monday(of: Figures.day(now))
        let firstMonday = lastMonday - Int64(7 * (weeks - 1))
        var counts = [Int](repeating: 0, count: weeks)
        for completion in completions {
            let monday = Self.monday(of: Figures.day(completion.time))
            if monday >= firstMonday, monday <= lastMonday { counts[Int((monday - firstMonday) / 7)] += 1 }
        }
        return counts.enumerated().map { (firstMonday + Int64(7 * $0.offset), $0.element) }
    }

    /// The number of tasks in each status at the end of each of the `days` days ending
    /// with the day of `now` (removed tasks leave the flow).
    func cumulativeFlow(days: Int, now: Int64) -> [(day: Int64, counts: [String: Int])] {
        let last = Figures.day(now)
        let first = last - Int64(days) + 1
        var status: [String: String] = [:]
        var result: [(Int64, [String: Int])] = []
        var index = 0
        for day in first...last {
            let end = (day + 1) * 86_400
            while index < changes.count, changes[index].time < end {
                let change = changes[index]
                if change.type == "removed" {
                    status[change.taskId] = nil
                } else if let new = change.status {
                    status[change.taskId] = new
                }
                index += 1
            }
            var counts: [String: Int] = [:]
            for value in status.values { counts[value, default: 0] += 1 }
            result.append((day, counts))
        }
        return result
    }

    /// The Monday on or before `day` (day 0, 1970-01-01, was a Thursday).
    static func monday(of day: Int64) -> Int64 {
        let weekday = ((day + 3) % 7 + 7) % 7
        return day - weekday
    }
}
