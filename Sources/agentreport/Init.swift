import AgentReport
import ArgumentParser

/// `agentreport init [--force]`.
struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a starter agentreport.json listing the agents it detects.",
        discussion: "Agents are found from branch names (attribution patterns), `git worktree list` and the task board. An existing file is kept unless --force is given.")

    @Flag(help: "Replace an existing config file.")
    var force = false

    @OptionGroup var options: GlobalOptions

    func run() throws {
        try finish(with: Engine.initialize(options.runOptions, force: force))
    }
}
