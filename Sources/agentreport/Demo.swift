import AgentReport
import ArgumentParser
import Foundation

/// `agentreport demo DIR`: a synthetic workspace to try the tool on and to benchmark it.
struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create a realistic synthetic workspace to try the tool and benchmark it.",
        discussion: """
            Writes DIR (absent or empty): a git repository with main and one branch per agent, \
            coordination/ (task board with its history in git, progress log, memory bank), metrics/*.jsonl \
            and agentreport.json. The history ends at --end, by default today 00:00 UTC, so a plain \
            `cd DIR && agentreport build` reports on it; the same options (and day) give byte-identical \
            files and commit ids. Every incident the demo places shows when the report is built as of the \
            end: agentreport build --now <end>.
            """)

    @Argument(help: "The folder to create (absent or empty).") var directory: String
    @Option(help: "Number of agents (1-\(DemoOptions.maxAgents)).") var agents = 3
    @Option(
        help:
            "Days of metric samples (1-\(DemoOptions.maxDays)); board and git history span at least \(DemoOptions.minimumHistoryDays) days."
    )
    var days = 7
    @Option(help: "Random seed, at least 1 (same seed, same workspace).") var seed: UInt64 = 1
    @Option(
        help: ArgumentHelp(
            "End of the history (ISO 8601 or seconds since 1970, a whole minute); default today 00:00 UTC (SOURCE_DATE_EPOCH's day when set).",
            valueName: "timestamp"))
    var end: String?
    @Option(
        help: ArgumentHelp(
            "Seconds between two agent or system-health samples; RAG samples every five.", valueName: "seconds"))
    var cadence = 60
    @Flag(help: "Also place input faults (a truncated metrics line that the build rejects, exit status 3).")
    var faults = false
    @Flag(name: .shortAndLong, help: "Print nothing but errors.") var quiet = false

    func validate() throws {
        do {
            try demoOptions().validate()
        } catch let error as DemoError {
            throw ValidationError(error.description)
        }
    }

    func run() throws {
        let clock = ContinuousClock()
        let started = clock.now
        let summary: DemoSummary
        do {
            summary = try DemoWorkspace.create(at: directory, options: try demoOptions())
        } catch {
            FileHandle.standardError.write(Data("agentreport demo: error: \(error)\n".utf8))
            throw ExitCode(1)
        }
        guard !quiet else { return }
        let elapsed = clock.now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let options = try demoOptions()
        let text = """
            agentreport demo: wrote \(directory): \(summary.agents.count) agents, \(options.historyDays) days of git and board history, \
            \(options.days) of metrics ending \(UTCTime.formatISO(options.end)); \(summary.commits) commits (\(summary.merges) merges) \
            on \(summary.agents.count + 1) branches, \(summary.boardVersions) board versions, \(summary.progressEntries) progress entries, \
            \(summary.patterns) patterns, \(summary.metricLines) metric lines\(options.faults ? " (one truncated on purpose)" : ""), \
            in \((seconds * 10).rounded() / 10) s.
            Next: cd \(directory) && agentreport build
            (or agentreport build --now \(UTCTime.formatISO(options.end)) to see every incident as it was at the end of the data)

            """
        FileHandle.standardError.write(Data(text.utf8))
    }

    private func demoOptions() throws -> DemoOptions {
        let endTime: Int64
        if let end {
            guard let given = UTCTime.parse(end) ?? Int64(end) else {
                throw DemoError.invalidOption(
                    "--end: '\(end)' is not a time (use ISO 8601, e.g. 2026-06-01T00:00:00Z, or seconds since 1970)")
            }
            endTime = given
        } else {
            let now = try? RunContext.resolveNow(explicit: nil, environment: ProcessInfo.processInfo.environment)
            endTime = DemoOptions.today(now: now ?? Int64(Date().timeIntervalSince1970))
        }
        return DemoOptions(agents: agents, days: days, seed: seed, end: endTime, cadence: cadence, faults: faults)
    }
}
