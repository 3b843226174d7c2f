import Foundation
import GRDB

/// Named queries over the `alerts` table and their template values.
enum AlertQueries {
    /// Severities from the most to the least urgent.
    static let severities = ["critical", "error", "warning", "info"]

    /// SQL ordering by urgency, then newest first, then id.
    static let urgency = """
        CASE severity WHEN 'critical' THEN 0 WHEN 'error' THEN 1 WHEN 'warning' THEN 2 WHEN 'info' THEN 3 ELSE 4 END,
        created_at DESC, id DESC
        """

    /// Open alerts: not resolved, not acknowledged, not silenced at `now`.
    static func open(_ db: Database, now: Int64) throws -> [Row] {
        try Row.fetchAll(db, sql: """
            SELECT * FROM alerts WHERE COALESCE(resolved, 0) = 0 AND COALESCE(acknowledged, 0) = 0
              AND (silenced_until IS NULL OR silenced_until <= ?)
            ORDER BY \(urgency)
            """, arguments: [UTCTime.format(now)])
    }

    /// Template values of one alert row, for a page at `path`.
    static func values(_ row: Row, data: ReportData, from path: String) -> [String: Any] {
        let created: String? = row["created_at"]
        var values: [String: Any] = [
            "id": row["id"] as Int64, "alertId": row["alert_id"] as String? ?? "", "severity": row["severity"] as String? ?? "",
            "type": row["type"] as String? ?? "", "title": row["title"] as String? ?? "",
            "message": row["message"] as String? ?? "", "source": row["source"] as String? ?? "—",
            "createdAt": created ?? "—", "age": data.ago(created),
            "evidence": evidence(row["evidence"]),
            "acknowledgedBy": row["acknowledged_by"] as String? ?? "—", "acknowledgedAt": row["acknowledged_at"] as String? ?? "—",
            "note": row["acknowledged_note"] as String? ?? "", "resolvedAt": row["resolved_at"] as String? ?? "—",
            "resolvedBy": row["resolved_by"] as String? ?? "—", "silencedUntil": row["silenced_until"] as String? ?? "—",
            "lastSeen": row["last_seen_at"] as String? ?? "—",
        ]
        let resolved = (row["resolved"] as Bool?) ?? false
        let acknowledged = (row["acknowledged"] as Bool?) ?? false
        let silenced = Figures.seconds(row["silenced_until"]).map { $0 > data.now } ?? false
        values["state"] = resolved ? "resolved" : acknowledged ? "acknowledged" : silenced ? "silenced" : "open"
        return values
    }

    /// The evidence JSON as one line of text (`key: value; …` for an object).
    static func evidence(_ json: String?) -> String {
        guard let json, !json.isEmpty else { return "—" }
        guard let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) else { return json }
        if let dictionary = object as? [String: Any] {
            return dictionary.keys.sorted().map { key in "\(key): \(describe(dictionary[key]))" }.joined(separator: "; ")
        }
        return describe(object)
    }

    private static func describe(_ value: Any?) -> String {
        switch value {
        case let text as String: return text
        case let number as NSNumber: return number.stringValue
        case let array as [Any]: return array.map { describe($0) }.joined(separator: ", ")
        case .some(let other): return JSONSupport.encode(other)
        case .none: return "—"
        }
    }
}
