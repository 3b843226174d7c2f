import Foundation
import GRDB
import Testing

@testable import AgentReport

/// `check-pass-rate-falling:<agent>`: fires on a real fall, and not on noise.
@Suite struct CheckAlertRuleTests {
    let now = AlertWorld.now
    let hour = AlertWorld.hour
    let day = AlertWorld.day

    /// `runs` checks of `agent`, `passed` of them passing, spread over the hours before `end`.
    func checks(
        _ world: AlertWorld, _ agent: String, runs: Int, passed: Int, before end: Int64, name: String = "swift test"
    )
        throws
    {
        try world.write { db in
            for index in 0..<runs {
                try db.execute(
                    sql:
                        "INSERT INTO agent_checks (agent_id, timestamp, name, passed, exit_code) VALUES (?, ?, ?, ?, ?)",
                    arguments: [
                        agent, UTCTime.format(end - Int64(index + 1) * 600), name, index < passed ? 1 : 0,
                        index < passed ? 0 : 1,
                    ])
            }
        }
    }

    @Test func aPassRateFallingByTheThresholdFires() throws {
        let world = try AlertWorld()
        try checks(world, "builder", runs: 10, passed: 9, before: now - 2 * day)  // 90 % the week before
        try checks(world, "builder", runs: 10, passed: 5, before: now)  // 50 % today
        let finding = try #require(try world.finding("check-pass-rate-falling:builder"))
        #expect(finding.severity == .warning)
        #expect(finding.message.contains("50.0% of 10 runs"))
        #expect(finding.message.contains("90.0% of 10 runs"))
        #expect(finding.message.contains("down 40.0 points"))
        #expect(finding.message.contains("last failure swift test at \(UTCTime.format(now - 6 * 600))"))
    }

    @Test func aStableOrSmallFallOrTooFewRunsMustNotFire() throws {
        let stable = try AlertWorld()
        try checks(stable, "builder", runs: 10, passed: 8, before: now - 2 * day)
        try checks(stable, "builder", runs: 10, passed: 6, before: now)  // down 20 points < 25
        #expect(try stable.fingerprints().isEmpty)

        let fewToday = try AlertWorld()
        try checks(fewToday, "builder", runs: 20, passed: 20, before: now - 2 * day)
        try checks(fewToday, "builder", runs: 4, passed: 0, before: now)  // 4 runs: no evidence
        #expect(try fewToday.fingerprints().isEmpty)

        let noBaseline = try AlertWorld()
        try checks(noBaseline, "builder", runs: 4, passed: 4, before: now - 2 * day)
        try checks(noBaseline, "builder", runs: 10, passed: 0, before: now)
        #expect(try noBaseline.fingerprints().isEmpty)

        let old = try AlertWorld()
        try checks(old, "builder", runs: 10, passed: 10, before: now - 20 * day)  // before the baseline window
        try checks(old, "builder", runs: 10, passed: 0, before: now)
        #expect(try old.fingerprints().isEmpty)

        let future = try AlertWorld()
        try checks(future, "builder", runs: 10, passed: 10, before: now - 2 * day)
        try checks(future, "builder", runs: 10, passed: 0, before: now + 3 * hour + 6_000)  // stamped after "now"
        #expect(try future.fingerprints().isEmpty)
    }

    @Test func theAlertResolvesWhenThePassRateRecovers() throws {
        var world = try AlertWorld()
        world.config.alerts.passRateDrop = 0.3
        try checks(world, "builder", runs: 10, passed: 10, before: now - 2 * day)
        try checks(world, "builder", runs: 10, passed: 5, before: now)
        try world.build(at: now)
        #expect(try world.alerts().filter { !$0.resolved }.map(\.fingerprint) == ["check-pass-rate-falling:builder"])
        try checks(world, "builder", runs: 30, passed: 30, before: now + 5 * hour, name: "swift build")
        try world.build(at: now + 5 * hour)
        #expect(try world.alerts().filter { !$0.resolved }.isEmpty)
    }
}
