import Foundation
import GRDB
import Testing

@testable import AgentReport

@Suite struct MetricsRunTests {
    @Test func failedTransactionKeepsEarlierChunksAndTheRunResumesAfterThem() throws {
        let ws = try MetricsTestWorkspace()
        ws.chunkSize = 200
        ws.transactionBytes = 1  // one chunk per transaction
        var text = MetricsIncrementalTests.lines("a", 0..<10)
        text += MetricsIncrementalTests.line("boom", 0) + "\n" + MetricsIncrementalTests.lines("a", 10..<20)
        try ws.write("a.jsonl", text)
        try ws.store.queue.write { db in
            try db.execute(
                sql: """
                    CREATE TRIGGER fail_boom BEFORE INSERT ON agent_metrics WHEN NEW.agent_id = 'boom'
                    BEGIN SELECT RAISE(ABORT, 'disk on fire'); END
                    """)
        }
        #expect(throws: DatabaseError.self) { try ws.ingest() }
        let stored = try ws.count("SELECT COUNT(*) FROM agent_metrics")
        let state = try ws.rows("SELECT offset, lines_read FROM metric_files")
        #expect(stored > 0 && stored <= 10, "the chunks before the failing one stay committed")
        // The remembered offset is exactly after what was committed: no line lost or doubled.
        #expect(state.first?[1] == String(stored))
        try ws.store.queue.write { db in try db.execute(sql: "DROP TRIGGER fail_boom") }
        #expect(try ws.ingest() == 21 - stored)
        #expect(try ws.count("SELECT COUNT(*) FROM agent_metrics") == 21)
    }

    @Test func ingestCommandExitsThreeOnABadLineAndZeroOtherwise() throws {
        let root = NSTemporaryDirectory() + "metrics-run-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: root + "/metrics", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        var options = RunOptions()
        options.workingDirectory = root
        options.databasePath = root + "/db.sqlite"
        options.now = "2026-03-03T00:00:00Z"
        options.verbosity = .quiet
        options.environment = [:]
        try Data((MetricsIncrementalTests.lines("a", 0..<3)).utf8).write(
            to: URL(fileURLWithPath: root + "/metrics/a.jsonl"))
        #expect(Engine.ingest(options, only: ["metrics"]) == .success)
        try Data((MetricsIncrementalTests.lines("a", 0..<3) + "{oops\n").utf8).write(
            to: URL(fileURLWithPath: root + "/metrics/a.jsonl"))
        #expect(Engine.ingest(options, only: ["metrics"]) == .rejectedInput)
        let store = try ReportStore.openForReading(at: root + "/db.sqlite")
        let recorded = try store.queue.read { db in
            try Row.fetchAll(db, sql: "SELECT file, line, column, severity FROM run_diagnostics").map {
                "\($0["file"] as String? ?? ""):\($0["line"] as Int? ?? 0):\($0["column"] as Int? ?? 0): \($0["severity"] as String? ?? "")"
            }
        }
        #expect(recorded == ["metrics/a.jsonl:4:2: error"], "the rejection is kept for the report")
    }
}
