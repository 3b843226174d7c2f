import AgentReport
import ArgumentParser

/// `agentreport build`: the nightly job.
struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The nightly job: ingest, retain, evaluate alerts, render.")

    @OptionGroup var options: GlobalOptions

    func run() throws {
        try finish(with: Engine.build(options.runOptions))
    }
}
