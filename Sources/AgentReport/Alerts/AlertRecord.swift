import Foundation
import GRDB

/// One row of `alerts`, as `alerts list` shows it.
public struct AlertRecord: Sendable, Equatable {
    /// The row number (`alerts.id`), what `alerts ack 12` takes.
    public var id: Int64
    /// `alert_id`: unique per occurrence.
    public var alertId: String
    /// `<rule>:<subject>`; NULL for alerts stored by other tools.
    public var fingerprint: String?
    /// agent, task, system or performance.
    public var type: String
    /// info, warning, error or critical.
    public var severity: String
    /// The short title.
    public var title: String
    /// The sentence naming the evidence.
    public var message: String?
    /// `agentreport`, or where a metric-line alert came from.
    public var source: String?
    /// The evidence as JSON text.
    public var evidence: String?
    /// When it was opened.
    public var createdAt: String?
    /// The last build at which the condition held.
    public var lastSeenAt: String?
    /// Whether someone acknowledged it.
    public var acknowledged: Bool
    /// Who acknowledged it.
    public var acknowledgedBy: String?
    /// When.
    public var acknowledgedAt: String?
    /// Their note.
    public var acknowledgedNote: String?
    /// Whether it is resolved.
    public var resolved: Bool
    /// When it was resolved.
    public var resolvedAt: String?
    /// `agentreport`, or who resolved it by hand.
    public var resolvedBy: String?
    /// Until when a silence keeps it out of the open list.
    public var silencedUntil: String?

    /// The columns `init(row:)` reads.
    static let columns = """
        id, alert_id, fingerprint, type, severity, title, message, source, evidence, created_at, last_seen_at,
        acknowledged, acknowledged_by, acknowledged_at, acknowledged_note, resolved, resolved_at, resolved_by, silenced_until
        """

    /// A record of these values (tests, and alerts built without a row).
    init(
        id: Int64, alertId: String, fingerprint: String? = nil, type: String, severity: String, title: String,
        message: String? = nil, source: String? = nil, evidence: String? = nil, createdAt: String? = nil,
        lastSeenAt: String? = nil, acknowledged: Bool = false, acknowledgedBy: String? = nil,
        acknowledgedAt: String? = nil,
        acknowledgedNote: String? = nil, resolved: Bool = false, resolvedAt: String? = nil, resolvedBy: String? = nil,
        silencedUntil: String? = nil
    ) {
        self.id = id
        self.alertId = alertId
        self.fingerprint = fingerprint
        self.type = type
        self.severity = severity
        self.title = title
        self.message = message
        self.source = source
        self.evidence = evidence
        self.createdAt = createdAt
        self.lastSeenAt = lastSeenAt
        self.acknowledged = acknowledged
        self.acknowledgedBy = acknowledgedBy
        self.acknowledgedAt = acknowledgedAt
        self.acknowledgedNote = acknowledgedNote
        self.resolved = resolved
        self.resolvedAt = resolvedAt
        self.resolvedBy = resolvedBy
        self.silencedUntil = silencedUntil
    }

    /// The record of a row with `columns`.
    init(row: Row) {
        id = row["id"]
        alertId = row["alert_id"]
        fingerprint = row["fingerprint"]
        type = row["type"]
        severity = row["severity"]
        title = row["title"]
        message = row["message"]
        source = row["source"]
        evidence = row["evidence"]
        createdAt = row["created_at"]
        lastSeenAt = row["last_seen_at"]
        acknowledged = row["acknowledged"] ?? false
        acknowledgedBy = row["acknowledged_by"]
        acknowledgedAt = row["acknowledged_at"]
        acknowledgedNote = row["acknowledged_note"]
        resolved = row["resolved"] ?? false
        resolvedAt = row["resolved_at"]
        resolvedBy = row["resolved_by"]
        silencedUntil = row["silenced_until"]
    }

    /// `resolved`, `silenced`, `acknowledged` or `open`, as of `now`.
    public func state(now: Int64) -> String {
        if resolved { return "resolved" }
        if let silencedUntil, silencedUntil > UTCTime.format(now) { return "silenced" }
        return acknowledged ? "acknowledged" : "open"
    }

    /// The record as a JSON object (for `alerts list --json`).
    public func jsonObject(now: Int64) -> [String: Any] {
        var object: [String: Any] = [
            "id": id, "alert_id": alertId, "type": type, "severity": severity, "title": title,
            "state": state(now: now), "acknowledged": acknowledged, "resolved": resolved,
        ]
        let optional: [(String, String?)] = [
            ("fingerprint", fingerprint), ("message", message), ("source", source), ("created_at", createdAt),
            ("last_seen_at", lastSeenAt), ("acknowledged_by", acknowledgedBy), ("acknowledged_at", acknowledgedAt),
            ("acknowledged_note", acknowledgedNote), ("resolved_at", resolvedAt), ("resolved_by", resolvedBy),
            ("silenced_until", silencedUntil),
        ]
        for (key, value) in optional { object[key] = value ?? NSNull() }
        if let evidence, let parsed = try? JSONSerialization.jsonObject(with: Data(evidence.utf8)) {
            object["evidence"] = parsed
        } else {
            object["evidence"] = NSNull()
        }
        return object
    }

    /// One line for the terminal: `#12 error task-blocked:TASK-101 Task TASK-101 is blocked — …`.
    public func line(now: Int64) -> String {
        var text = "#\(id) [\(severity)] \(fingerprint ?? alertId): \(title)"
        let state = state(now: now)
        if state != "open" {
            var detail = state
            if state == "acknowledged", let acknowledgedBy { detail += " by \(acknowledgedBy)" }
            if state == "silenced", let silencedUntil { detail += " until \(silencedUntil)" }
            if state == "resolved", let resolvedAt {
                detail += " at \(resolvedAt)" + (resolvedBy.map { " by \($0)" } ?? "")
            }
            text += " (\(detail))"
        }
        if let message { text += "\n    " + message }
        return text
    }
}
