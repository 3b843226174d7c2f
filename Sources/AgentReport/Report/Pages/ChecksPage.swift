import Foundation

/// The `checks` page: the test and build runs the agents' hooks recorded — pass rate per
/// agent (the report's last 7 days — today and the six calendar days before — against the 7
/// before), checks failing now, each check's record over
/// 30 days, the latest failures and a chart of runs per day.
enum ChecksPage {
    /// Days of the per-agent window (and of the previous one compared with it).
    static let days = 7
    /// Days of the per-check table, the failures list and the chart.
    static let longDays = 30
    /// Failures listed.
    static let failureLimit = 20

    /// What the page reads.
    struct Input {
        var tallies: [CheckAgentTally]
        var names: [CheckNameTally]
        var latest: [CheckRun]
        var failures: [CheckRun]
        var perDay: [CheckDay]
    }

    /// Reads the page's input.
    static func input(from queries: ReportQueries, facts: ReportFacts) throws -> Input {
        let until = UTCTime.format(facts.now)
        let first = Figures.day(facts.now) - Int64(longDays) + 1
        return Input(
            tallies: try queries.checkTallies(
                previousSince: facts.window(days: 2 * days).startText, recentSince: facts.window(days: days).startText,
                until: until),
            names: try queries.checkNameTallies(since: facts.window(days: longDays).startText, until: until),
            latest: try queries.latestCheckRuns(until: until),
            failures: try queries.checkFailures(
                since: facts.window(days: longDays).startText, until: until, limit: failureLimit),
            perDay: try queries.checkDays(from: Figures.date(ofDay: first), until: until))
    }

    /// The page.
    static func page(_ input: Input, facts: ReportFacts) -> ReportPage {
        let path = "checks"
        let latestByAgent = Dictionary(grouping: input.latest, by: \.agent).mapValues { runs in
            runs.max { ($0.time, $0.name) < ($1.time, $1.name) }
        }
        let agents = input.tallies.map { tally in
            let last = latestByAgent[tally.agent] ?? nil
            let recent = rate(tally.recentPassed, of: tally.recentRuns)
            let previous = rate(tally.previousPassed, of: tally.previousRuns)
            return ChecksView.AgentRow(
                agent: facts.agents.link(tally.agent, from: path), runs: tally.recentRuns, passed: tally.recentPassed,
                passRate: percent(recent), previousRuns: tally.previousRuns, previousRate: percent(previous),
                change: recent.flatMap { now in previous.map { points(now - $0) } } ?? "—",
                lastCheck: last.map { "\($0.name) \($0.passed ? "passed" : "failed") at \($0.time)" } ?? "—")
        }
        let failingNow = input.latest.filter { !$0.passed }.sorted { ($1.time, $0.agent) < ($0.time, $1.agent) }
            .map { run(($0), facts: facts, from: path) }
        let names = input.names.map { tally in
            ChecksView.NameRow(
                name: tally.name, runs: tally.runs, passRate: percent(rate(tally.passed, of: tally.runs)),
                duration: Figures.fixed(tally.averageDuration, 1, suffix: " s"), agents: tally.agents)
        }
        let chart = perDayChart(input.perDay, now: facts.now)
        let view = ChecksView(
            windowStart: facts.window(days: days).startText, windowEnd: UTCTime.format(facts.now), agents: agents,
            failingNow: failingNow, names: names, failures: input.failures.map { run($0, facts: facts, from: path) },
            chart: chart.reference(from: path))
        return ReportPage(
            path: path, template: "checks", title: "Checks", view: view, site: facts.site(for: path), charts: [chart])
    }

    /// Passed and failed runs per day, stacked, over the last 30 days.
    static func perDayChart(_ days: [CheckDay], now: Int64) -> SVGChart {
        let last = Figures.day(now)
        let first = last - Int64(longDays) + 1
        var passed = [Double?](repeating: nil, count: longDays)
        var failed = [Double?](repeating: nil, count: longDays)
        for day in days {
            guard let seconds = Figures.seconds(day.date) else { continue }
            let index = Int(Figures.day(seconds) - first)
            guard index >= 0, index < longDays else { continue }
            passed[index] = Double(day.passed)
            failed[index] = Double(day.failed)
        }
        let total = days.reduce(0) { $0 + $1.passed + $1.failed }
        let failures = days.reduce(0) { $0 + $1.failed }
        return SVGChart(
            fileName: "checks-\(longDays)d.svg", title: "Test and build runs per day, last \(longDays) days",
            summary:
                "\(total) runs from \(Figures.date(ofDay: first)) to \(Figures.date(ofDay: last)), \(failures) of them failed.",
            kind: .stackedBars, labels: (first...last).map { Figures.shortDate(ofDay: $0) },
            series: [
                .init(name: "passed", values: passed, colour: 2), .init(name: "failed", values: failed, colour: 3),
            ])
    }

    /// `passed / runs`, nil without runs.
    static func rate(_ passed: Int, of runs: Int) -> Double? {
        runs > 0 ? Double(passed) / Double(runs) : nil
    }

    /// "87.5 %", "—".
    static func percent(_ rate: Double?) -> String { Figures.fixed(rate.map { $0 * 100 }, 1, suffix: " %") }

    /// "+12.5 pts", "-40.0 pts", "0.0 pts".
    static func points(_ difference: Double) -> String {
        (difference > 0 ? "+" : "") + Figures.fixed(difference * 100, 1) + " pts"
    }

    private static func run(_ run: CheckRun, facts: ReportFacts, from path: String) -> ChecksView.RunRow {
        ChecksView.RunRow(
            time: run.time, agent: facts.agents.link(run.agent, from: path), name: run.name,
            exitCode: run.exitCode.map(String.init) ?? "—", duration: Figures.fixed(run.duration, 1, suffix: " s"),
            subagent: run.subagent)
    }
}

/// What `checks.md.mustache` sees.
struct ChecksView: TemplateView {
    /// One agent's pass rate.
    struct AgentRow: TemplateView {
        var agent: AgentLink
        /// Runs and passed runs in the last 7 days.
        var runs: Int
        var passed: Int
        var passRate: String
        /// The 7 days before.
        var previousRuns: Int
        var previousRate: String
        /// The pass rate's change, in percentage points.
        var change: String
        /// "swift test failed at …".
        var lastCheck: String

        func value(named name: String) -> Any? {
            switch name {
            case "agent": agent
            case "runs": runs
            case "passed": passed
            case "passRate": passRate
            case "previousRuns": previousRuns
            case "previousRate": previousRate
            case "change": change
            case "lastCheck": lastCheck
            default: nil
            }
        }
    }

    /// One check name over 30 days.
    struct NameRow: TemplateView {
        var name: String
        var runs: Int
        var passRate: String
        /// Mean duration.
        var duration: String
        var agents: Int

        func value(named name: String) -> Any? {
            switch name {
            case "name": self.name
            case "runs": runs
            case "passRate": passRate
            case "duration": duration
            case "agents": agents
            default: nil
            }
        }
    }

    /// One run.
    struct RunRow: TemplateView {
        var time: String
        var agent: AgentLink
        var name: String
        var exitCode: String
        var duration: String
        /// The subagent the run happened in (printed "npm test (subagent test-runner)"), nil
        /// for the main session's runs.
        var subagent: String?

        func value(named name: String) -> Any? {
            switch name {
            case "time": time
            case "agent": agent
            case "name": self.name
            case "exitCode": exitCode
            case "duration": duration
            case "subagent": subagent
            default: nil
            }
        }
    }

    /// The per-agent window: its start and end, stored times.
    var windowStart: String
    var windowEnd: String
    var agents: [AgentRow]
    /// Checks whose latest run (per agent) failed, newest first.
    var failingNow: [RunRow]
    var names: [NameRow]
    /// The latest failed runs, newest first.
    var failures: [RunRow]
    var chart: ChartReference?

    func value(named name: String) -> Any? {
        switch name {
        case "windowStart": windowStart
        case "windowEnd": windowEnd
        case "agents": agents
        case "failingNow": failingNow
        case "names": names
        case "failures": failures
        case "chart": chart
        default: nil
        }
    }
}
