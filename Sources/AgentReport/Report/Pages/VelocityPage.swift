import Foundation

/// The `velocity` page: completed per day and per week, per agent over 30/90/365 days, lead
/// and cycle time percentiles, cumulative flow. Built from the shared facts alone.
enum VelocityPage {
    /// The windows the page compares, in days.
    static let windows = [30, 90, 365]

    /// Completions of one week.
    struct Week: TemplateView {
        /// The week's Monday, `YYYY-MM-DD`.
        var monday: String
        var count: Int

        func value(named name: String) -> Any? {
            switch name {
            case "monday": monday
            case "count": count
            default: nil
            }
        }
    }

    /// Completions of one agent in each window.
    struct AgentRow: TemplateView {
        var agent: AgentLink
        var d30: Int
        var d90: Int
        var d365: Int

        func value(named name: String) -> Any? {
            switch name {
            case "agent": agent
            case "d30": d30
            case "d90": d90
            case "d365": d365
            default: nil
            }
        }
    }

    /// What `velocity.md.mustache` sees.
    struct View: TemplateView {
        var daily30: ChartReference?
        var daily90: ChartReference?
        var weekly: ChartReference?
        var flow: ChartReference?
        var timings: [TimingRow]
        /// The last 12 weeks, newest first.
        var weeks: [Week]
        var agents: [AgentRow]
        var hasAgents: Bool
        var hasCompletions: Bool

        func value(named name: String) -> Any? {
            switch name {
            case "daily30": daily30
            case "daily90": daily90
            case "weekly": weekly
            case "flow": flow
            case "timings": timings
            case "weeks": weeks
            case "agents": agents
            case "hasAgents": hasAgents
            case "hasCompletions": hasCompletions
            default: nil
            }
        }
    }

    /// The page.
    static func page(facts: ReportFacts) -> ReportPage {
        let path = "velocity"
        let charts = [
            FlowCharts.completedPerDay(facts.flow, days: 30, now: facts.now),
            FlowCharts.completedPerDay(facts.flow, days: 90, now: facts.now),
            FlowCharts.completedPerWeek(facts.flow, weeks: 52, now: facts.now),
            FlowCharts.cumulativeFlow(facts.flow, days: 90, now: facts.now),
        ]
        let agents = agentRows(facts, from: path)
        let view = View(
            daily30: charts[0].reference(from: path), daily90: charts[1].reference(from: path),
            weekly: charts[2].reference(from: path), flow: charts[3].reference(from: path), timings: timingRows(facts),
            weeks: facts.flow.completedPerWeek(weeks: 12, now: facts.now).reversed().map {
                Week(monday: Figures.date(ofDay: $0.monday), count: $0.count)
            },
            agents: agents, hasAgents: !agents.isEmpty, hasCompletions: !facts.flow.completions.isEmpty)
        return ReportPage(
            path: path, template: "velocity", title: "Velocity", view: view, site: facts.site(for: path), charts: charts
        )
    }

    /// One row per window: completed, per week, lead and cycle time median and p90.
    static func timingRows(_ facts: ReportFacts) -> [TimingRow] {
        windows.map { days in
            let done = facts.flow.completions(from: facts.now - Int64(days) * 86_400, to: facts.now + 1)
            let lead = done.compactMap(\.leadTime)
            let cycle = done.compactMap(\.cycleTime)
            return TimingRow(
                days: days, completed: done.count, perWeek: Figures.fixed(Double(done.count) * 7 / Double(days), 1),
                leadMedian: Figures.duration(Figures.percentile(0.5, of: lead)),
                leadP90: Figures.duration(Figures.percentile(0.9, of: lead)),
                cycleMedian: Figures.duration(Figures.percentile(0.5, of: cycle)),
                cycleP90: Figures.duration(Figures.percentile(0.9, of: cycle)), measured: "\(lead.count)/\(cycle.count)"
            )
        }
    }

    /// Completions per agent in each window, agents with none in a year left out.
    static func agentRows(_ facts: ReportFacts, from path: String) -> [AgentRow] {
        var counts: [String: [Int]] = [:]
        for completion in facts.flow.completions {
            let age = facts.now - completion.time
            guard age >= 0, age < 365 * 86_400 else { continue }
            let key = completion.agent ?? ""
            var row = counts[key] ?? [0, 0, 0]
            for (index, days) in windows.enumerated() where age < Int64(days) * 86_400 { row[index] += 1 }
            counts[key] = row
        }
        return counts.keys.sorted().map { key in
            let row = counts[key] ?? [0, 0, 0]
            return AgentRow(
                agent: facts.agents.link(key.isEmpty ? nil : key, from: path), d30: row[0], d90: row[1], d365: row[2])
        }
    }
}
