import Foundation

/// The task charts the index, tasks and velocity pages share.
enum FlowCharts {
    /// Palette index of each task status, the same on every chart.
    static let statusColour: [TaskStatus: Int] = [
        .todo: 5, .inProgress: 0, .review: 4, .blocked: 3, .done: 2, .verified: 7, .cancelled: 1,
    ]

    /// Completed tasks per day over `days` days.
    static func completedPerDay(_ flow: TaskFlow, days: Int, now: Int64) -> SVGChart {
        let points = flow.completedPerDay(days: days, now: now)
        let total = points.reduce(0) { $0 + $1.count }
        let best = points.max { $0.count < $1.count || ($0.count == $1.count && $0.day > $1.day) }
        var summary = "\(total) completed in the \(days) days from \(Figures.date(ofDay: points.first?.day ?? 0)) to \(Figures.date(ofDay: points.last?.day ?? 0))"
        if let best, best.count > 0 { summary += "; most on \(Figures.date(ofDay: best.day)) (\(best.count))" }
        return SVGChart(
            fileName: "velocity-\(days)d.svg", title: "Completed tasks per day, last \(days) days", summary: summary + ".",
            kind: .bars, labels: points.map { Figures.shortDate(ofDay: $0.day) },
            series: [.init(name: "completed", values: points.map { Double($0.count) }, colour: 2)])
    }

    /// Completed tasks per week over `weeks` weeks.
    static func completedPerWeek(_ flow: TaskFlow, weeks: Int, now: Int64) -> SVGChart {
        let points = flow.completedPerWeek(weeks: weeks, now: now)
        let total = points.reduce(0) { $0 + $1.count }
        let average = Double(total) / Double(max(weeks, 1))
        return SVGChart(
            fileName: "velocity-weekly.svg", title: "Completed tasks per week, last \(weeks) weeks",
            summary: "\(total) completed in \(weeks) weeks starting \(Figures.date(ofDay: points.first?.monday ?? 0)), \(Figures.fixed(average, 1)) a week on average.",
            kind: .bars, labels: points.map { Figures.shortDate(ofDay: $0.monday) },
            series: [.init(name: "completed", values: points.map { Double($0.count) }, colour: 2)])
    }

    /// Tasks per status at the end of each day (cumulative flow), stacked.
    static func cumulativeFlow(_ flow: TaskFlow, days: Int, now: Int64) -> SVGChart {
        let points = flow.cumulativeFlow(days: days, now: now)
        let order: [TaskStatus] = [.verified, .done, .review, .inProgress, .blocked, .todo, .cancelled]
        let present = order.filter { status in points.contains { ($0.counts[status.rawValue] ?? 0) > 0 } }
        let last = points.last?.counts ?? [:]
        let description = present.map { "\($0.label.lowercased()) \(last[$0.rawValue] ?? 0)" }.joined(separator: ", ")
        return SVGChart(
            fileName: "cumulative-flow-\(days)d.svg", title: "Cumulative flow, last \(days) days",
            summary: "Tasks in each status at the end of each day; at the end of the last day: \(description.isEmpty ? "none" : description).",
            kind: .stackedBars, labels: points.map { Figures.shortDate(ofDay: $0.day) },
            series: present.map { status in
                .init(name: status.label, values: points.map { Double($0.counts[status.rawValue] ?? 0) },
                      colour: statusColour[status] ?? 5)
            })
    }
}
