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
        var time: Int64
        /// The assignee when it was completed (the event's, else the task's), nil for the team.
        var agent: String?
        var leadTime: Double?
        var cycleTime: Double?
    }

    /// One event as the replay needs it.
    struct Change {
        var taskId: String
        var time: Int64
        var stamp: String
        var type: String
        var previous: String?
        var status: String?
    }

    let completions: [Completion]
    let changes: [Change]
    /// Indices into `changes` of the newest task events each agent made or was assigned
    /// (at most `recentLimit`), oldest first.
    private let recentIndices: [String: [Int]]
    /// The time of the latest task event each agent made (`changed_by`).
    let lastChange: [String: String]
    /// How many task events per agent are kept for the agent pages.
    static let recentLimit = 100

    /// Reads every event once, in time order (ties by id: the order they were recorded).
    init(_ db: Database) throws {
        var firstCreated: [String: Int64] = [:]
        var firstStarted: [String: Int64] = [:]
        var changes: [Change] = []
        var completions: [Completion] = []
        var recent: [String: [Int]] = [:]
        var lastChange: [String: String] = [:]
        // Read in storage order and sort here by (time, id): cheaper than SQLite's sorter,
        // as no index orders task_events by time alone.
        var raw: [(id: Int64, time: Int64, change: Change, assignee: String?, changer: String?, fallback: String?)] = []
        let rows = try Row.fetchCursor(db, sql: """
            SELECT e.task_id, e.event_type, e.previous_status, e.new_status, e.assigned_to, e.changed_by, e.timestamp,
                   CASE WHEN e.event_type = 'completed' AND e.assigned_to IS NULL
                        THEN (SELECT t.assigned_to FROM tasks t WHERE t.task_id = e.task_id) END, e.id
            FROM task_events e
            """)
        while let row = try rows.next() {
            let stamp: String = row[6] ?? ""
            guard let time = UTCTime.parse(stamp) else { continue }
            raw.append((row[8], time, Change(taskId: row[0], time: time, stamp: stamp, type: row[1], previous: row[2], status: row[3]),
                        row[4], row[5], row[7]))
        }
        raw.sort { ($0.time, $0.id) < ($1.time, $1.id) }
        changes.reserveCapacity(raw.count)
        for item in raw {
            let id = item.change.taskId
            let type = item.change.type
            let status = item.change.status
            let assignee = item.assignee
            let changer = item.changer
            let stamp = item.change.stamp
            let time = item.time
            changes.append(item.change)
            for agent in [assignee, changer == assignee ? nil : changer].compactMap({ $0 }) {
                recent[agent, default: []].append(changes.count - 1)
                if recent[agent, default: []].count > 2 * Self.recentLimit { recent[agent]?.removeFirst(Self.recentLimit) }
            }
            if type == "created", firstCreated[id] == nil { firstCreated[id] = time }
            if status == TaskStatus.inProgress.rawValue, firstStarted[id] == nil { firstStarted[id] = time }
            if let changer { lastChange[changer] = stamp }
            if type == "completed" {
                completions.append(Completion(
                    taskId: id, time: time, agent: assignee ?? item.fallback,
                    leadTime: firstCreated[id].map { Double(time - $0) }, cycleTime: firstStarted[id].map { Double(time - $0) }))
            }
        }
        self.changes = changes
        self.completions = completions
        recentIndices = recent.mapValues { Array($0.suffix(Self.recentLimit)) }
        self.lastChange = lastChange
    }

    /// The newest task events of `agent` (made by it or assigned to it), oldest first.
    func recentEvents(of agent: String) -> [AgentActivity.Event] {
        (recentIndices[agent] ?? []).map { index in
            let change = changes[index]
            return AgentActivity.Event(
                time: change.stamp, kind: "task " + change.type, subject: change.taskId,
                what: (change.previous ?? "…") + " → " + (change.status ?? "…"))
        }
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
        status.reserveCapacity(changes.count / 2)
        // Counts are kept as the replay goes: one update per event, one copy per day.
        var counts: [String: Int] = [:]
        var result: [(Int64, [String: Int])] = []
        var index = 0
        for day in first...last {
            let end = (day + 1) * 86_400
            while index < changes.count, changes[index].time < end {
                let change = changes[index]
                let new = change.type == "removed" ? nil : change.status ?? status[change.taskId]
                if let old = status[change.taskId], old != new { counts[old, default: 0] -= 1 }
                if let new, status[change.taskId] != new { counts[new, default: 0] += 1 }
                status[change.taskId] = new
                index += 1
            }
            result.append((day, counts.filter { $0.value > 0 }))
        }
        return result
    }

    /// The Monday on or before `day` (day 0, 1970-01-01, was a Thursday).
    static func monday(of day: Int64) -> Int64 {
        let weekday = ((day + 3) % 7 + 7) % 7
        return day - weekday
    }
}
