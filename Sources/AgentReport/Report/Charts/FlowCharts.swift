import Foundation

/// The task charts the index, tasks and velocity pages share. Every axis starts at the
/// first task event (the first data point), not at the start of a window the history does
/// not reach back to.
enum FlowCharts {
    /// Palette index of each task status, the same on every chart, each one distinct.
    static let statusColour: [TaskStatus: Int] = [
        .todo: 5, .inProgress: 0, .review: 4, .blocked: 3, .done: 2, .verified: 8, .cancelled: 6,
    ]

    /// Completed tasks per day over `window`.
    static func completedPerDay(_ flow: TaskFlow, in window: ReportWindow) -> SVGChart {
        let days = ChartLabels.trimmed(window, firstData: flow.firstEventTime)
        let points = flow.completedPerDay(in: window).filter { $0.day >= (days.first ?? window.firstDay) }
        let total = points.reduce(0) { $0 + $1.count }
        let best = points.max { $0.count < $1.count || ($0.count == $1.count && $0.day > $1.day) }
        var summary = "\(total) completed in the \(window.label) (\(window.range))"
        if days.count < window.days, let first = days.first {
            summary += "; the task history starts on \(Figures.date(ofDay: first))"
        }
        if let best, best.count > 0 { summary += "; most on \(Figures.date(ofDay: best.day)) (\(best.count))" }
        return SVGChart(
            fileName: "velocity-\(window.days)d.svg", title: "Completed tasks per day, \(window.label)",
            summary: summary + ".",
            kind: .bars, labels: ChartLabels.days(points.map(\.day)),
            series: [.init(name: "completed", values: points.map { Double($0.count) }, colour: 2)])
    }

    /// Completed tasks per week over the last `weeks` weeks, from the week of the first task event.
    static func completedPerWeek(_ flow: TaskFlow, weeks: Int, now: Int64) -> SVGChart {
        var points = flow.completedPerWeek(weeks: weeks, now: now)
        if let first = flow.firstEventTime.map({ TaskFlow.monday(of: Figures.day($0)) }) {
            points = points.filter { $0.monday >= first }
        }
        let total = points.reduce(0) { $0 + $1.count }
        let observedDays = flow.firstEventTime.map { Double(max(now - $0, 86_400)) / 86_400 } ?? Double(weeks * 7)
        let average = Double(total) * 7 / min(Double(weeks * 7), observedDays)
        return SVGChart(
            fileName: "velocity-weekly.svg", title: "Completed tasks per week, last \(weeks) weeks",
            summary:
                "\(total) completed in the \(points.count) weeks starting \(Figures.date(ofDay: points.first?.monday ?? 0)), \(Figures.fixed(average, 1)) a week over the observed time.",
            kind: .bars, labels: ChartLabels.days(points.map(\.monday)),
            series: [.init(name: "completed", values: points.map { Double($0.count) }, colour: 2)])
    }

    /// A cumulative flow diagram over `window`: the tasks in each status at the end of each
    /// day, stacked; finished bands keep the tasks that left the board finished.
    static func cumulativeFlow(_ flow: TaskFlow, in window: ReportWindow) -> SVGChart {
        let days = ChartLabels.trimmed(window, firstData: flow.firstEventTime)
        let points = flow.cumulativeFlow(in: window).filter { $0.day >= (days.first ?? window.firstDay) }
        let order: [TaskStatus] = [.verified, .done, .cancelled, .review, .inProgress, .blocked, .todo]
        let present = order.filter { status in points.contains { ($0.counts[status.rawValue] ?? 0) > 0 } }
        let last = points.last?.counts ?? [:]
        let description = present.map { "\($0.label.lowercased()) \(last[$0.rawValue] ?? 0)" }.joined(separator: ", ")
        return SVGChart(
            fileName: "cumulative-flow-\(window.days)d.svg", title: "Cumulative flow, \(window.label)",
            summary:
                "Tasks in each status at the end of each day, tasks finished and then taken off the board included; at the end of the last day: \(description.isEmpty ? "none" : description).",
            kind: .stackedBars, labels: ChartLabels.days(points.map(\.day)),
            series: present.map { status in
                .init(
                    name: status.label, values: points.map { Double($0.counts[status.rawValue] ?? 0) },
                    colour: statusColour[status] ?? 5)
            })
    }
}
