import Foundation
import GRDB
import Testing

@testable import AgentReport

/// A row the store compares with what it is about to write must compare the redacted
/// value: the stored row holds `[REDACTED]`, so comparing the raw text would call an
/// unchanged entry "edited" on every run.
@Suite struct ReliabilityStoredComparisonTests {
    @Test(arguments: SecretSamples.all.prefix(4))
    func aProgressEntryHoldingASecretIsUnchangedOnTheNextRun(_ sample: SecretSamples.Sample) throws {
        let store = try ReportStore.inMemory()
        let entry = ProgressEntry(
            key: ProgressEntry.key(
                path: "coordination/progress-log.md", agentId: "builder", timestamp: 1_772_445_600, position: 0),
            path: "coordination/progress-log.md", position: 0, agentId: "builder", agentName: nil,
            timestamp: 1_772_445_600, title: "Deployed with \(sample.secret)",
            body: "Deployed with \(sample.secret)\nall green", taskIds: [], line: 3)
        let first = try store.queue.write { db in
            try ReportStore.storeProgressEntry(entry, source: "progress", at: 1_772_445_600, in: db)
        }
        let second = try store.queue.write { db in
            try ReportStore.storeProgressEntry(entry, source: "progress", at: 1_772_449_200, in: db)
        }
        #expect(first == .inserted)
        #expect(second == .unchanged, "\(sample.name): the entry was called edited")
        let edited = try store.queue.read { db in
            try Row.fetchOne(db, sql: "SELECT edited_at, body FROM progress_entries")
        }
        #expect((edited?["edited_at"] as String?) == nil)
        #expect((edited?["body"] as String?)?.contains(sample.secret) == false)
    }
}

/// The same kind, every source at once: a workspace with a secret in every free-text field,
/// built twice on unchanged inputs, adds no row the second time (but the run's own record).
@Suite struct ReliabilitySecondRunTests {
    @Test(arguments: SecretSamples.all.prefix(3))
    func aSecondBuildOnUnchangedInputsWithSecretsAddsNothing(_ sample: SecretSamples.Sample) throws {
        let workspace = try SecretWorkspace(sample)
        _ = workspace.build()
        let before = try Self.rowCounts(workspace.root)
        _ = workspace.build()
        let after = try Self.rowCounts(workspace.root)
        for (table, count) in after.sorted(by: { $0.key < $1.key }) where !Self.perRun.contains(table) {
            #expect(count == before[table], "\(sample.name): \(table) went from \(before[table] ?? 0) to \(count) rows")
        }
    }

    /// Tables that record each run itself.
    static let perRun: Set<String> = ["runs", "run_diagnostics", "retention_log"]

    static func rowCounts(_ root: String) throws -> [String: Int] {
        let queue = try DatabaseQueue(path: root + "/agentreport.sqlite")
        return try queue.read { db in
            var counts: [String: Int] = [:]
            for table in try String.fetchAll(
                db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
            {
                counts[table] = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \"\(table)\"") ?? 0
            }
            return counts
        }
    }
}
