import Foundation

/// One progress-log entry: who, when, what (DESIGN §3.3).
public struct ProgressEntry: Sendable, Equatable {
    /// Identifies the entry wherever it is read (working copy, any branch, a moved or copied
    /// workspace): the log's path relative to the workspace, the heading's agent and time,
    /// and its position among the entries with that same heading (see `key(path:agentId:timestamp:position:)`).
    public var key: String
    /// The log's path relative to the workspace (`coordination/progress-log.md`): never absolute
    /// when the log is inside the workspace, so the key survives moving it.
    public var path: String
    /// 0 for the first entry with this heading (agent and time) in the log, 1 for the next…
    public var position: Int
    public var agentId: String
    /// The name the heading used, when it is not the id itself ("Master Orchestrator").
    public var agentName: String?
    /// Seconds since the epoch, UTC.
    public var timestamp: Int64
    /// The first line of the body, for lists.
    public var title: String?
    /// The body as written (its own headings included), secrets redacted.
    public var body: String
    /// Task ids the body mentions, in order of first mention.
    public var taskIds: [String]
    /// The 1-based line of the entry's heading.
    public var line: Int

    /// The key of an entry: `<path>|<agent>|<YYYY-MM-DD HH:MM:SS>|<position>`. The body is
    /// not part of it, so an entry its agent edits or appends to is the same entry, updated.
    public static func key(path: String, agentId: String, timestamp: Int64, position: Int) -> String {
        "\(path)|\(agentId)|\(UTCTime.format(timestamp))|\(position)"
    }
}
