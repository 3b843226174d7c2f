import Foundation
import GRDB
import GRDBSQLite

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

    let completions: [Completion]
    /// The time of the latest task event each agent made (`changed_by`).
    let lastChange: [String: String]
    /// How many task events per agent are kept for the agent pages.
    static let recentLimit = 100

    /// Every event, in storage order, as codes: `tasks` interns task ids, `words` event
    /// types, statuses and agent ids (-1 for NULL).
    private let times: [Int64]
    private let taskCodes: [Int32]
    private let typeCodes: [Int32]
    private let previousCodes: [Int32]
    private let statusCodes: [Int32]
    private let tasks: TextInterner
    private let words: TextInterner
    /// The stored `timestamp` text of every event, `stampStarts[i]..<stampStarts[i + 1]`.
    private let stampBytes: [UInt8]
    private let stampStarts: [Int]
    /// Positions (into the arrays above) in replay order: by time, ties by id.
    private let order: [Int32]
    /// Positions of the newest task events each agent (by `words` code) made or was
    /// assigned, at most `recentLimit`, oldest first.
    private let recentPositions: [Int32: [Int32]]

    /// Reads every event once (through the SQLite C API: 110 000 events for a 50-agent
    /// year, where building a `Row` and six `String`s per event cost more than the replay),
    /// then replays them in time order (ties by id: the order they were recorded).
    init(_ db: Database) throws {
        var tasks = TextInterner()
        var words = TextInterner()
        var times: [Int64] = []
        var taskCodes: [Int32] = []
        var typeCodes: [Int32] = []
        var previousCodes: [Int32] = []
        var statusCodes: [Int32] = []
        var assigneeCodes: [Int32] = []
        var changerCodes: [Int32] = []
        var fallbackCodes: [Int32] = []
        var stampBytes: [UInt8] = []
        var stampStarts: [Int] = [0]
        // Storage order is id order (no sorter); the sort by time is done here on integers,
        // as no index orders task_events by time alone.
        let statement = try db.makeStatement(sql: """
            SELECT e.task_id, e.event_type, e.previous_status, e.new_status, e.assigned_to, e.changed_by, e.timestamp,
                   CASE WHEN e.event_type = 'completed' AND e.assigned_to IS NULL
                        THEN (SELECT t.assigned_to FROM tasks t WHERE t.task_id = e.task_id) END
            FROM task_events e ORDER BY e.id
            """)
        let raw = statement.sqliteStatement
        /// The text of a column as GRDB reads it (up to a NUL), nil for NULL.
        func text(_ column: Int32) -> UnsafeBufferPointer<UInt8>? {
            guard sqlite3_column_type(raw, column) != SQLITE_NULL, let pointer = sqlite3_column_text(raw, column) else { return nil }
            return UnsafeBufferPointer(start: pointer, count: strlen(pointer))
        }
        func code(_ column: Int32, in interner: inout TextInterner) -> Int32 {
            text(column).map { interner.code(of: $0) } ?? -1
        }
        try statement.forEachRawRow(in: db) {
            guard var stamp = text(6) else { return }
            // UTCTime.parse(String) ignores surrounding blanks; so does this.
            while let last = stamp.last, last == 0x20 || last == 0x09 { stamp = UnsafeBufferPointer(rebasing: stamp.dropLast()) }
            var trimmed = stamp
            while let first = trimmed.first, first == 0x20 || first == 0x09 { trimmed = UnsafeBufferPointer(rebasing: trimmed.dropFirst()) }
            guard let time = UTCTime.parse(trimmed) else { return }
            times.append(time)
            taskCodes.append(code(0, in: &tasks))
            typeCodes.append(code(1, in: &words))
            previousCodes.append(code(2, in: &words))
            statusCodes.append(code(3, in: &words))
            assigneeCodes.append(code(4, in: &words))
            changerCodes.append(code(5, in: &words))
            fallbackCodes.append(code(7, in: &words))
            // The stored text as it was (blanks included), for the agent pages.
            if let full = text(6) { stampBytes.append(contentsOf: full) }
            stampStarts.append(stampBytes.count)
        }
        let keys = times
        let order = (0..<Int32(keys.count)).sorted { (keys[Int($0)], $0) < (keys[Int($1)], $1) }

        let created = words.existingCode(of: "created")
        let completed = words.existingCode(of: "completed")
        let inProgress = words.existingCode(of: TaskStatus.inProgress.rawValue)
        let none = Int64.min
        var firstCreated = [Int64](repeating: none, count: tasks.names.count)
        var firstStarted = [Int64](repeating: none, count: tasks.names.count)
        var recent: [Int32: [Int32]] = [:]
        var lastChangePosition: [Int32: Int32] = [:]
        var completions: [Completion] = []
        func remember(_ position: Int32, for agent: Int32) {
            recent[agent, default: []].append(position)
            if recent[agent]!.count > 2 * Self.recentLimit { recent[agent]!.removeFirst(Self.recentLimit) }
        }
        for position in order {
            let index = Int(position)
            let task = Int(taskCodes[index])
            let type = typeCodes[index]
            let time = times[index]
            let assignee = assigneeCodes[index]
            let changer = changerCodes[index]
            if assignee >= 0 { remember(position, for: assignee) }
            if changer >= 0, changer != assignee { remember(position, for: changer) }
            if type == created, firstCreated[task] == none { firstCreated[task] = time }
            if statusCodes[index] == inProgress, firstStarted[task] == none { firstStarted[task] = time }
            if changer >= 0 { lastChangePosition[changer] = position }
            if type == completed {
                let agent = assignee >= 0 ? assignee : fallbackCodes[index]
                completions.append(Completion(
                    taskId: tasks.names[task], time: time, agent: agent >= 0 ? words.names[Int(agent)] : nil,
                    leadTime: firstCreated[task] == none ? nil : Double(time - firstCreated[task]),
                    cycleTime: firstStarted[task] == none ? nil : Double(time - firstStarted[task])))
            }
        }
        self.times = times
        self.taskCodes = taskCodes
        self.typeCodes = typeCodes
        self.previousCodes = previousCodes
        self.statusCodes = statusCodes
        self.stampBytes = stampBytes
        self.stampStarts = stampStarts
        self.order = order
        self.completions = completions
        recentPositions = recent.mapValues { Array($0.suffix(Self.recentLimit)) }
        var lastChange: [String: String] = [:]
        for (agent, position) in lastChangePosition {
            lastChange[words.names[Int(agent)]] = Self.stamp(at: Int(position), bytes: stampBytes, starts: stampStarts)
        }
        self.lastChange = lastChange
        self.tasks = tasks
        self.words = words
    }

    private static func stamp(at position: Int, bytes: [UInt8], starts: [Int]) -> String {
        bytes.withUnsafeBufferPointer { buffer in
            String(decoding: UnsafeBufferPointer(rebasing: buffer[starts[position]..<starts[position + 1]]), as: UTF8.self)
        }
    }

    private func word(_ code: Int32) -> String? { code >= 0 ? words.names[Int(code)] : nil }

    /// The newest task events of `agent` (made by it or assigned to it), oldest first.
    func recentEvents(of agent: String) -> [AgentActivity.Event] {
        guard let code = words.existingCode(of: agent), let positions = recentPositions[code] else { return [] }
        return positions.map { position in
            let index = Int(position)
            return AgentActivity.Event(
                time: Self.stamp(at: index, bytes: stampBytes, starts: stampStarts),
                kind: "task " + (word(typeCodes[index]) ?? ""), subject: tasks.names[Int(taskCodes[index])],
                what: (word(previousCodes[index]) ?? "…") + " → " + (word(statusCodes[index]) ?? "…"))
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
        let removed = words.existingCode(of: "removed")
        // Status code of each task (-1: not on the board); counts per status code, kept as
        // the replay goes: one update per event, one copy per day.
        var status = [Int32](repeating: -1, count: tasks.names.count)
        var counts = [Int](repeating: 0, count: words.names.count)
        var result: [(Int64, [String: Int])] = []
        var next = 0
        for day in first...last {
            let end = (day + 1) * 86_400
            while next < order.count, times[Int(order[next])] < end {
                let index = Int(order[next])
                let task = Int(taskCodes[index])
                let old = status[task]
                let new = typeCodes[index] == removed ? -1 : statusCodes[index] >= 0 ? statusCodes[index] : old
                if old != new {
                    if old >= 0 { counts[Int(old)] -= 1 }
                    if new >= 0 { counts[Int(new)] += 1 }
                }
                status[task] = new
                next += 1
            }
            var snapshot: [String: Int] = [:]
            for (code, count) in counts.enumerated() where count > 0 { snapshot[words.names[code]] = count }
            result.append((day, snapshot))
        }
        return result
    }

    /// The Monday on or before `day` (day 0, 1970-01-01, was a Thursday).
    static func monday(of day: Int64) -> Int64 {
        let weekday = ((day + 3) % 7 + 7) % 7
        return day - weekday
    }
}
