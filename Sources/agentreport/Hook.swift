import AgentReport
import ArgumentParser
import Foundation

/// `agentreport hook`: one coding-agent hook event on stdin → one metric line.
struct Hook: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Record one Claude Code hook event (JSON on stdin) as a metric line.",
        discussion: """
            Test and build commands (sample.checkCommands) become `check` lines, SessionStart, SessionEnd \
            and StopFailure `session` lines, in metrics/hook-YYYY-MM-DD.jsonl. Install it in \
            .claude/settings.json as docs/collector.md shows.
            """)

    @OptionGroup var options: GlobalOptions

    /// The most stdin read (an event carries the command's whole output).
    static let inputLimit = 64 << 20
    /// How long stdin may take to arrive.
    static let inputSeconds = 10.0

    func run() throws {
        if isatty(STDIN_FILENO) == 1 {
            throw ValidationError("agentreport hook reads a hook event (JSON) on stdin; it is run by the coding agent")
        }
        guard let input = Self.readInput() else {
            FileHandle.standardError.write(
                Data(
                    "agentreport: error: hook: stdin did not end within \(Int(Self.inputSeconds)) s or is larger than 64 MB; nothing recorded\n"
                        .utf8))
            throw ExitCode(1)
        }
        try finish(with: Engine.hook(options.runOptions, input: input))
    }

    /// All of stdin, or nil when it does not end in time or is too large.
    static func readInput() -> Data? {
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        var clock = timespec()
        clock_gettime(CLOCK_MONOTONIC, &clock)
        let deadline = Double(clock.tv_sec) + Double(clock.tv_nsec) / 1e9 + inputSeconds
        while true {
            clock_gettime(CLOCK_MONOTONIC, &clock)
            let remaining = deadline - (Double(clock.tv_sec) + Double(clock.tv_nsec) / 1e9)
            guard remaining > 0 else { return nil }
            var ready = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
            let count = poll(&ready, 1, Int32(remaining * 1000))
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { return nil }
            let got = buffer.withUnsafeMutableBytes { read(STDIN_FILENO, $0.baseAddress, $0.count) }
            if got < 0, errno == EINTR || errno == EAGAIN { continue }
            if got <= 0 { return data }
            data.append(contentsOf: buffer[0..<got])
            if data.count > inputLimit { return nil }
        }
    }
}
