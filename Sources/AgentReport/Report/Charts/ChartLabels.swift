import Foundation

/// Axis labels of the day and week charts.
enum ChartLabels {
    /// `MM-DD` for each day, or `YYYY-MM-DD` when the days cross a year (so a reader can
    /// tell December from the January after it).
    static func days(_ days: [Int64]) -> [String] {
        guard let first = days.first, let last = days.last else { return [] }
        let crossesYear = Figures.date(ofDay: first).prefix(4) != Figures.date(ofDay: last).prefix(4)
        return days.map { crossesYear ? Figures.date(ofDay: $0) : Figures.shortDate(ofDay: $0) }
    }

    /// `HH:MM` for times within one day, `MM-DD HH:MM` otherwise.
    static func times(_ times: [Int64]) -> [String] {
        guard let first = times.first, let last = times.last else { return [] }
        let sameDay = Figures.day(first) == Figures.day(last)
        return times.map { time in
            let text = UTCTime.format(time)
            return sameDay ? String(text.dropFirst(11).prefix(5)) : String(text.dropFirst(5).prefix(11))
        }
    }

    /// The days of `window` from the first data point on: a chart's axis starts where its
    /// data starts, not weeks of blank before it. `firstData` nil (no data) keeps the window.
    static func trimmed(_ window: ReportWindow, firstData: Int64?) -> [Int64] {
        guard let firstData else { return window.dayNumbers }
        let first = max(window.firstDay, min(Figures.day(firstData), window.lastDay))
        return Array(first...window.lastDay)
    }
}
