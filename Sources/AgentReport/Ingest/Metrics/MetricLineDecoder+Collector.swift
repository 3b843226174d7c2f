/// The kinds `agentreport hook` writes (docs/formats.md): `check` (a test or build run) into
/// `agent_checks`, `session` (a session started, ended, or ended its turn in an API error)
/// into `agent_sessions` (migration v13). A line read twice is stored once: the tables'
/// unique keys are (agent, time, name) and (agent, time, event, session).
extension MetricLineDecoder.Row {
    /// The INSERT of a `check` line, columns in the order `check(now:into:)` appends them.
    static let checkInsert = """
        INSERT OR IGNORE INTO agent_checks
            (agent_id, timestamp, name, passed, exit_code, duration_s, subagent_type, created_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
        """

    /// The INSERT of a `session` line.
    static let sessionInsert = """
        INSERT OR IGNORE INTO agent_sessions (agent_id, timestamp, event, session_id, reason, created_at)
        VALUES (?, ?, ?, ?, ?, ?)
        """

    /// The session events a `session` line may name.
    static let sessionEvents: [StaticString] = ["start", "end", "failure"]

    /// A `kind: check` line: `agent_id`, `timestamp`, `name` and `passed` are required;
    /// `exit_code` (whole number), `duration_s` (seconds) and `subagent_type` (text: the
    /// subagent the run happened in) may be null. `created_at` is the run's "now".
    func check(now: Int64, into batch: inout MetricBatch) throws {
        try agentId(into: &batch)
        try time(.timestamp, required: true, into: &batch)
        try text(.name, required: true, into: &batch)
        try requiredFlag(.passed, into: &batch)
        try int(.exitCode, into: &batch)
        try real(.durationS, into: &batch)
        try text(.subagentType, into: &batch)
        batch.values.append(.time(now))
    }

    /// A `kind: session` line: `agent_id`, `timestamp` and `event` (`start`, `end`,
    /// `failure`) are required; `session_id` and `reason` are text.
    func session(now: Int64, into batch: inout MetricBatch) throws {
        try agentId(into: &batch)
        try time(.timestamp, required: true, into: &batch)
        try oneOf(.event, Self.sessionEvents, required: true, into: &batch)
        let sessionStart = batch.values.count
        try text(.sessionId, into: &batch)
        // The unique key needs a value: an event without a session id is "" (NULLs never clash).
        if case .null = batch.values[sessionStart] { batch.values[sessionStart] = .constant("") }
        try text(.reason, into: &batch)
        batch.values.append(.time(now))
    }

    /// A required `true`/`false`, bound as 1/0.
    private func requiredFlag(_ name: MetricField, into batch: inout MetricBatch) throws {
        guard let field = field(name) else { throw Problem(offset: 0, message: "no \"\(name.key)\"") }
        guard case .bool(let value) = field.value else {
            throw Problem(offset: field.valueOffset, message: "\"\(name.key)\" must be true or false")
        }
        batch.values.append(.int(value ? 1 : 0))
    }
}
