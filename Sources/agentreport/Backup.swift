import AgentReport
import ArgumentParser

/// `agentreport backup [--to FILE]`.
struct Backup: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Online backup of the database, checked with PRAGMA integrity_check.")

    @Option(help: ArgumentHelp("The backup file.", valueName: "file"))
    var to: String?

    @OptionGroup var options: GlobalOptions

    func run() throws {
        try finish(with: Engine.backup(options.runOptions, to: to))
    }
}
