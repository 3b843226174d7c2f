import AgentReport
import ArgumentParser

/// `agentreport demo DIR`.
struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create a realistic synthetic workspace to try the tool and benchmark it.")

    @Argument(help: "The folder to create.") var directory: String
    @Option(help: "Number of agents.") var agents = 3
    @Option(help: "Days of history.") var days = 7
    @Option(help: "Random seed (same seed, same workspace).") var seed: UInt64 = 1

    func run() throws {
        try notImplemented("demo", issue: "the demo workspace arrives with issue #8")
    }
}
