import Foundation

/// Every task event as compact codes, in storage order: what `TaskFlow` replays.
///
/// Task ids are interned in `tasks`; event types, statuses and agent ids in `words`
/// (-1 stands for NULL). The stored timestamp text of event `i` is kept as bytes,
/// `stampBytes[stampStarts[i]..<stampStarts[i + 1]]`, for the agent pages. Filled by
/// `ReportQueries.taskEventLog()` from the database, or from `Event` values in tests.
struct TaskEventLog {
    /// One event as plain values (a `task_events` row).
    struct Event {
        var taskId: String
        /// `created`, `updated`, `completed`, … (`task_events.event_type`).
        var type: String
        var previousStatus: String?
        var newStatus: String?
        /// The event's assignee.
        var assignee: String?
        /// `changed_by`.
        var changedBy: String?
        /// The stored time, `YYYY-MM-DD HH:MM:SS`.
        var timestamp: String
        /// For a completion with no assignee: the task's current assignee.
        var taskAssignee: String? = nil
    }

    private(set) var times: [Int64] = []
    private(set) var taskCodes: [Int32] = []
    private(set) var typeCodes: [Int32] = []
    private(set) var previousCodes: [Int32] = []
    private(set) var statusCodes: [Int32] = []
    private(set) var assigneeCodes: [Int32] = []
    private(set) var changerCodes: [Int32] = []
    private(set) var fallbackCodes: [Int32] = []
    private(set) var tasks = TextInterner()
    private(set) var words = TextInterner()
    private(set) var stampBytes: [UInt8] = []
    private(set) var stampStarts: [Int] = [0]

    /// An empty log.
    init() {}

    /// A log of `events`, in that order (events whose time cannot be read are left out).
    init(_ events: [Event]) {
        for event in events {
            var stamp = event.timestamp
            guard let time = UTCTime.parse(stamp) else { continue }
            times.append(time)
            taskCodes.append(tasks.code(of: event.taskId))
            typeCodes.append(words.code(of: event.type))
            previousCodes.append(event.previousStatus.map { words.code(of: $0) } ?? -1)
            statusCodes.append(event.newStatus.map { words.code(of: $0) } ?? -1)
            assigneeCodes.append(event.assignee.map { words.code(of: $0) } ?? -1)
            changerCodes.append(event.changedBy.map { words.code(of: $0) } ?? -1)
            let fallback = event.type == "completed" && event.assignee == nil ? event.taskAssignee : nil
            fallbackCodes.append(fallback.map { words.code(of: $0) } ?? -1)
            stamp.withUTF8 { stampBytes.append(contentsOf: $0) }
            stampStarts.append(stampBytes.count)
        }
    }

    /// Appends one event from column bytes (nil for NULL), its time already parsed.
    mutating func append(
        time: Int64, stamp: UnsafeBufferPointer<UInt8>, task: UnsafeBufferPointer<UInt8>?,
        type: UnsafeBufferPointer<UInt8>?, previous: UnsafeBufferPointer<UInt8>?, status: UnsafeBufferPointer<UInt8>?,
        assignee: UnsafeBufferPointer<UInt8>?, changer: UnsafeBufferPointer<UInt8>?,
        fallback: UnsafeBufferPointer<UInt8>?
    ) {
        times.append(time)
        taskCodes.append(task.map { tasks.code(of: $0) } ?? -1)
        typeCodes.append(type.map { words.code(of: $0) } ?? -1)
        previousCodes.append(previous.map { words.code(of: $0) } ?? -1)
        statusCodes.append(status.map { words.code(of: $0) } ?? -1)
        assigneeCodes.append(assignee.map { words.code(of: $0) } ?? -1)
        changerCodes.append(changer.map { words.code(of: $0) } ?? -1)
        fallbackCodes.append(fallback.map { words.code(of: $0) } ?? -1)
        stampBytes.append(contentsOf: stamp)
        stampStarts.append(stampBytes.count)
    }

    /// The number of events.
    var count: Int { times.count }

    /// The stored timestamp text of event `position`.
    func stamp(at position: Int) -> String {
        stampBytes.withUnsafeBufferPointer { buffer in
            String(
                decoding: UnsafeBufferPointer(rebasing: buffer[stampStarts[position]..<stampStarts[position + 1]]),
                as: UTF8.self)
        }
    }
}
