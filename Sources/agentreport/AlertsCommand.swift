import AgentReport
import ArgumentParser

/// `agentreport alerts [list|ack|resolve]`.
struct Alerts: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List, acknowledge and resolve alerts.",
        subcommands: [List.self, Ack.self, Resolve.self],
        defaultSubcommand: List.self)

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List open (or all) alerts.")
        @Flag(help: "Include acknowledged, resolved and silenced alerts.") var all = false
        @Flag(help: "Print JSON.") var json = false
        @OptionGroup var options: GlobalOptions
        func run() throws { try notImplemented("alerts list", issue: "alerts arrive with issue #6") }
    }

    struct Ack: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Acknowledge an alert.")
        @Argument(help: "The alert's id.") var id: String
        @Option(help: "Who acknowledges it.") var by: String
        @Option(help: "A note.") var note: String?
        @OptionGroup var options: GlobalOptions
        func run() throws { try notImplemented("alerts ack", issue: "alerts arrive with issue #6") }
    }

    struct Resolve: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Resolve an alert by hand.")
        @Argument(help: "The alert's id.") var id: String
        @Option(help: "Who resolves it.") var by: String?
        @OptionGroup var options: GlobalOptions
        func run() throws { try notImplemented("alerts resolve", issue: "alerts arrive with issue #6") }
    }
}
