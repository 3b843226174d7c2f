import Foundation

/// The `velocity` page: completed per day and per week, per agent over 30/90/365 days, lead
/// and cycle time percentiles, cumulative flow. Built from the shared facts alone.
enum VelocityPage {
    /// The windows the page compares, in days (the index's 7 days among them).
    static let windows = [7, 30, 90, 365]

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
        var d7: Int
        var d30: Int
        var d90: Int
        var d365: Int

        func value(named name: String) -> Any? {
            switch name {
            case "agent": agent
            case "d7": d7
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
            FlowCharts.completedPerDay(facts.flow, in: facts.window(days: 30)),
            FlowCharts.completedPerDay(facts.flow, in: facts.window(days: 90)),
            FlowCharts.completedPerWeek(facts.flow, weeks: 52, now: facts.now),
            FlowCharts.cumulativeFlow(facts.flow, in: facts.window(days: 90)),
        ]
        let agents = agentRows(facts, from: path)
        let firstMonday = facts.flow.firstEventTime.map { TaskFlow.monday(of: Figures.day($0)) } ?? Int64.max
        let view = View(
            daily30: charts[0].reference(from: path), daily90: charts[1].reference(from: path),
            weekly: charts[2].reference(from: path), flow: charts[3].reference(from: path), timings: timingRows(facts),
            weeks: facts.flow.completedPerWeek(weeks: 12, now: facts.now).filter { $0.monday >= firstMonday }.reversed()
                .map {
                    Week(monday: Figures.date(ofDay: $0.monday), count: $0.count)
                },
            agents: agents, hasAgents: !agents.isEmpty, hasCompletions: !facts.flow.completions.isEmpty)
        return ReportPage(
            path: path, template: "velocity", title: "Velocity", view: view, site: facts.site(for: path), charts: charts
        )
    }

    /// One row per window: completed, per week over the observed time, lead and cycle time
    /// median and p90.
    static func timingRows(_ facts: ReportFacts) -> [TimingRow] {
        windows.map { days in
            let window = facts.window(days: days)
            let done = facts.flow.completions(in: window)
            let lead = done.compactMap(\.leadTime).sorted()
            let cycle = done.compactMap(\.cycleTime).sorted()
            // The rate is over the time the window and the task history share: a week of
            // history in a 365-day window is a week, not a year.
            let start = max(window.start, facts.flow.firstEventTime ?? window.start)
            let observedDays = max(Double(facts.now - start) / 86_400, 1)
            return TimingRow(
                days: days, completed: done.count, perWeek: Figures.fixed(Double(done.count) * 7 / observedDays, 1),
                leadMedian: Figures.duration(Figures.percentile(0.5, ofSorted: lead)),
                leadP90: Figures.duration(Figures.percentile(0.9, ofSorted: lead)),
                cycleMedian: Figures.duration(Figures.percentile(0.5, ofSorted: cycle)),
                cycleP90: Figures.duration(Figures.percentile(0.9, ofSorted: cycle)),
                measured: "\(lead.count)/\(cycle.count)")
        }
    }

    /// Completions per agent in each window, agents with none in a year left out.
    static func agentRows(_ facts: ReportFacts, from path: String) -> [AgentRow] {
        let spans = windows.map { facts.window(days: $0) }
        var counts: [String: [Int]] = [:]
        for completion in facts.flow.completions where spans.last?.contains(completion.time) == true {
            let key = completion.agent ?? ""
            var row = counts[key] ?? [Int](repeating: 0, count: spans.count)
            for (index, span) in spans.enumerated() where span.contains(completion.time) { row[index] += 1 }
            counts[key] = row
        }
        return counts.keys.sorted().map { key in
            let row = counts[key] ?? [0, 0, 0, 0]
            return AgentRow(
                agent: facts.agents.link(key.isEmpty ? nil : key, from: path), d7: row[0], d30: row[1], d90: row[2],
                d365: row[3])
        }
    }
}
