import Foundation

/// One progress-log entry: who, when, what (DESIGN §3.3).
public struct ProgressEntry: Sendable, Equatable {
    /// Identifies the entry wherever it is read (working copy, any branch): agent, time and
    /// a hash of the body with its whitespace collapsed.
    public var key: String
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

    /// The key of an entry: stable across files and runs.
    public static func key(agentId: String, timestamp: Int64, body: String) -> String {
        let normalised = body.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }).joined(separator: " ")
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325  // FNV-1a: deterministic across runs and machines
        for byte in normalised.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return "\(agentId)|\(UTCTime.format(timestamp))|\(String(repeating: "0", count: 16 - hex.count))\(hex)"
    }
}
