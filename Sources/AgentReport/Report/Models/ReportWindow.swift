import Foundation

/// The one window definition of the report: whole UTC calendar days ending with the day of
/// "now", cut at "now". "Last 7 days" is today (up to now) and the six days before; every
/// page and the weekly-velocity alert count with it, so figures that name the same window
/// agree everywhere. Anything dated after "now" is in no window.
struct ReportWindow: Sendable, Equatable {
    /// How many calendar days, today included.
    let days: Int
    /// The run's "now", epoch seconds: the end of the window (included).
    let now: Int64

    /// The start as stored text, `YYYY-MM-DD 00:00:00`.
    let startText: String
    /// "Now" as stored text.
    let endText: String

    /// The window of `days` days ending with the day of `now` (at least one day).
    init(days: Int, now: Int64) {
        self.days = max(days, 1)
        self.now = now
        // Formatted once: `contains(stored:)` runs for every commit of every tally (a render
        // profile showed the formatting at a fifth of its time when it was computed per call).
        startText = UTCTime.format((Figures.day(now) - Int64(max(days, 1)) + 1) * 86_400)
        endText = UTCTime.format(now)
    }

    /// The first day's number (days since 1970-01-01).
    var firstDay: Int64 { Figures.day(now) - Int64(days) + 1 }
    /// The last day's number: the day of "now".
    var lastDay: Int64 { Figures.day(now) }
    /// The first second of the window.
    var start: Int64 { firstDay * 86_400 }
    /// The day numbers, oldest first.
    var dayNumbers: [Int64] { Array(firstDay...lastDay) }

    /// Whether `time` falls in the window.
    func contains(_ time: Int64) -> Bool { time >= start && time <= now }

    /// Whether a stored `YYYY-MM-DD HH:MM:SS` time falls in the window (text comparison,
    /// which orders stored times).
    func contains(stored: String) -> Bool { stored >= startText && stored <= endText }

    /// `2026-03-14 to 2026-03-20`.
    var range: String { Figures.date(ofDay: firstDay) + " to " + Figures.date(ofDay: lastDay) }

    /// `last 7 days`.
    var label: String { days == 1 ? "today" : "last \(days) days" }

    /// The sentence each page states its windows with.
    static func definition(now: Int64) -> String {
        let week = ReportWindow(days: 7, now: now)
        return "Windows are UTC calendar days ending with today, cut at the report's time: "
            + "“last 7 days” is \(week.startText.prefix(16)) to \(week.endText.prefix(16)) UTC; "
            + "data dated later is not counted."
    }
}
