import Foundation

/// The "Sessions" section of an agent page: the session events its hook recorded
/// (`agentreport hook`: `SessionStart`, `SessionEnd`, `StopFailure`) over the last 7 days —
/// how many sessions started and ended, how many turns ended in an API error, and the
/// newest events with their reason.
extension AgentPages {
    /// Days of the section's window (today and the six before, as on the checks page).
    static let sessionDays = 7
    /// Events listed; the others are counted ("N more").
    static let sessionLimit = 10

    /// The section, or nil when there is nothing to say: no event in the window and no
    /// session event recorded for any agent (the hook is not installed, so "none" would
    /// say nothing about this agent). With the hook installed and no event in the window,
    /// the section is one line saying so.
    static func sessions(_ events: AgentSessionEvents, hookRecordsSessions: Bool, window: ReportWindow)
        -> SessionsView?
    {
        guard events.total > 0 || hookRecordsSessions else { return nil }
        let more = events.total - events.newest.count
        return SessionsView(
            window: window.range,
            summary: Figures.count(events.started, "session") + " started, \(events.ended) ended, "
                + Figures.count(events.failures, "turn") + " ended in an API error",
            started: events.started, ended: events.ended, failures: events.failures,
            recent: events.newest.map { event in
                SessionRow(
                    time: event.time, event: eventLabel(event.event), reason: event.reason ?? "—",
                    session: event.sessionId.isEmpty ? "—" : event.sessionId)
            },
            more: more > 0 ? more : nil)
    }

    /// "started", "ended", "API error" (a `StopFailure`: the turn ended in an API error).
    static func eventLabel(_ event: String) -> String {
        switch event {
        case "start": "started"
        case "end": "ended"
        case "failure": "API error"
        default: event
        }
    }
}
