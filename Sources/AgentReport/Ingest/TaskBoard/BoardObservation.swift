import Foundation

/// Where a board version was observed: a commit of the board's history, or the working copy.
public struct BoardObservation: Sendable, Equatable {
    /// When: the commit's committer time, or "now" for the working copy (epoch seconds, UTC).
    public var time: Int64
    /// The agent that wrote this version: the board's `updatedBy`, else the commit's agent.
    public var changedBy: String?
    /// The commit hash, for versions replayed from history.
    public var commit: String?
    /// The board file as shown in reports and diagnostics.
    public var file: String?
    /// Whether the board has no git history to observe it by, so that a task first seen
    /// here takes the times it claims (`createdAt`, `completedAt`; never after `time`):
    /// DESIGN §3.2, "claimed times … used only where nothing better exists".
    public var usesClaimedTimes = false
    /// Whether no version of this board was observed before (a fresh install). A task first
    /// seen done on a first look, with neither a commit nor a claimed completion time, is
    /// not counted as completed: it was finished at an unknown time, not now.
    public var isFirstLook = false

    /// An observation at `time`.
    public init(time: Int64, changedBy: String? = nil, commit: String? = nil, file: String? = nil) {
        self.time = time
        self.changedBy = changedBy
        self.commit = commit
        self.file = file
    }
}
