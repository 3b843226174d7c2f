import Foundation

/// The newest session event each agent's hook recorded (`kind: session` lines of today's
/// and yesterday's `metrics/hook-YYYY-MM-DD.jsonl`): whether its last turn ended in an API
/// error (`event: failure`, Claude Code's `StopFailure`) — the collector's own files, read
/// from their end only.
struct RecentSessionEvents {
    /// One session event.
    struct Event: Sendable, Equatable {
        /// `start`, `end` or `failure`.
        var event: String
        /// Seconds since 1970.
        var time: Int64
        /// `SessionStart`'s source, `SessionEnd`'s reason or `StopFailure`'s error type.
        var reason: String?
    }

    /// The newest event per agent id.
    private(set) var newest: [String: Event] = [:]

    /// Reads the hook files of `now`'s UTC day and the day before from `appender`'s folder.
    init(hookFiles appender: MetricLineAppender, now: Int64) {
        for time in [now - 86_400, now] {
            guard let tail = try? InputFile.readTail(appender.file(for: time), maximum: 1 << 20) else { continue }
            for line in SessionLogActivity.completeLines(of: tail) {
                // Cheap filter before any parse: most hook lines are checks.
                guard line.data.range(of: Data("\"session\"".utf8)) != nil, let object = line.object,
                    object["kind"] as? String == "session", let agent = object["agent_id"] as? String,
                    let event = object["event"] as? String,
                    let time = (object["timestamp"] as? String).flatMap({ UTCTime.parse($0) })
                else { continue }
                if newest[agent].map({ time >= $0.time }) ?? true {
                    newest[agent] = Event(event: event, time: time, reason: object["reason"] as? String)
                }
            }
        }
    }
}
