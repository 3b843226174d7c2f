import Foundation

/// One open alert as the reader should see it: the occurrences of one alert (same
/// fingerprint — a collector repeating "MCP server restarted" every hour) gathered into one,
/// with the most severe severity, the newest sentence, when the condition began, and how
/// many times it was reported.
struct OpenAlertGroup: Sendable, Equatable {
    /// The occurrences, most urgent first (as the open list orders them).
    var alerts: [AlertRecord]

    /// The open alerts grouped by fingerprint (alerts without one stand alone), in the order
    /// of each group's most urgent occurrence.
    static func grouping(_ open: [AlertRecord]) -> [OpenAlertGroup] {
        var order: [String] = []
        var groups: [String: [AlertRecord]] = [:]
        for alert in open {
            let key = alert.fingerprint ?? "#\(alert.id)"
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(alert)
        }
        return order.map { OpenAlertGroup(alerts: groups[$0] ?? []) }
    }

    /// The newest occurrence.
    var latest: AlertRecord {
        alerts.max { ($0.createdAt ?? "", $0.id) < ($1.createdAt ?? "", $1.id) } ?? alerts[0]
    }

    /// The most severe severity of the occurrences.
    var severity: String {
        alerts.map(\.severity).max { AlertSeverity.rank(of: $0) < AlertSeverity.rank(of: $1) } ?? "warning"
    }

    /// When the condition began: the earliest condition start (or opening) of the occurrences.
    var since: String? {
        alerts.compactMap { $0.conditionSince ?? $0.createdAt }.min()
    }

    /// How many times it was reported.
    var count: Int { alerts.count }

    /// The sentence that says what is wrong: the newest occurrence's message, else its title,
    /// ending in a full stop.
    var sentence: String {
        let message = (latest.message ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let text = message.isEmpty ? latest.title : message
        // Collectors' messages often have no full stop; the "Since …" that follows needs one.
        return text.last.map { ".!?".contains($0) } ?? true ? text : text + "."
    }
}
