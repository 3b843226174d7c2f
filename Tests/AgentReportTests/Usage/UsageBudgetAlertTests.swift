import Foundation
import GRDB
import Testing

@testable import AgentReport

/// `cost-over-budget`: per agent (`alerts.dailyCostUSD`) and team (`alerts.teamDailyCostUSD`)
/// over the 24 hours before "now", with its "should not fire" sides.
@Suite struct UsageBudgetAlertTests {
    func findings(dailyCostUSD: Double?, team: Double? = nil, now: String = "2026-05-02T06:00:00Z") throws
        -> [AlertFinding]
    {
        var thresholds = ReportConfig.Alerts()
        thresholds.dailyCostUSD = dailyCostUSD
        thresholds.teamDailyCostUSD = team
        let evaluator = AlertEvaluator(thresholds: thresholds, now: UTCTime.parse(now) ?? 0)
        return try UsageReportTests.store().queue.read { db in try evaluator.findings(in: db) }
            .filter { $0.rule == .costOverBudget }
    }

    @Test func anAgentOverItsDailyBudgetRaisesOneAlertNamingTheEvidence() throws {
        let found = try findings(dailyCostUSD: 7.5)  // builder spent $7, validator $8
        #expect(found.map(\.fingerprint) == ["cost-over-budget:validator"])
        let alert = try #require(found.first)
        #expect(alert.message.contains("$8.00") && alert.message.contains("1 request without a price"))
        #expect(alert.evidence.contains("\"budget_usd\":7.5"))
    }

    @Test func theTeamBudgetIsItsOwn() throws {
        #expect(try findings(dailyCostUSD: nil, team: 10).map(\.fingerprint) == ["cost-over-budget:team"])
        #expect(try findings(dailyCostUSD: nil, team: 16).isEmpty)
    }

    @Test func noBudgetOrSpendingWithinItOrOldSpendingRaisesNothing() throws {
        #expect(try findings(dailyCostUSD: nil).isEmpty)
        #expect(try findings(dailyCostUSD: 8).isEmpty)  // exactly at the budget is within it
        // Two days later the requests are outside the 24-hour window.
        #expect(try findings(dailyCostUSD: 1, team: 1, now: "2026-05-04T06:00:00Z").isEmpty)
    }

    @Test func requestsAfterNowAreNotCounted() throws {
        // As of 2026-05-01 12:30 only the 11:00 request ($1) has happened.
        #expect(
            try findings(dailyCostUSD: 0.5, now: "2026-05-01T12:30:00Z").map(\.fingerprint) == [
                "cost-over-budget:builder"
            ])
        #expect(try findings(dailyCostUSD: 1.5, now: "2026-05-01T12:30:00Z").isEmpty)
    }
}
