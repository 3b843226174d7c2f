import Foundation

/// The normalised task statuses of DESIGN §3.2. The raw value is always kept beside it.
public enum TaskStatus: String, Sendable, CaseIterable, Codable {
    case todo
    case inProgress = "in_progress"
    case review
    case blocked
    case done
    case verified
    case cancelled

    /// Whether the task counts as finished (done or verified).
    public var isDone: Bool { self == .done || self == .verified }

    /// The normalised status for a raw board value, and whether the value was recognised.
    /// Unknown values count as `todo` (the caller warns once per value).
    public static func normalise(_ raw: String) -> (status: TaskStatus, recognised: Bool) {
        let key = raw.trimmingCharacters(in: .whitespaces).lowercased()
            .replacingOccurrences(of: "-", with: "_").replacingOccurrences(of: " ", with: "_")
        switch key {
        case "todo", "to_do", "pending", "open", "backlog", "new", "ready", "inbox": return (.todo, true)
        case "in_progress", "inprogress", "doing", "active", "started", "wip": return (.inProgress, true)
        case "review", "in_review", "inreview", "reviewing", "needs_review": return (.review, true)
        case "blocked", "on_hold", "onhold": return (.blocked, true)
        case "done", "completed", "complete", "closed", "finished", "resolved": return (.done, true)
        case "verified", "approved": return (.verified, true)
        case "cancelled", "canceled", "deferred", "wontfix", "won't_fix": return (.cancelled, true)
        default: return (.todo, false)
        }
    }

    /// A label for reports.
    public var label: String {
        switch self {
        case .todo: "To do"
        case .inProgress: "In progress"
        case .review: "Review"
        case .blocked: "Blocked"
        case .done: "Done"
        case .verified: "Verified"
        case .cancelled: "Cancelled"
        }
    }
}
