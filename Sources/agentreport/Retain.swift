import AgentReport
import ArgumentParser

/// `agentreport retain [--dry-run]`.
struct Retain: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Aggregate, then apply retention (never deleting what is not aggregated).")

    @Flag(help: "Print what would be aggregated and deleted; change nothing.")
    var dryRun = false

    @OptionGroup var options: GlobalOptions

    func run() throws {
        try finish(with: Engine.retain(options.runOptions, dryRun: dryRun))
    }
}
