import Foundation

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

    /// The events, as codes.
    private let log: TaskEventLog
    /// Positions (into the arrays above) in replay order: by time, ties by id.
    private let order: [Int32]
    /// Positions of the newest task events each agent (by `words` code) made or was
    /// assigned, at most `recentLimit`, oldest first.
    private let recentPositions: [Int32: [Int32]]

    /// The replay of `log` in time order (ties by storage order: the order events were recorded).
    init(_ log: TaskEventLog) {
        let times = log.times
        let taskCodes = log.taskCodes
        let typeCodes = log.typeCodes
        let statusCodes = log.statusCodes
        let assigneeCodes = log.assigneeCodes
        let changerCodes = log.changerCodes
        let fallbackCodes = log.fallbackCodes
        let tasks = log.tasks
        let words = log.words
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
            if (recent[agent]?.count ?? 0) > 2 * Self.recentLimit { recent[agent]?.removeFirst(Self.recentLimit) }
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
                completions.append(
                    Completion(
                        taskId: tasks.names[task], time: time, agent: agent >= 0 ? words.names[Int(agent)] : nil,
                        leadTime: firstCreated[task] == none ? nil : Double(time - firstCreated[task]),
                        cycleTime: firstStarted[task] == none ? nil : Double(time - firstStarted[task])))
            }
        }
        self.log = log
        self.order = order
        self.completions = completions
        recentPositions = recent.mapValues { Array($0.suffix(Self.recentLimit)) }
        var lastChange: [String: String] = [:]
        for (agent, position) in lastChangePosition {
            lastChange[words.names[Int(agent)]] = log.stamp(at: Int(position))
        }
        self.lastChange = lastChange
    }

    private var words: TextInterner { log.words }
    private var tasks: TextInterner { log.tasks }
    private var times: [Int64] { log.times }
    private var taskCodes: [Int32] { log.taskCodes }
    private var typeCodes: [Int32] { log.typeCodes }
    private var statusCodes: [Int32] { log.statusCodes }

    private func word(_ code: Int32) -> String? { code >= 0 ? words.names[Int(code)] : nil }

    /// The newest task events of `agent` (made by it or assigned to it), oldest first.
    func recentEvents(of agent: String) -> [AgentActivity.Event] {
        guard let code = words.existingCode(of: agent), let positions = recentPositions[code] else { return [] }
        return positions.map { position in
            let index = Int(position)
            return AgentActivity.Event(
                time: log.stamp(at: index),
                kind: "task " + (word(typeCodes[index]) ?? ""), subject: tasks.names[Int(taskCodes[index])],
                what: (word(log.previousCodes[index]) ?? "…") + " → " + (word(statusCodes[index]) ?? "…"))
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
