import AgentReport
import ArgumentParser
import Foundation

/// The `agentreport` command: turns a multi-agent team's traces into reports.
@main
struct AgentReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agentreport",
        abstract: "Turn the traces of a team of AI coding agents into Markdown and HTML reports.",
        discussion: """
            The nightly job is `agentreport build`: ingest the coordination files, git history and \
            metric samples into SQLite, maintain it, and render the reports.
            Exit codes: 0 everything ingested and rendered; 3 rendered, but an input was rejected; \
            1 a fatal error (nothing half-written).
            """,
        subcommands: [
            Build.self, Ingest.self, Retain.self, Render.self, Alerts.self, Backup.self, Init.self, Demo.self,
            Sample.self, Hook.self,
        ]
    )

    /// Applies the process-wide SQLite settings before any database is opened, then runs
    /// the command line.
    static func main() {
        SQLiteProcessSettings.apply()
        main(nil)
    }
}

/// Ends the process with an engine exit status.
func finish(with status: ExitStatus) throws -> Never {
    throw ExitCode(status.rawValue)
}
