import Foundation
import GRDB

@testable import AgentReport

/// A database to evaluate alert rules on, with helpers that insert exactly the evidence a
/// rule looks at. "Now" is fixed.
struct AlertWorld {
    static let now = UTCTime.parse("2026-03-10T12:00:00Z") ?? 0
    static let hour: Int64 = 3600
    static let day: Int64 = 86_400

    let store: ReportStore
    var config = ReportConfig(baseDirectory: NSTemporaryDirectory())

    init() throws {
        store = try ReportStore.inMemory()
    }

    // MARK: - Evaluating

    /// The findings at `now`.
    func findings(at now: Int64 = AlertWorld.now, rejections: [Diagnostic] = []) throws -> [AlertFinding] {
        let evaluator = AlertEvaluator(
            thresholds: config.alerts, configuredAgents: config.agents.map(\.id), now: now, rejections: rejections)
        return try store.queue.read { db in try evaluator.findings(in: db) }
    }

    /// The fingerprints found at `now`.
    func fingerprints(at now: Int64 = AlertWorld.now, rejections: [Diagnostic] = []) throws -> [String] {
        try findings(at: now, rejections: rejections).map(\.fingerprint)
    }

    /// The finding with this fingerprint, if any.
    func finding(_ fingerprint: String, at now: Int64 = AlertWorld.now) throws -> AlertFinding? {
        try findings(at: now).first { $0.fingerprint == fingerprint }
    }

    /// Runs the build's real maintenance stages (retain, evaluate alerts) at `now`.
    @discardableResult
    func build(at now: Int64, diagnostics: [Diagnostic] = []) throws -> RunSummary {
        let log = DiagnosticLog()
        log.report(contentsOf: diagnostics)
        let context = RunContext(config: config, now: now, diagnostics: log)
        return try PipelineRunner(stages: Engine.maintenanceStages(store: store)).run(context)
    }

    /// Every alert row, oldest first.
    func alerts() throws -> [AlertRecord] {
        try store.queue.read { db in try ReportStore.alerts(all: true, now: AlertWorld.now, in: db) }
            .sorted { $0.id < $1.id }
    }

    // MARK: - Evidence

    func write(_ body: (Database) throws -> Void) throws {
        try store.queue.write { db in try body(db) }
    }

    func agent(_ id: String) throws {
        try write { db in try db.execute(sql: "INSERT OR IGNORE INTO agents (id) VALUES (?)", arguments: [id]) }
    }

    func sample(_ agent: String, at time: Int64, status: String = "active", cpu: Double? = 10, memory: Double? = 5, uncommitted: Int? = 0) throws {
        try write { db in
            try SampleFactory.insertSample(db, agent: agent, at: time, status: status, cpu: cpu, memoryPercent: memory, uncommitted: uncommitted)
        }
    }

    func commit(_ agent: String, at time: Int64, tasks: [String] = []) throws {
        let hash = UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased() + "00000000"
        try write { db in
            try db.execute(sql: """
                INSERT INTO git_commits (commit_hash, short_hash, agent_id, message, commit_timestamp) VALUES (?, ?, ?, 'work', ?)
                """, arguments: [hash, String(hash.prefix(7)), agent, UTCTime.format(time)])
            for task in tasks {
                try db.execute(sql: "INSERT INTO commit_tasks (commit_hash, task_id) VALUES (?, ?)", arguments: [hash, task])
            }
        }
    }

    func progress(_ agent: String, at time: Int64, tasks: [String] = []) throws {
        try write { db in
            try db.execute(sql: """
                INSERT INTO progress_entries (entry_key, agent_id, timestamp, body, task_ids) VALUES (?, ?, ?, 'did things', ?)
                """, arguments: [UUID().uuidString, agent, UTCTime.format(time), JSONSupport.encode(tasks)])
        }
    }

    func event(_ task: String, _ type: String, at time: Int64, by agent: String? = nil, assignedTo: String? = nil) throws {
        try write { db in
            try db.execute(sql: """
                INSERT INTO task_events (task_id, event_type, new_status, changed_by, assigned_to, timestamp) VALUES (?, ?, 'done', ?, ?, ?)
                """, arguments: [task, type, agent, assignedTo, UTCTime.format(time)])
        }
    }

    func task(_ id: String, status: String, since: Int64, assignedTo: String? = "builder", removed: Bool = false, blockers: [String] = []) throws {
        try write { db in
            try db.execute(sql: """
                INSERT OR REPLACE INTO tasks (task_id, title, status, assigned_to, removed, blockers, first_seen_at, status_since, last_changed_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [id, "Title of \(id)", status, assignedTo, removed ? 1 : 0, JSONSupport.encode(blockers),
                                 UTCTime.format(since - AlertWorld.day), UTCTime.format(since), UTCTime.format(since)])
        }
    }

    func health(at time: Int64, _ status: String) throws {
        try write { db in try SampleFactory.insertHealth(db, at: time, status: status) }
    }

    func rag(at time: Int64, hitRate: Double?, totalQueries: Int = 100, lastHour: Int = 10) throws {
        try write { db in try SampleFactory.insertRag(db, at: time, hitRate: hitRate, totalQueries: totalQueries, lastHour: lastHour) }
    }
}
