import Foundation

extension Engine {
    /// `agentreport sample [--every SECONDS]`: appends one sample (a line per agent, one
    /// `system_health`, one `rag`) to `metrics/sample-YYYY-MM-DD.jsonl` and keeps the CPU
    /// state beside it; with `every`, again every `every` seconds until stopped. Tests stop
    /// the loop after `iterations` samples and replace its monotonic `clock` and the
    /// `pause` between two samples (seconds), so that minutes go by without waiting.
    ///
    /// The time is `--now` when given, else the clock: a collector records the present, so
    /// `SOURCE_DATE_EPOCH` (meant for reproducible reports) is not used. Needs no database
    /// and takes no lock. `.fatal` when the config is unusable or a line cannot be written;
    /// what a sample could not see is in the lines, not an error.
    public static func sample(
        _ options: RunOptions, every: Double? = nil, proc: ProcFileSystem = ProcFileSystem(),
        iterations: Int? = nil, clock: () -> Double = ProcessRunner.monotonicSeconds,
        pause: (Double) -> Void = { usleep(UInt32(min($0, 4_000) * 1_000_000)) }
    ) -> ExitStatus {
        let config: ReportConfig
        let console = Console(verbosity: options.verbosity, environment: options.environment)
        var fixedNow: Int64?
        do {
            config = try ConfigLoader.load(path: options.configPath, workingDirectory: options.workingDirectory)
            if let now = options.now { fixedNow = try RunContext.resolveNow(explicit: now, environment: [:]) }
        } catch {
            printError("\(error)")
            return .fatal
        }
        let collector = Collector(config: config, proc: proc, environment: options.environment)
        let appender = MetricLineAppender(directory: config.metricsPath, prefix: "sample")
        var round = 0
        var schedule = SampleSchedule(interval: every ?? 0, start: clock())
        while true {
            let started = clock()
            let now = fixedNow.map { $0 + Int64(Double(round) * (every ?? 0)) } ?? Int64(Date().timeIntervalSince1970)
            let previous = SampleState.load(from: config.metricsPath)
            let sample = collector.sample(at: now, previous: previous)
            do {
                let file = try appender.append(sample.lines, time: now)
                try sample.state.save(to: config.metricsPath)
                let milliseconds = Int(((clock() - started) * 1000).rounded())
                for line in sample.lines { console.detail(line) }
                console.summary(
                    "sample at \(UTCTime.formatISO(now)): \(sample.agents.count) agent line\(sample.agents.count == 1 ? "" : "s"), system_health and rag appended to \(config.displayPath(file)) in \(milliseconds) ms."
                )
            } catch {
                printError("\(error)")
                return .fatal
            }
            round += 1
            guard every != nil, iterations.map({ round < $0 }) ?? true else { return .success }
            let wait = schedule.pause(after: clock())
            if wait > 0 { pause(wait) }
        }
    }

    /// `agentreport hook`: reads one hook event (JSON) from `input` and appends the line it
    /// means to `metrics/hook-YYYY-MM-DD.jsonl`. `.success` also when the event means
    /// nothing to record; `.fatal` for input that is not a JSON object or a line that
    /// cannot be written (Claude Code shows a non-zero hook status, other than 2, as a
    /// notice and carries on: a hook never blocks the agent).
    public static func hook(_ options: RunOptions, input: Data) -> ExitStatus {
        let console = Console(verbosity: options.verbosity, environment: options.environment)
        let config: ReportConfig
        let now: Double
        do {
            config = try ConfigLoader.load(path: options.configPath, workingDirectory: options.workingDirectory)
            now =
                try options.now.map { Double(try RunContext.resolveNow(explicit: $0, environment: [:])) }
                ?? Date().timeIntervalSince1970
        } catch {
            printError("\(error)")
            return .fatal
        }
        guard let event = (try? JSONSerialization.jsonObject(with: input)) as? [String: Any] else {
            printError("hook: stdin is not a JSON object (a Claude Code hook event); nothing recorded")
            return .fatal
        }
        let environment = options.environment
        let recorder = HookRecorder(config: config) { folder in
            let team = TeamCheckouts.discover(
                config: config, git: ProcessRunner.locate("git", path: environment["PATH"]), environment: environment)
            let canonical = CanonicalPath.resolve(folder, relativeTo: config.baseDirectory)
            return team.checkouts.sorted { $0.path.utf8.count > $1.path.utf8.count }
                .first { CanonicalPath.isInside(canonical, $0.path) }?.agent
        }
        switch recorder.record(event, now: now) {
        case .nothing(let reason):
            console.detail("hook: \(reason)")
            return .success
        case .lines(let lines):
            do {
                let file = try MetricLineAppender(directory: config.metricsPath, prefix: "hook")
                    .append(lines.map(\.text), time: Int64(now))
                console.detail("hook: \(lines.map(\.text).joined(separator: "\n")) → \(config.displayPath(file))")
                return .success
            } catch {
                printError("\(error)")
                return .fatal
            }
        }
    }
}
