import AgentReport
import ArgumentParser
import Foundation

/// `agentreport sample [--every 60s]`: the collector.
struct Sample: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Append one metric sample: a line per agent, one system_health and one rag line.",
        discussion: """
            Observes each agent's worktree (branch, uncommitted changes, last activity), its processes \
            (cpu, memory, uptime), the task board (current task), the configured health checks and the \
            memory bank, and appends the lines to metrics/sample-YYYY-MM-DD.jsonl. Run it every minute \
            from cron or a systemd timer (docs/collector.md), or in the foreground with --every 60s.
            """)

    @Option(
        help: ArgumentHelp(
            "Sample again every interval until stopped: 60s, 5m or seconds (10s-1h).", valueName: "interval"))
    var every: String?

    @OptionGroup var options: GlobalOptions

    /// `--every` in seconds.
    var interval: Double? {
        get throws {
            guard let every else { return nil }
            let text = every.trimmingCharacters(in: .whitespaces).lowercased()
            let units: [(String, Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600)]
            var seconds: Double?
            for (suffix, factor) in units where text.hasSuffix(suffix) {
                if let value = Double(text.dropLast(suffix.count)) { seconds = value * factor }
                break
            }
            if seconds == nil { seconds = Double(text) }
            guard let seconds, seconds >= 10, seconds <= 3600 else {
                throw ValidationError("--every: '\(every)' is not an interval from 10s to 1h (e.g. 60s, 5m)")
            }
            return seconds
        }
    }

    func validate() throws { _ = try interval }

    func run() throws {
        try finish(with: Engine.sample(options.runOptions, every: try interval))
    }
}
