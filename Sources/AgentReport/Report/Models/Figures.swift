import Foundation

/// Locale-free, fixed formatting of numbers and durations for the reports, so the same data
/// always gives the same bytes.
enum Figures {
    /// `value` with exactly `digits` decimals (half away from zero), e.g. `fixed(2.345, 1)` = "2.3".
    static func fixed(_ value: Double, _ digits: Int = 1) -> String {
        guard value.isFinite else { return "—" }
        var scale: Double = 1
        for _ in 0..<digits { scale *= 10 }
        let scaled = (abs(value) * scale).rounded(.toNearestOrAwayFromZero)
        guard scaled < 9e15 else { return value < 0 ? "-∞" : "∞" }
        let whole = Int64(scaled)
        let factor = Int64(scale)
        let sign = value < 0 && whole != 0 ? "-" : ""
        guard digits > 0 else { return sign + String(whole) }
        var fraction = String(whole % factor)
        while fraction.count < digits { fraction = "0" + fraction }
        return sign + String(whole / factor) + "." + fraction
    }

    /// An optional value, or "—" when there is none.
    static func fixed(_ value: Double?, _ digits: Int = 1, suffix: String = "") -> String {
        guard let value else { return "—" }
        return fixed(value, digits) + suffix
    }

    /// A duration in seconds as a short human form: "45 min", "3.5 h", "2.1 d".
    static func duration(_ seconds: Double?) -> String {
        guard let seconds, seconds.isFinite else { return "—" }
        if seconds < 3_600 { return fixed(seconds / 60, 0) + " min" }
        if seconds < 2 * 86_400 { return fixed(seconds / 3_600, 1) + " h" }
        return fixed(seconds / 86_400, 1) + " d"
    }

    /// `1 commit`, `3 commits`: a count and its noun.
    static func count(_ value: Int, _ noun: String, plural: String? = nil) -> String {
        "\(value) " + (value == 1 ? noun : plural ?? noun + "s")
    }

    /// A byte count as "512 MB", "1.5 GB".
    static func bytes(_ value: Int64?) -> String {
        guard let value else { return "—" }
        let units = ["B", "KB", "MB", "GB", "TB"]
        var amount = Double(value)
        var unit = 0
        while amount >= 1_000, unit < units.count - 1 {
            amount /= 1_000
            unit += 1
        }
        return (unit == 0 ? String(value) : fixed(amount, amount < 10 ? 1 : 0)) + " " + units[unit]
    }

    /// The nearest-rank percentile `p` (0…1) of `values`, or nil when there are none.
    static func percentile(_ p: Double, of values: [Double]) -> Double? {
        percentile(p, ofSorted: values.sorted())
    }

    /// `percentile(_:of:)` of values already sorted in ascending order.
    static func percentile(_ p: Double, ofSorted sorted: [Double]) -> Double? {
        guard !sorted.isEmpty else { return nil }
        let rank = Int((p * Double(sorted.count)).rounded(.up))
        return sorted[min(max(rank, 1), sorted.count) - 1]
    }

    /// The number of whole days since the epoch for a time in seconds.
    static func day(_ seconds: Int64) -> Int64 {
        seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
    }

    /// `YYYY-MM-DD` for a day number.
    static func date(ofDay day: Int64) -> String { UTCTime.formatDate(day * 86_400) }

    /// `MM-DD` for a day number, the short form chart axes use.
    static func shortDate(ofDay day: Int64) -> String { String(date(ofDay: day).dropFirst(5)) }

    /// Seconds for a stored `YYYY-MM-DD HH:MM:SS` text, or nil.
    static func seconds(_ stored: String?) -> Int64? { stored.flatMap { UTCTime.parse($0) } }
}
