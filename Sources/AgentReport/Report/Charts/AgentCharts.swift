import Foundation

/// The charts of an agent's page.
enum AgentCharts {
    /// Status share per day (stacked to 100 %) and cpu and memory per day (the daily mean
    /// and the daily highest), from the first day with samples.
    static func samples(_ days: AgentDays, stem: String, name: String) -> [SVGChart] {
        let window = days.observedWindow
        let labels = ChartLabels.days(window)
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
        let peakCPU = window.compactMap { days.days[$0]?.maxCPU ?? days.days[$0]?.avgCPU }.max()
        let peakMemory = window.compactMap { days.days[$0]?.maxMemory ?? days.days[$0]?.avgMemory }.max()
        let usage = SVGChart(
            fileName: "agent-\(stem)-cpu-memory.svg", title: "CPU and memory of \(name) by day: mean and highest",
            summary:
                "Daily mean and daily highest cpu and memory use in percent, \(range); highest cpu \(Figures.fixed(peakCPU, 1, suffix: " %")), highest memory \(Figures.fixed(peakMemory, 1, suffix: " %")).",
            kind: .lines, labels: labels,
            series: [
                .init(name: "cpu mean", values: window.map { days.days[$0]?.avgCPU }, colour: 0),
                .init(name: "cpu highest", values: window.map { days.days[$0]?.maxCPU }, colour: 4),
                .init(name: "memory mean", values: window.map { days.days[$0]?.avgMemory }, colour: 1),
                .init(name: "memory highest", values: window.map { days.days[$0]?.maxMemory }, colour: 6),
            ],
            unit: " %", fixedMaximum: 100)
        return [status, usage]
    }

    /// CPU and memory of every sample of the last 24 hours.
    static func lastDay(_ samples: [AgentSample], stem: String, name: String, now: Int64) -> SVGChart {
        let times = samples.compactMap { UTCTime.parse($0.time) }
        let kept = zip(samples, times).map(\.0)
        let peakCPU = kept.compactMap(\.cpu).max()
        let peakMemory = kept.compactMap(\.memoryPercent).max()
        return SVGChart(
            fileName: "agent-\(stem)-24h.svg", title: "CPU and memory of \(name), last 24 hours",
            summary:
                "\(kept.count) samples from \(UTCTime.format(now - 86_400)) to \(UTCTime.format(now)) UTC; highest cpu \(Figures.fixed(peakCPU, 1, suffix: " %")), highest memory \(Figures.fixed(peakMemory, 1, suffix: " %")).",
            kind: .lines, labels: ChartLabels.times(times),
            series: [
                .init(name: "cpu %", values: kept.map(\.cpu), colour: 0),
                .init(name: "memory %", values: kept.map(\.memoryPercent), colour: 1),
            ],
            unit: " %", fixedMaximum: 100)
    }

    /// Commits (merges apart) per day over `window`.
    static func commits(_ perDay: [CommitDay], agent: String, stem: String, window: ReportWindow) -> SVGChart {
        var counts = [Double](repeating: 0, count: window.days)
        for day in perDay {
            guard let seconds = UTCTime.parse(day.date) else { continue }
            let number = Figures.day(seconds)
            if number >= window.firstDay, number <= window.lastDay {
                counts[Int(number - window.firstDay)] += Double(day.commits)
            }
        }
        let total = Int(counts.reduce(0, +))
        return SVGChart(
            fileName: "agent-\(stem)-commits.svg", title: "Commits of \(agent) per day, \(window.label)",
            summary: "\(total) commits, merges apart, \(window.range).",
            kind: .bars, labels: ChartLabels.days(window.dayNumbers),
            series: [.init(name: "commits", values: counts, colour: 0)])
    }
}
