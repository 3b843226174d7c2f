import Foundation

/// One task as a board states it, normalised across board shapes.
public struct BoardTask: Sendable, Equatable {
    public var id: String
    public var title: String
    public var description: String?
    public var status: TaskStatus
    /// The status exactly as the board wrote it.
    public var rawStatus: String
    public var priority: String?
    /// The assignee's agent id; nil when unassigned or assigned to the whole team.
    public var assignedTo: String?
    public var dependencies: [String] = []
    public var tags: [String] = []
    /// Why the task is blocked (`blockers`, `blockedBy`), as text.
    public var blockers: [String] = []
    /// Times the board claims (createdAt, completedAt, …), kept but never trusted as event
    /// times: agents write rounded or invented timestamps.
    public var claimedTimes: [String: String] = [:]
    /// Every other key of the task (comments normalised), as compact JSON, so nothing the
    /// board said is lost.
    public var extra: [String: String] = [:]

    /// A task with the fields every shape has.
    public init(id: String, title: String, status: TaskStatus, rawStatus: String) {
        self.id = id
        self.title = title
        self.status = status
        self.rawStatus = rawStatus
    }

    /// The time the task claims for `field` (`.createdAt`, `.completedAt`…): the value of
    /// its first-preferred name (see `TaskField`) that is a time, with the name as written.
    func claimedTime(_ field: TaskField) -> (key: String, time: Int64)? {
        var best: (rank: Int, key: String, time: Int64)?
        for (key, value) in claimedTimes {
            guard let (owner, rank) = TaskField.field(ofKey: key), owner == field,
                let time = UTCTime.parse(value)
            else { continue }
            if let current = best, (current.rank, current.key) <= (rank, key) { continue }
            best = (rank, key, time)
        }
        return best.map { ($0.key, $0.time) }
    }

    /// The JSON kept in `tasks.details`: claimed times, extra keys, raw status.
    public var detailsJSON: String {
        var object = ["raw_status": BoardJSONText.string(rawStatus)]
        if !claimedTimes.isEmpty {
            object["claimed"] = BoardJSONText.object(claimedTimes.mapValues(BoardJSONText.string))
        }
        // Extra values are already JSON text: spliced in as they are, one JSON tree.
        if !extra.isEmpty { object["extra"] = BoardJSONText.object(extra) }
        return BoardJSONText.object(object)
    }
}
