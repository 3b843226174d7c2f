/// Streams the metric samples (`metrics/*.jsonl`, DESIGN §3.6): agents and system health at
/// the cadence, RAG at five times it, a few `kind: alert` lines, with the incidents of the
/// last hours placed so that every alert rule has something to find. One line at a time:
/// a year of samples is never in memory.
struct DemoMetrics {
    /// What to generate.
    let options: DemoOptions
    /// The agents and their incident roles.
    let team: DemoTeam
    /// Sessions per metric day and agent, from the history.
    let sessions: [[DemoHistory.Session?]]
    /// When memory-bank patterns were stored, ascending.
    let patternTimes: [Int64]

    /// Per-agent state carried from one sample to the next (internal: the private helpers take it).
    struct AgentState {
        var random: DemoRandom
        var uncommitted = 0
        var lastActivity: Int64
        var memoryBase: Double
    }

    /// Writes agent, health and RAG samples; returns the number of lines written.
    func write(agents: ByteWriter, health: ByteWriter, rag: ByteWriter) -> Int {
        let end = options.end
        let step = Int64(options.cadence)
        var states = team.agents.indices.map { index in
            var random = DemoRandom(seed: options.seed, stream: 9, UInt64(index))
            let base = random.double(2...6)
            return AgentState(random: random, lastActivity: options.metricsStart - 3600, memoryBase: base)
        }
        var system = DemoRandom(seed: options.seed, stream: 10)
        var queries = 0
        var patterns = 0
        var lines = 0
        var badLineWritten = false
        var time = options.metricsStart
        while time < end {
            let iso = UTCTime.formatISO(time)
            let day = Int((time - options.metricsStart) / 86_400)
            var activeAgents = 0
            for index in team.agents.indices {
                // The silent agent sends nothing in its last 30 hours (agent-silent).
                if index == team.silent, time >= end - 30 * 3600 { continue }
                let session = sessions[day][index]
                let active = session.map { time >= $0.start - 300 && time <= $0.end + 300 } ?? false
                if active { activeAgents += 1 }
                writeAgent(
                    index, at: time, iso: iso, session: active ? session : nil, state: &states[index], to: agents)
                lines += 1
            }
            // A collector that crashed mid-line two hours before the end (input-rejected).
            if options.faults, !badLineWritten, time >= end - 2 * 3600 {
                health.write(
                    "{\"kind\":\"system_health\",\"timestamp\":\"\(iso)\",\"overall_status\":\"healthy\",\"api_latency\":\n"
                )
                badLineWritten = true
                lines += 1
            }
            writeHealth(at: time, iso: iso, activeAgents: activeAgents, random: &system, to: health)
            lines += 1
            if (time - options.metricsStart) % (5 * step) == 0 {
                while patterns < patternTimes.count, patternTimes[patterns] <= time { patterns += 1 }
                let volume = system.int(0...20)
                queries += volume
                rag.write(
                    "{\"kind\":\"rag\",\"timestamp\":\"\(iso)\",\"total_patterns\":\(patterns),\"total_queries\":\(queries),\"average_response_time\":"
                )
                rag.write(fixed: system.double(60...140), decimals: 1)
                rag.write(",\"hit_rate\":")
                rag.write(
                    fixed: time >= end - 2 * 3600 ? system.double(0.30...0.45) : system.double(0.60...0.88), decimals: 2
                )
                rag.write(
                    ",\"memory_usage\":\(120_000_000 + patterns * 1_000_000),\"query_volume_last_hour\":\(volume * 12)")
                let first = day % DemoText.patterns.count
                let top = (0..<3).map { "\"\(DemoText.patterns[(first + $0) % DemoText.patterns.count])\"" }
                rag.write(
                    ",\"top_patterns\":[\(top.joined(separator: ","))],\"recent_queries\":[\"\(system.pick(DemoText.queries))\",\"\(system.pick(DemoText.queries))\"]}\n"
                )
                rag.flushIfFull()
                lines += 1
            }
            time += step
        }
        return lines
    }

    /// The `kind: alert` lines the collectors raised themselves, in time order: an MCP
    /// restart every few days under one `alert_id` (each expires a day later), a latency
    /// alert resolved by a `"resolved": true` line an hour later, and a failing health check
    /// reported every five minutes of the last 40 (one open alert, its repeats gathered).
    func writeAlerts(to writer: ByteWriter) -> Int {
        var random = DemoRandom(seed: options.seed, stream: 11)
        var alerts: [(time: Int64, line: String)] = []
        var day = 0
        while day < options.days {
            let time = options.metricsStart + Int64(day) * 86_400 + Int64(random.int(0...86_000))
            alerts.append(
                (
                    time,
                    "\"type\":\"system\",\"severity\":\"warning\",\"title\":\"MCP server restarted\",\"message\":\"The MCP server restarted after a memory limit; agents reconnected.\",\"source\":\"mcp-server\",\"alert_id\":\"mcp-restart\""
                ))
            day += random.int(2...4)
        }
        let latency =
            "\"type\":\"system\",\"severity\":\"warning\",\"title\":\"API latency above 250 ms\",\"message\":\"p95 latency of the coordination API is degraded.\",\"source\":\"health-check\""
        alerts.append((options.end - 3 * 3600, latency))
        alerts.append((options.end - 2 * 3600, latency + ",\"resolved\":true"))
        for minutes in stride(from: 40, through: 5, by: -5) {
            alerts.append(
                (
                    options.end - Int64(minutes) * 60,
                    "\"type\":\"system\",\"severity\":\"error\",\"title\":\"Health check failing\",\"message\":\"The MCP server does not answer; the coordination API returns errors.\",\"source\":\"health-check\",\"alert_id\":\"health-check-failing\""
                ))
        }
        let written = alerts.sorted(by: { $0.time < $1.time }).filter { $0.time < options.end }
        for alert in written {
            writer.write("{\"kind\":\"alert\",\"timestamp\":\"\(UTCTime.formatISO(alert.time))\",\(alert.line)}\n")
        }
        return written.count
    }

    /// The `check` and `session` lines `agentreport hook` would have written
    /// (docs/collector.md), in time order: each working session starts and ends, and runs
    /// the tests and the build a few times. Runs pass nine times in ten, except the busy
    /// agent's in the last 24 hours, which fail more often than not, so the checks page has
    /// a falling pass rate and `check-pass-rate-falling` something to find. Every other
    /// `swift test` runs in a `test-runner` subagent (`subagent_type`), and each of those
    /// sessions of the busy agent has a turn that ends in an API error (`failure`,
    /// `rate_limit`) half-way, so the agent pages' session section has all three events. Neither draws a random
    /// number: the rest of the demo is what it was. The silent agent writes nothing in its
    /// last 30 hours, as everywhere.
    func writeHookLines(to writer: ByteWriter) -> Int {
        var lines: [(time: Int64, agent: String, text: String)] = []
        for (index, agent) in team.agents.enumerated() {
            var random = DemoRandom(seed: options.seed, stream: 12, UInt64(index))
            for day in sessions.indices {
                guard index < sessions[day].count, let session = sessions[day][index] else { continue }
                let id = "demo-\(agent.id)-\(day)"
                lines.append(
                    (session.start, agent.id, "\"event\":\"start\",\"session_id\":\"\(id)\",\"reason\":\"startup\""))
                let lastDay = session.end >= options.end - 86_400
                let falling = index == team.busy && lastDay
                let runs = falling ? random.int(6...8) : random.int(2...5)
                let length = max(session.end - session.start, 600)
                for run in 0..<runs {
                    let time = session.start + length * Int64(run + 1) / Int64(runs + 1)
                    let passed = random.chance(falling ? 0.3 : 0.9)
                    let name = run % 3 == 2 ? "swift build" : "swift test"
                    let seconds = Int(random.double(8...95) * 10)
                    let subagent = name == "swift test" && run % 2 == 1 ? ",\"subagent_type\":\"test-runner\"" : ""
                    lines.append(
                        (
                            time, agent.id,
                            "\"name\":\"\(name)\",\"passed\":\(passed),\"exit_code\":\(passed ? 0 : 1),\"duration_s\":\(seconds / 10).\(seconds % 10)\(subagent)"
                        ))
                }
                if falling {
                    lines.append(
                        (
                            session.start + length / 2, agent.id,
                            "\"event\":\"failure\",\"session_id\":\"\(id)\",\"reason\":\"rate_limit\""
                        ))
                }
                lines.append(
                    (
                        session.end, agent.id,
                        "\"event\":\"end\",\"session_id\":\"\(id)\",\"reason\":\"prompt_input_exit\""
                    ))
            }
        }
        let written = lines.enumerated()
            .filter { entry in
                let line = entry.element
                let silent = team.agents.indices.contains(team.silent) && team.agents[team.silent].id == line.agent
                return line.time < options.end && !(silent && line.time >= options.end - 30 * 3600)
            }
            .sorted { ($0.element.time, $0.offset) < ($1.element.time, $1.offset) }
        for (_, line) in written {
            let kind = line.text.hasPrefix("\"event\"") ? "session" : "check"
            writer.write(
                "{\"kind\":\"\(kind)\",\"agent_id\":\"\(line.agent)\",\"timestamp\":\"\(UTCTime.formatISO(line.time))\",\(line.text)}\n"
            )
            writer.flushIfFull()
        }
        return written.count
    }
}

private extension DemoMetrics {
    func writeAgent(
        _ index: Int, at time: Int64, iso: String, session: DemoHistory.Session?, state: inout AgentState,
        to w: ByteWriter
    ) {
        let end = options.end
        let agent = team.agents[index]
        var status = session == nil ? "idle" : "active"
        if index == team.erring, time >= end - 20 * 60 { status = "error" }
        if index == team.silent, time >= end - 30 * 3600 - 15 * 60 { status = "offline" }
        var cpu = session == nil ? state.random.double(0.5...8) : state.random.double(20...75)
        if index == team.busy, time >= end - 45 * 60 { cpu = state.random.double(92...99) }
        var memory = state.memoryBase + state.random.double(-0.5...0.5) + (session == nil ? 0 : 1.5)
        if index == team.memoryHungry, time >= end - 45 * 60 { memory = state.random.double(91...96) }
        if let session {
            state.uncommitted = state.random.chance(0.05) ? 0 : min(40, state.uncommitted + state.random.int(0...2))
            state.lastActivity = max(state.lastActivity, min(time, session.end) - Int64(state.random.int(0...50)))
        }
        if index == team.busy, time >= end - 2 * 3600 { state.uncommitted = 51 + Int((time - (end - 2 * 3600)) / 600) }
        w.write(
            "{\"kind\":\"agent\",\"agent_id\":\"\(agent.id)\",\"timestamp\":\"\(iso)\",\"status\":\"\(status)\",\"current_task\":"
        )
        w.write(session?.task.map { "\"\($0)\"" } ?? "null")
        w.write(",\"cpu_usage\":")
        w.write(fixed: cpu, decimals: 1)
        w.write(",\"memory_usage\":")
        w.write(int: Int64(memory / 100 * 16_000_000_000))
        w.write(",\"memory_percent\":")
        w.write(fixed: memory, decimals: 2)
        w.write(",\"uncommitted_changes\":")
        w.write(int: Int64(state.uncommitted))
        w.write(",\"uptime_seconds\":")
        w.write(int: (time - options.metricsStart + Int64(index) * 7200) % (3 * 86_400))
        w.write(",\"last_activity\":\"")
        w.write(isoTime: state.lastActivity)
        w.write("\",\"branch\":\"\(agent.branch)\"}\n")
        w.flushIfFull()
    }

    func writeHealth(at time: Int64, iso: String, activeAgents: Int, random: inout DemoRandom, to w: ByteWriter) {
        let end = options.end
        let unhealthy = time >= end - 40 * 60
        let degraded = !unhealthy && time >= end - 3 * 3600
        let status = unhealthy ? "unhealthy" : degraded ? "degraded" : "healthy"
        w.write(
            "{\"kind\":\"system_health\",\"timestamp\":\"\(iso)\",\"overall_status\":\"\(status)\",\"api_latency\":")
        w.write(
            fixed: unhealthy
                ? random.double(1500...3000) : degraded ? random.double(250...600) : random.double(30...70), decimals: 1
        )
        w.write(
            ",\"websocket_connections\":\(activeAgents),\"file_watch_events\":\(random.int(50...200)),\"error_count\":")
        w.write(
            int: Int64(unhealthy ? random.int(20...60) : degraded ? random.int(3...9) : (random.chance(0.01) ? 1 : 0)))
        w.write(",\"cpu_usage\":")
        w.write(fixed: unhealthy ? random.double(92...98) : random.double(15...45), decimals: 1)
        w.write(",\"memory_usage\":")
        w.write(int: Int64(random.int(2_000...3_000)) * 1_000_000)
        w.write(",\"disk_usage\":")
        w.write(int: 41_000_000_000 + (time - options.metricsStart) * 1_000)
        w.write(
            unhealthy
                ? ",\"details\":{\"mcp\":\"down\",\"git\":\"up\"}}\n"
                : ",\"details\":{\"mcp\":\"up\",\"git\":\"up\"}}\n")
        w.flushIfFull()
    }
}
