import AgentReport
import ArgumentParser

/// `agentreport alerts [list|ack|resolve]`: the alert lifecycle by hand.
struct Alerts: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List, acknowledge and resolve alerts.",
        subcommands: [List.self, Ack.self, Resolve.self],
        defaultSubcommand: List.self)

    /// `alerts list [--all] [--json]`.
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List open (or all) alerts.")
        @Flag(help: "Include acknowledged, resolved and silenced alerts.") var all = false
        @Flag(help: "Print JSON.") var json = false
        @OptionGroup var options: GlobalOptions
        func run() throws { try finish(with: Engine.alerts(options.runOptions, .list(all: all, json: json))) }
    }

    /// `alerts ack ID --by NAME [--note TEXT]`.
    struct Ack: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Acknowledge an alert.")
        @Argument(help: "The alert's number or alert_id (from `alerts list`).") var id: String
        @Option(help: "Who acknowledges it.") var by: String
        @Option(help: "A note.") var note: String?
        @OptionGroup var options: GlobalOptions
        func run() throws { try finish(with: Engine.alerts(options.runOptions, .acknowledge(id: id, by: by, note: note))) }
    }

    /// `alerts resolve ID [--by NAME]`.
    struct Resolve: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Resolve an alert by hand.")
        @Argument(help: "The alert's number or alert_id (from `alerts list`).") var id: String
        @Option(help: "Who resolves it.") var by: String?
        @OptionGroup var options: GlobalOptions
        func run() throws { try finish(with: Engine.alerts(options.runOptions, .resolve(id: id, by: by))) }
    }
}
