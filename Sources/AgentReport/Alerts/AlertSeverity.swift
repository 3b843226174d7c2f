/// Alert severities of the seed schema, least to most severe.
public enum AlertSeverity: String, Sendable, CaseIterable, Comparable {
    case info, warning, error, critical

    /// Sort rank: higher is more severe; unknown severities (from metric lines) rank as warning.
    public static func rank(of text: String) -> Int {
        (allCases.firstIndex { $0.rawValue == text }) ?? 1
    }

    public static func < (a: AlertSeverity, b: AlertSeverity) -> Bool { rank(of: a.rawValue) < rank(of: b.rawValue) }
}
