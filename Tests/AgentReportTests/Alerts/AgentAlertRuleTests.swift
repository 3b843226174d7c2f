import Foundation
import Testing

@testable import AgentReport

/// Agent rules: each has a case where it fires and cases where it must not.
@Suite struct AgentAlertRuleTests {
    let now = AlertWorld.now
    let hour = AlertWorld.hour

    // MARK: - agent-silent

    @Test func silentAgentFiresAndNamesItsLastActivity() throws {
        let world = try AlertWorld()
        try world.commit("builder", at: now - 25 * hour)
        let finding = try #require(try world.finding("agent-silent:builder"))
        #expect(finding.severity == .warning)
        #expect(finding.message.contains(UTCTime.format(now - 25 * hour)))
        #expect(finding.message.contains("commit"))
    }

    @Test func agentSilentMustNotFireAtExactlyTheThresholdOrWithRecentActivityOfAnyKind() throws {
        let world = try AlertWorld()
        try world.commit("builder", at: now - 24 * hour)  // exactly 24 h: not more than the threshold
        try world.commit("architect", at: now - 72 * hour)
        try world.progress("architect", at: now - 2 * hour)  // a recent progress entry
        try world.commit("validator", at: now - 72 * hour)
        try world.event("TASK-1", "updated", at: now - hour, by: "validator")  // a recent task event
        try world.sample("tester", at: now - 30 * hour)
        try world.sample("tester", at: now - 3 * hour)  // a recent sample
        #expect(try world.fingerprints().filter { $0.hasPrefix("agent-silent") }.isEmpty)
    }

    @Test func agentSilentMustNotFireForAgentsWithNoActivityOrForTheTeam() throws {
        var world = try AlertWorld()
        world.config.agents = [ReportConfig.Agent(id: "newcomer")]  // configured, nothing recorded yet
        try world.agent("team")
        try world.agent("all")
        try world.commit("unattributed", at: now - 90 * hour)
        try world.event("TASK-2", "created", at: now - 90 * hour, by: "team", assignedTo: "all")
        #expect(try world.fingerprints().isEmpty)
    }

    // MARK: - agent-error / agent-offline

    @Test func latestSampleInErrorOrOfflineFires() throws {
        let world = try AlertWorld()
        try world.sample("builder", at: now - 2 * hour, status: "active")
        try world.sample("builder", at: now - hour, status: "error")
        try world.sample("validator", at: now - hour, status: "offline")
        let error = try #require(try world.finding("agent-error:builder"))
        #expect(error.severity == .error)
        #expect(error.message.contains(UTCTime.format(now - hour)))
        #expect(try world.finding("agent-offline:validator")?.severity == .warning)
    }

    @Test func agentErrorMustNotFireWhenTheLatestSampleRecoveredOrIsInTheFuture() throws {
        let world = try AlertWorld()
        try world.sample("builder", at: now - 2 * hour, status: "error")
        try world.sample("builder", at: now - hour, status: "active")
        try world.sample("validator", at: now - hour, status: "idle")
        try world.sample("validator", at: now + hour, status: "offline")  // not yet, as of "now"
        let found = try world.fingerprints()
        #expect(!found.contains { $0.hasPrefix("agent-error") || $0.hasPrefix("agent-offline") })
    }

    // MARK: - uncommitted-changes

    @Test func uncommittedChangesAboveThresholdFire() throws {
        let world = try AlertWorld()
        try world.sample("builder", at: now - 60, uncommitted: 51)
        let finding = try #require(try world.finding("uncommitted-changes:builder"))
        #expect(finding.message.contains("51 uncommitted changes"))
        #expect(finding.message.contains(UTCTime.format(now - 60)))
    }

    @Test func uncommittedChangesMustNotFireAtTheThresholdOrOnOldSamples() throws {
        let world = try AlertWorld()
        try world.sample("builder", at: now - 60, uncommitted: 50)
        try world.sample("validator", at: now - 2 * hour, uncommitted: 80)
        try world.sample("validator", at: now - hour, uncommitted: 3)
        #expect(!(try world.fingerprints()).contains { $0.hasPrefix("uncommitted-changes") })
    }

    // MARK: - cpu-high / memory-high

    @Test func sustainedHighCPUAndMemoryFire() throws {
        let world = try AlertWorld()
        for minute in 0..<15 {
            try world.sample("builder", at: now - Int64(minute) * 60, cpu: 95 + Double(minute % 3), memory: 92)
        }
        let cpu = try #require(try world.finding("cpu-high:builder"))
        #expect(cpu.message.contains("All 15 metric samples"))
        #expect(cpu.message.contains(UTCTime.format(now - 14 * 60)))
        #expect(try world.finding("memory-high:builder") != nil)
    }

    @Test func sustainedCPUAndMemoryMustNotFireOnOneDipTooFewSamplesTheThresholdItselfOrOldSpikes() throws {
        let world = try AlertWorld()
        for minute in 0..<15 {  // one sample at 85 breaks "every sample"
            try world.sample(
                "builder", at: now - Int64(minute) * 60, cpu: minute == 7 ? 85 : 99, memory: minute == 3 ? 80 : 99)
        }
        try world.sample("validator", at: now - 60, cpu: 99)  // only two samples
        try world.sample("validator", at: now - 120, cpu: 99)
        for minute in 0..<5 {  // exactly at the threshold is not above it
            try world.sample("architect", at: now - Int64(minute) * 60, cpu: 90, memory: 90)
        }
        for minute in 20..<60 {  // a spike that ended more than 15 minutes ago
            try world.sample("tester", at: now - Int64(minute) * 60, cpu: 99, memory: 99)
        }
        let found = try world.fingerprints()
        #expect(!found.contains { $0.hasPrefix("cpu-high") || $0.hasPrefix("memory-high") })
    }

    @Test func anErroringAgentsAlertStartsAtTheFirstSampleOfTheRun() throws {
        let world = try AlertWorld()
        try world.sample("builder", at: AlertWorld.now - 30 * 60, status: "active")
        try world.sample("builder", at: AlertWorld.now - 20 * 60, status: "error")
        try world.sample("builder", at: AlertWorld.now - 10 * 60, status: "error")
        #expect(try world.finding("agent-error:builder")?.since == AlertWorld.now - 20 * 60)
    }
}
