import Foundation
import GRDB

/// Evaluates every default rule of DESIGN §6 against the database as of "now".
///
/// Only data up to "now" is considered (a sample stamped later does not exist yet), so a
/// build with a fixed "now" gives the same findings. Every rule is written to stay silent
/// when its evidence is missing: no false positives.
public struct AlertEvaluator {
    /// The config's `alerts` thresholds.
    public let thresholds: ReportConfig.Alerts
    /// Agent ids from the config (they may have no data yet).
    public let configuredAgents: [String]
    /// The run's "now", epoch seconds.
    public let now: Int64
    /// The inputs rejected on this run (error diagnostics).
    public let rejections: [Diagnostic]

    /// An evaluator for one run.
    public init(
        thresholds: ReportConfig.Alerts, configuredAgents: [String] = [], now: Int64, rejections: [Diagnostic] = []
    ) {
        self.thresholds = thresholds
        self.configuredAgents = configuredAgents
        self.now = now
        self.rejections = rejections
    }

    /// Every finding, sorted by fingerprint.
    public func findings(in db: Database) throws -> [AlertFinding] {
        var result: [AlertFinding] = []
        let agents = try knownAgents(in: db)
        result += try agentSilence(agents, in: db)
        result += try agentSamples(agents, in: db)
        result += try blockedTasks(in: db)
        result += try stalledTasks(in: db)
        result += try velocity(in: db)
        result += try reviewQueue(in: db)
        result += try systemHealth(in: db)
        result += try ragHitRate(in: db)
        result += try costOverBudget(in: db)
        result += try checkPassRates(in: db)
        result += rejectedInputs()
        return result.sorted { $0.fingerprint < $1.fingerprint }
    }

    /// "Now" as stored text.
    var nowText: String { UTCTime.format(now) }

    /// A number of hours or days as text: `30`, `2.5`.
    func amount(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)
    }

    /// Ids the team uses for "everyone"; never an agent.
    static let teamNames: Set<String> = ["all", "team", "*", "unattributed", "everyone"]

    /// Agents from the config, the `agents` table, samples, daily aggregates, commits and
    /// progress entries.
    func knownAgents(in db: Database) throws -> [String] {
        var ids = Set(configuredAgents)
        ids.formUnion(try String.fetchAll(db, sql: "SELECT id FROM agents"))
        for table in ["agent_metrics", "agent_metrics_daily", "git_commits", "progress_entries"] {
            // One index seek per agent (a skip scan by hand): SELECT DISTINCT would read the whole index.
            var next = try String.fetchOne(db, sql: "SELECT MIN(agent_id) FROM \(table)")
            while let agent = next {
                ids.insert(agent)
                next = try String.fetchOne(
                    db, sql: "SELECT MIN(agent_id) FROM \(table) WHERE agent_id > ?", arguments: [agent])
            }
        }
        return ids.subtracting(Self.teamNames).sorted()
    }
}
