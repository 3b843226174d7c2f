import Foundation

/// `agentreport sample`: one observation of the team, as metric lines (DESIGN §3.6, §3.8) —
/// one `agent` line per agent, one `system_health` line, one `rag` line, all stamped with
/// the sample's time — and the state the next sample measures CPU against.
///
/// Agents and their worktrees come from the attribution service (`AgentAttribution`, over
/// `git worktree list` of every configured repository, plus `agents[].worktree` folders);
/// a process belongs to the agent whose worktree contains its working directory. Every
/// `git` call and health check is bounded in time; the agents' files are only read (git
/// runs with optional locks off, so `git status` does not even refresh the index). What a
/// sample cannot see is written as `null` with a note in the line's `details`, never guessed.
public struct Collector: Sendable {
    /// The run's settings.
    public let config: ReportConfig
    /// Where processes and machine counters are read (`/proc` by default).
    public var proc: ProcFileSystem
    /// The environment (git's `PATH`, the session-log folders' `HOME`, commands').
    public var environment: [String: String]
    /// A process never counted as an agent's (the collector itself).
    public var ownProcess: Int32
    /// How full the filesystem of a folder is (`statvfs`); tests put a full disk here.
    var diskUsage: @Sendable (String) -> DiskUsage? = { DiskUsage(path: $0) }

    /// A collector for `config` reading the real machine.
    public init(
        config: ReportConfig, proc: ProcFileSystem = ProcFileSystem(),
        environment: [String: String] = ProcessInfo.processInfo.environment, ownProcess: Int32 = getpid()
    ) {
        self.config = config
        self.proc = proc
        self.environment = environment
        self.ownProcess = ownProcess
    }

    /// One sample's lines and the state to keep.
    public struct Sample: Sendable {
        /// Seconds since 1970: every line's `timestamp`.
        var time: Int64
        /// One per agent, by agent id.
        var agents: [JSONLine]
        var health: JSONLine
        var rag: JSONLine
        var state: SampleState

        /// Every line's text, agents first.
        public var lines: [String] { (agents + [health, rag]).map(\.text) }
    }

    /// Takes one sample at `now` (seconds since 1970), measuring CPU against `previous`.
    func sample(at now: Int64, previous: SampleState?) -> Sample {
        let checks = HealthCheckRunner(
            config.sample.checks, directory: config.baseDirectory, environment: environment)
        let git = ProcessRunner.locate("git", path: environment["PATH"])
        var team = TeamCheckouts.discover(config: config, git: git, environment: environment)
        team.readGit(git: git, environment: environment, timeout: config.sample.gitTimeoutSeconds)
        let machine = MachineReading(proc: proc, previous: previous, ownProcess: ownProcess, team: team)
        let sessions = SessionLogActivity(
            locations: SessionLogLocations(config: config, environment: environment), now: now,
            known: previous?.codexDirectories ?? [:])
        let hookEvents = RecentSessionEvents(
            hookFiles: MetricLineAppender(directory: config.metricsPath, prefix: "hook"), now: now)
        var boards = BoardReader(config: config, attribution: team.attribution)
        let rule = AgentStatusRule(activeWindow: Int64(config.sample.activeMinutes * 60))
        let agents = team.agentIds.map { agent in
            agentLine(
                agent, team: team, machine: machine, sessions: sessions, hookEvents: hookEvents, boards: &boards,
                rule: rule, now: now)
        }
        var state = machine.nextState
        state.codexDirectories = sessions.codexDirectories
        return Sample(
            time: now, agents: agents,
            health: healthLine(checks: checks.results(), machine: machine, notes: team.notes, now: now),
            rag: ragLine(now: now), state: state)
    }
}

// MARK: - Agent lines

extension Collector {
    /// The `agent` line of one agent.
    func agentLine(
        _ agent: String, team: TeamCheckouts, machine: MachineReading, sessions: SessionLogActivity,
        hookEvents: RecentSessionEvents, boards: inout BoardReader, rule: AgentStatusRule, now: Int64
    ) -> JSONLine {
        var notes: [String] = []
        let checkouts = team.checkouts.filter { $0.agent == agent }
        let logs = checkouts.compactMap { sessions.newest(in: $0.path) }
        let session = logs.max { $0.time < $1.time }
        let hook = hookEvents.newest[agent]
        // Activity other than the session log's last line and the hook's session events.
        let work = checkouts.compactMap { [$0.commitTime, $0.changeTime].compactMap { $0 }.max() }.max()
        let primary = checkouts.max { ($0.activity ?? .min) < ($1.activity ?? .min) }

        var line = JSONLine(kind: "agent")
        line.set("agent_id", .string(agent))
        line.set("timestamp", JSONLine.time(now))
        line.set("status", .null)  // placed here; decided below
        let task = boards.currentTask(of: agent, checkout: primary, notes: &notes)
        line.set("current_task", JSONLine.text(task))
        let usage = machine.usage(of: agent, notes: &notes)
        line.set("cpu_usage", usage.cpu.map { .number($0, decimals: 1) } ?? .null)
        line.set("memory_usage", usage.memory.map { .int($0) } ?? .null)
        line.set("memory_percent", usage.memoryPercent.map { .number($0, decimals: 2) } ?? .null)
        line.set("uncommitted_changes", .null)
        line.set("uptime_seconds", usage.uptime.map { .int($0) } ?? .null)

        if checkouts.isEmpty {
            notes.append(
                "no worktree found for this agent: branch, uncommitted changes and file activity unknown "
                    + "(check out its branch in a worktree, or set agents[].worktree)")
        }
        let failedStatus = checkouts.filter { $0.status == nil }
        for checkout in failedStatus { notes.append("\(checkout.path): \(checkout.problem ?? "git status failed")") }
        if !checkouts.isEmpty, failedStatus.isEmpty {
            line.set("uncommitted_changes", .int(Int64(checkouts.reduce(0) { $0 + ($1.status?.changes ?? 0) })))
        }
        let latest = [work, session?.time, hook?.time].compactMap { $0 }.max()
        line.set("last_activity", JSONLine.time(latest))
        if latest == nil { notes.append("no activity seen: no commit, changed file or session log") }
        let branch = primary.flatMap { $0.status.map(\.branch) ?? $0.listedBranch }
        line.set("branch", JSONLine.text(branch))
        if let primary, branch == nil, primary.status != nil || primary.isListed {
            notes.append(
                "\(primary.path): HEAD is detached\(primary.head.map { " at " + String($0.prefix(12)) } ?? "")")
        }

        var failure: (time: Int64, reason: String)?
        if let session, let error = session.apiError { failure = (session.time, error) }
        if let hook, hook.event == "failure", hook.time >= (failure?.time ?? .min) {
            failure = (hook.time, "StopFailure" + (hook.reason.map { " (\($0))" } ?? ""))
        }
        var since = work
        if let session, session.apiError == nil { since = max(since ?? .min, session.time) }
        if let hook, hook.event == "start" { since = max(since ?? .min, hook.time) }
        let decision = rule.status(
            of: .init(
                processes: usage.processes, lastActivity: latest, failure: failure, activitySinceFailure: since),
            now: now)
        line.set("status", .string(decision.status))

        var details: [(String, JSONLine.Value)] = [("status_rule", .string(decision.because))]
        if let primary { details.append(("worktree", .string(primary.path))) }
        if let processes = usage.processes { details.append(("processes", .int(Int64(processes)))) }
        if let session { details.append(("session_log", .string(session.file))) }
        if !notes.isEmpty { details.append(("notes", .array(notes.map { .string($0) }))) }
        line.set("details", .object(details))
        return line
    }
}

// MARK: - System health and RAG

extension Collector {
    /// The `system_health` line: the configured checks, the machine's CPU and memory, the
    /// workspace's disk.
    func healthLine(checks: [HealthCheckRunner.Result], machine: MachineReading, notes teamNotes: [String], now: Int64)
        -> JSONLine
    {
        var notes = teamNotes
        var line = JSONLine(kind: "system_health")
        line.set("timestamp", JSONLine.time(now))
        let failed = checks.filter { !$0.passed }.count
        let disk = diskUsage(config.baseDirectory)
        let status = HealthStatusRule.status(checks: checks.count, failed: failed, diskFraction: disk?.fraction)
        line.set("overall_status", .string(status.status))
        if let note = status.diskNote { notes.append(note) }
        let latencies = checks.filter { $0.kind == .http && $0.passed }.compactMap(\.milliseconds)
        if latencies.isEmpty {
            line.set("api_latency", .null)
            notes.append(
                checks.contains { $0.kind == .http }
                    ? "api_latency: no HTTP check answered" : "api_latency: no HTTP check configured (sample.checks)")
        } else {
            line.set("api_latency", .number(latencies.reduce(0, +) / Double(latencies.count), decimals: 1))
        }
        line.set("websocket_connections", .null)
        line.set("file_watch_events", .null)
        line.set("error_count", .int(Int64(failed)))
        line.set("cpu_usage", machine.cpuPercent.map { .number($0, decimals: 1) } ?? .null)
        if machine.cpuPercent == nil { notes.append("cpu_usage: measured between two samples; none before this one") }
        line.set("memory_usage", machine.memoryUsed.map { .int($0) } ?? .null)
        if machine.memoryUsed == nil { notes.append("memory_usage: \(proc.root)/meminfo not readable") }
        line.set("disk_usage", disk.map { .int($0.used) } ?? .null)
        if disk == nil { notes.append("disk_usage: statvfs failed on \(config.baseDirectory)") }
        notes.append("websocket_connections and file_watch_events are not observed by agentreport sample")
        var details: [(String, JSONLine.Value)] = []
        if !checks.isEmpty {
            details.append(("checks", .object(checks.map { ($0.name, Self.checkDetail($0)) })))
        }
        if let disk { details.append(("disk_percent", .number(disk.fraction * 100, decimals: 1))) }
        details.append(("notes", .array(notes.map { .string($0) })))
        line.set("details", .object(details))
        return line
    }

    static func checkDetail(_ result: HealthCheckRunner.Result) -> JSONLine.Value {
        var fields: [(String, JSONLine.Value)] = [
            ("kind", .string(result.kind.rawValue)), ("ok", .bool(result.passed)),
            ("ms", result.milliseconds.map { .number($0, decimals: 1) } ?? .null),
        ]
        if let status = result.httpStatus { fields.append(("http_status", .int(Int64(status)))) }
        if let error = result.error { fields.append(("error", .string(error))) }
        return .object(fields)
    }

    /// The `rag` line: the memory bank's pattern count and size; query metrics are the RAG
    /// server's to report.
    func ragLine(now: Int64) -> JSONLine {
        var line = JSONLine(kind: "rag")
        line.set("timestamp", JSONLine.time(now))
        var notes: [String] = []
        let folder = config.memoryBankPath
        if let names = try? FileManager.default.contentsOfDirectory(atPath: folder) {
            var count: Int64 = 0
            var bytes: Int64 = 0
            for name in names where name.hasSuffix(".json") && !name.hasPrefix(".") {
                var info = stat()
                let path = (folder as NSString).appendingPathComponent(name)
                guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { continue }
                count += 1
                bytes += Int64(info.st_size)
            }
            line.set("total_patterns", .int(count))
            line.set("memory_usage", .int(bytes))
        } else {
            line.set("total_patterns", .null)
            line.set("memory_usage", .null)
            notes.append("no memory bank at \(config.displayPath(folder))")
        }
        for key in ["total_queries", "average_response_time", "hit_rate", "query_volume_last_hour"] {
            line.set(key, .null)
        }
        notes.append("query metrics come from the RAG server, which agentreport sample does not observe")
        line.set("details", .object([("notes", .array(notes.map { .string($0) }))]))
        return line
    }
}
