import Foundation

/// One row for the seed's `task_events` table.
public struct TaskEvent: Sendable, Equatable {
    /// The event types of DESIGN §3.2.
    public enum Kind: String, Sendable, CaseIterable {
        case created, assigned, updated, blocked, completed, verified, reopened, removed
    }

    public var taskId: String
    public var kind: Kind
    /// The normalised status before the change (nil for a task not known before).
    public var previousStatus: TaskStatus?
    /// The normalised status after the change (nil for `removed`).
    public var newStatus: TaskStatus?
    public var assignedTo: String?
    public var changedBy: String?
    /// JSON object: raw statuses, claimed times, commit.
    public var details: String
    /// Seconds since the epoch (UTC) when the change was observed.
    public var timestamp: Int64
}
