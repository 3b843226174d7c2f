import Foundation
import GRDB

/// The `velocity` page: completed per day and per week, per agent over 30/90/365 days, lead
/// and cycle time percentiles, cumulative flow.
enum VelocityPage {
    /// The windows the page compares, in days.
    static let windows = [30, 90, 365]

    /// The page and its charts.
    static func build(_ data: ReportData) throws -> ReportPage {
        let path = "velocity"
        var context = try data.common(path: path)
        let charts = [
            FlowCharts.completedPerDay(data.flow, days: 30, now: data.now),
            FlowCharts.completedPerDay(data.flow, days: 90, now: data.now),
            FlowCharts.completedPerWeek(data.flow, weeks: 52, now: data.now),
            FlowCharts.cumulativeFlow(data.flow, days: 90, now: data.now),
        ]
        for (key, chart) in zip(["daily30", "daily90", "weekly", "flow"], charts) {
            if let reference = chart.reference(from: path) { context[key] = reference }
        }
        context["timings"] = timingRows(data)
        let weeks = data.flow.completedPerWeek(weeks: 12, now: data.now).reversed()
        context["weeks"] = weeks.map { ["monday": Figures.date(ofDay: $0.monday), "count": $0.count] }
        context["agents"] = agentRows(data, from: path)
        context["hasAgents"] = !(context["agents"] as? [Any] ?? []).isEmpty
        context["hasCompletions"] = !data.flow.completions.isEmpty
        return ReportPage(path: path, template: "velocity", title: "Velocity", context: context, charts: charts)
    }

    /// One row per window: completed, per week, lead and cycle time median and p90.
    static func timingRows(_ data: ReportData) -> [[String: Any]] {
        windows.map { days in
            let done = data.flow.completions(from: data.now - Int64(days) * 86_400, to: data.now + 1)
            let lead = done.compactMap(\.leadTime)
            let cycle = done.compactMap(\.cycleTime)
            return [
                "days": days, "completed": done.count, "perWeek": Figures.fixed(Double(done.count) * 7 / Double(days), 1),
                "leadMedian": Figures.duration(Figures.percentile(0.5, of: lead)),
                "leadP90": Figures.duration(Figures.percentile(0.9, of: lead)),
                "cycleMedian": Figures.duration(Figures.percentile(0.5, of: cycle)),
                "cycleP90": Figures.duration(Figures.percentile(0.9, of: cycle)),
                "measured": "\(lead.count)/\(cycle.count)",
            ]
        }
    }

    /// Completions per agent in each window, agents with none in a year left out.
    static func agentRows(_ data: ReportData, from path: String) -> [[String: Any]] {
        var counts: [String: [Int]] = [:]
        for completion in data.flow.completions {
            let age = data.now - completion.time
            guard age >= 0, age < 365 * 86_400 else { continue }
            let key = completion.agent ?? ""
            var row = counts[key] ?? [0, 0, 0]
            for (index, days) in windows.enumerated() where age < Int64(days) * 86_400 { row[index] += 1 }
            counts[key] = row
        }
        return counts.keys.sorted().map { key in
            let row = counts[key] ?? [0, 0, 0]
            return ["agent": data.agents.link(key.isEmpty ? nil : key, from: path), "d30": row[0], "d90": row[1], "d365": row[2]]
        }
    }
}
