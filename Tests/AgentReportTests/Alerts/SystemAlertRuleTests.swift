import Foundation
import Testing

@testable import AgentReport

/// System rules: health, RAG hit rate, rejected inputs.
@Suite struct SystemAlertRuleTests {
    let now = AlertWorld.now
    let hour = AlertWorld.hour

    @Test func degradedIsAWarningAndUnhealthyIsCritical() throws {
        let degraded = try AlertWorld()
        try degraded.health(at: now - 60, "degraded")
        let warning = try #require(try degraded.finding("system-degraded:system"))
        #expect(warning.severity == .warning)
        #expect(warning.message.contains(UTCTime.format(now - 60)))

        let unhealthy = try AlertWorld()
        try unhealthy.health(at: now - 60, "unhealthy")
        #expect(try unhealthy.finding("system-unhealthy:system")?.severity == .critical)
    }

    @Test func systemHealthMustNotFireWhenTheLatestSampleIsHealthyOrThereIsNone() throws {
        let world = try AlertWorld()
        #expect(try world.fingerprints().isEmpty)
        try world.health(at: now - 2 * hour, "unhealthy")
        try world.health(at: now - hour, "healthy")
        try world.health(at: now + hour, "unhealthy")  // after "now"
        #expect(try world.fingerprints().isEmpty)
    }

    @Test func lowRagHitRateFires() throws {
        let world = try AlertWorld()
        try world.rag(at: now - 300, hitRate: 0.42)
        let finding = try #require(try world.finding("rag-hit-rate-low:memory-bank"))
        #expect(finding.message.contains("0.42"))
        #expect(finding.message.contains(UTCTime.format(now - 300)))
    }

    @Test func ragHitRateMustNotFireAtTheThresholdWithoutQueriesOrOnOldSamples() throws {
        let atThreshold = try AlertWorld()
        try atThreshold.rag(at: now - 300, hitRate: 0.5)
        #expect(try atThreshold.fingerprints().isEmpty)

        let noQueries = try AlertWorld()
        try noQueries.rag(at: now - 300, hitRate: 0, totalQueries: 0, lastHour: 0)
        #expect(try noQueries.fingerprints().isEmpty)

        let recovered = try AlertWorld()
        try recovered.rag(at: now - 600, hitRate: 0.1)
        try recovered.rag(at: now - 300, hitRate: 0.8)
        #expect(try recovered.fingerprints().isEmpty)
    }

    @Test func anInputRejectedOnThisRunFiresPerFile() throws {
        let world = try AlertWorld()
        let rejections = [
            Diagnostic(.error, file: "metrics/agents.jsonl", line: 7, column: 1, "not JSON"),
            Diagnostic(.error, file: "metrics/agents.jsonl", line: 9, column: 3, "missing timestamp"),
            Diagnostic(.error, file: "coordination/task-board.json", line: 1, column: 2, "not a task board"),
        ]
        let found = try world.findings(rejections: rejections).filter { $0.rule == .inputRejected }
        #expect(found.map(\.fingerprint) == ["input-rejected:coordination/task-board.json", "input-rejected:metrics/agents.jsonl"])
        #expect(found.last?.message.contains("metrics/agents.jsonl:7:1: error: not JSON") == true)
        #expect(found.last?.message.contains("and 1 more problem") == true)
    }

    @Test func inputRejectedMustNotFireForWarningsOrNotes() throws {
        let world = try AlertWorld()
        let diagnostics = [
            Diagnostic(.warning, file: "coordination/task-board.json", "unknown status 'WIP'"),
            Diagnostic(.note, file: "metrics/a.jsonl", "last line incomplete"),
        ]
        #expect(try world.fingerprints(rejections: diagnostics).isEmpty)
    }
}
