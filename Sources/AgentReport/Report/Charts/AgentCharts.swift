import Foundation

/// The charts of an agent's page.
enum AgentCharts {
    /// Status share per day (stacked to 100 %) and average cpu and memory per day.
    static func samples(_ days: AgentDays, stem: String, name: String) -> [SVGChart] {
        let window = days.window
        let labels = window.map { Figures.shortDate(ofDay: $0) }
        let observed = window.filter { days.days[$0] != nil }.count
        let range = "\(Figures.date(ofDay: window.first ?? 0)) to \(Figures.date(ofDay: window.last ?? 0))"
        let statusSeries = AgentDays.statuses.map { status in
            SVGChart.Series(
                name: status, values: window.map { days.days[$0]?.statusShare[status] },
                colour: AgentDays.colours[status] ?? 5)
        }.filter { $0.values.contains { ($0 ?? 0) > 0 } }
        let totals = AgentDays.statuses.map { status -> String in
            let values = window.compactMap { days.days[$0]?.statusShare[status] }
            let mean = values.isEmpty ? 0 : values.reduce(0, +) / Double(max(observed, 1))
            return "\(status) \(Figures.fixed(mean, 0)) %"
        }
        let status = SVGChart(
            fileName: "agent-\(stem)-status.svg", title: "Status of \(name) by day",
            summary:
                "Share of each day's observed time per status, \(range), \(observed) days with samples; on average \(totals.joined(separator: ", ")).",
            kind: .stackedBars, labels: labels, series: statusSeries, unit: " %", fixedMaximum: 100)
        let cpu = window.map { days.days[$0]?.avgCPU }
        let memory = window.map { days.days[$0]?.avgMemory }
        let peakCPU = cpu.compactMap { $0 }.max()
        let usage = SVGChart(
            fileName: "agent-\(stem)-cpu-memory.svg", title: "CPU and memory of \(name), daily average",
            summary:
                "Average cpu and memory use per day in percent, \(range); highest daily cpu average \(Figures.fixed(peakCPU, 1, suffix: " %")).",
            kind: .lines, labels: labels,
            series: [.init(name: "cpu %", values: cpu, colour: 0), .init(name: "memory %", values: memory, colour: 1)],
            unit: " %", fixedMaximum: 100)
        return [status, usage]
    }

    /// Commits per day over the `days` days ending with the day of `now`.
    static func commits(
        _ perDay: [CommitDay], agent: String, stem: String, days: Int, now: Int64
    ) -> SVGChart {
        let last = Figures.day(now)
        let first = last - Int64(days) + 1
        var counts = [Double](repeating: 0, count: days)
        for day in perDay {
            guard let seconds = UTCTime.parse(day.date) else { continue }
            let number = Figures.day(seconds)
            if number >= first, number <= last { counts[Int(number - first)] += Double(day.commits) }
        }
        let total = Int(counts.reduce(0, +))
        return SVGChart(
            fileName: "agent-\(stem)-commits.svg", title: "Commits of \(agent) per day, last \(days) days",
            summary: "\(total) commits from \(Figures.date(ofDay: first)) to \(Figures.date(ofDay: last)).",
            kind: .bars, labels: (first...last).map { Figures.shortDate(ofDay: $0) },
            series: [.init(name: "commits", values: counts, colour: 0)])
    }
}
