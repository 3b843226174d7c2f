import Foundation
import GRDB

/// The check rule: an agent's test and build pass rate falling (`agent_checks`, recorded by
/// `agentreport hook`).
extension AlertEvaluator {
    /// The recent window: the last 24 hours.
    public static let passRateRecentWindow: Int64 = 86_400
    /// The baseline: the 7 days before the recent window.
    public static let passRateBaselineWindow: Int64 = 7 * 86_400
    /// The fewest runs in each window for a pass rate to mean anything.
    public static let passRateMinimumRuns = 5

    /// `check-pass-rate-falling:<agent>`: the agent's pass rate over the last 24 hours is at
    /// least `passRateDrop` below its pass rate over the 7 days before, each window with at
    /// least 5 runs. An agent with too few runs in either window has no evidence: no alert.
    func checkPassRates(in db: Database) throws -> [AlertFinding] {
        let recentStart = UTCTime.format(now - Self.passRateRecentWindow)
        let baselineStart = UTCTime.format(now - Self.passRateRecentWindow - Self.passRateBaselineWindow)
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT agent_id,
                       SUM(timestamp > ?) AS recent, SUM(timestamp > ? AND passed = 1) AS recent_passed,
                       SUM(timestamp <= ?) AS baseline, SUM(timestamp <= ? AND passed = 1) AS baseline_passed,
                       MAX(CASE WHEN passed = 0 THEN timestamp END) AS last_failure
                FROM agent_checks WHERE timestamp > ? AND timestamp <= ? GROUP BY agent_id ORDER BY agent_id
                """,
            arguments: [recentStart, recentStart, recentStart, recentStart, baselineStart, nowText])
        var findings: [AlertFinding] = []
        for row in rows {
            let agent: String = row["agent_id"]
            let recent: Int = row["recent"] ?? 0
            let baseline: Int = row["baseline"] ?? 0
            guard !Self.teamNames.contains(agent), recent >= Self.passRateMinimumRuns,
                baseline >= Self.passRateMinimumRuns
            else { continue }
            let recentRate = Double(row["recent_passed"] ?? 0) / Double(recent)
            let baselineRate = Double(row["baseline_passed"] ?? 0) / Double(baseline)
            guard baselineRate - recentRate >= thresholds.passRateDrop else { continue }
            let lastFailure: String? = row["last_failure"]
            let failing = try lastFailure.flatMap { time in
                try String.fetchOne(
                    db,
                    sql:
                        "SELECT name FROM agent_checks WHERE agent_id = ? AND timestamp = ? AND passed = 0 ORDER BY name",
                    arguments: [agent, time])
            }
            findings.append(
                AlertFinding(
                    rule: .checkPassRateFalling, subject: agent, severity: .warning,
                    title: "Agent \(agent): test pass rate falling",
                    message:
                        "\(agent)'s checks passed \(Self.percent(recentRate)) of \(recent) runs in the 24 hours before \(nowText) UTC, against \(Self.percent(baselineRate)) of \(baseline) runs in the 7 days before; "
                        + "down \(Self.points(baselineRate - recentRate)) points (threshold \(Self.points(thresholds.passRateDrop)))"
                        + (lastFailure.map { "; last failure \(failing ?? "a check") at \($0) UTC." } ?? "."),
                    evidence: [
                        "agent": agent, "recent_runs": recent, "recent_pass_rate": (recentRate * 1000).rounded() / 1000,
                        "baseline_runs": baseline, "baseline_pass_rate": (baselineRate * 1000).rounded() / 1000,
                        "window_start": recentStart, "baseline_start": baselineStart,
                        "last_failure": lastFailure ?? "", "threshold": thresholds.passRateDrop,
                    ]))
        }
        return findings
    }

    /// A rate as percent with one decimal: `0.875` → `87.5%`.
    static func percent(_ rate: Double) -> String { points(rate) + "%" }

    /// A rate difference in percentage points with one decimal: `0.4` → `40.0`.
    static func points(_ rate: Double) -> String { String(format: "%.1f", rate * 100) }
}
