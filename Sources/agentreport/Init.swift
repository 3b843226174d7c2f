import AgentReport
import ArgumentParser

/// `agentreport init`.
struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a starter agentreport.json listing the agents it detects.")

    @OptionGroup var options: GlobalOptions

    func run() throws {
        try notImplemented("init", issue: "agent detection arrives with the coordination and git sources, issues #3 and #4")
    }
}
