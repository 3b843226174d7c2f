import Foundation
import GRDB

/// The budget rule: model cost from the agents' session logs (issue 16).
extension AlertEvaluator {
    /// `cost-over-budget:<agent>` when an agent's known model cost over the 24 hours before
    /// "now" exceeds `alerts.dailyCostUSD`, and `cost-over-budget:team` when the team's
    /// exceeds `alerts.teamDailyCostUSD`. Requests without a price are not guessed: the
    /// message says how many were left out (the real cost is at least the figure shown).
    /// No budget configured, no alert.
    func costOverBudget(in db: Database) throws -> [AlertFinding] {
        guard thresholds.dailyCostUSD != nil || thresholds.teamDailyCostUSD != nil,
            try db.tableExists("usage_requests")
        else { return [] }
        let from = UTCTime.format(now - 86_400)
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT agent_id, TOTAL(cost_usd) AS cost, TOTAL(cost_usd IS NULL) AS unpriced, COUNT(*) AS requests,
                       MAX(timestamp) AS last
                FROM usage_requests WHERE timestamp > ? AND timestamp <= ? GROUP BY agent_id ORDER BY agent_id
                """, arguments: [from, nowText])
        var findings: [AlertFinding] = []
        func finding(
            subject: String, who: String, cost: Double, unpriced: Int, requests: Int, last: String, budget: Double
        )
            -> AlertFinding
        {
            let left =
                unpriced > 0 ? " (and \(unpriced) request\(unpriced == 1 ? "" : "s") without a price, not counted)" : ""
            return AlertFinding(
                rule: .costOverBudget, subject: subject, severity: .warning,
                title: "\(who) over the daily model budget",
                message:
                    "\(who) spent \(UsageFormat.cost(cost)) on \(requests) model requests in the 24 hours to \(nowText) UTC\(left), "
                    + "above the budget of \(UsageFormat.cost(budget)); last request at \(last) UTC.",
                evidence: [
                    "cost_usd": (cost * 100).rounded() / 100, "budget_usd": budget, "requests": requests,
                    "unpriced_requests": unpriced, "window_start": from, "last_request": last,
                ])
        }
        var teamCost = 0.0
        var teamUnpriced = 0
        var teamRequests = 0
        var teamLast = ""
        for row in rows {
            let agent: String = row["agent_id"]
            let cost: Double = row["cost"]
            let unpriced = Int(row["unpriced"] as Double)
            let requests: Int = row["requests"]
            let last: String = row["last"]
            teamCost += cost
            teamUnpriced += unpriced
            teamRequests += requests
            teamLast = max(teamLast, last)
            guard let budget = thresholds.dailyCostUSD, !Self.teamNames.contains(agent), cost > budget else { continue }
            findings.append(
                finding(
                    subject: agent, who: "Agent \(agent)", cost: cost, unpriced: unpriced, requests: requests,
                    last: last,
                    budget: budget))
        }
        if let budget = thresholds.teamDailyCostUSD, teamCost > budget {
            findings.append(
                finding(
                    subject: "team", who: "The team", cost: teamCost, unpriced: teamUnpriced, requests: teamRequests,
                    last: teamLast, budget: budget))
        }
        return findings
    }
}
