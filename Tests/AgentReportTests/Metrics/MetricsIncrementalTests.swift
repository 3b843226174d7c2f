import Foundation
import Testing

@testable import AgentReport

@Suite struct MetricsIncrementalTests {
    static func line(_ agent: String, _ minute: Int, status: String = "idle") -> String {
        #"{"kind":"agent","agent_id":"\#(agent)","timestamp":"2026-03-02T10:\#(String(format: "%02d", minute)):00Z","status":"\#(status)"}"#
    }

    static func lines(_ agent: String, _ minutes: Range<Int>) -> String {
        minutes.map { line(agent, $0) + "\n" }.joined()
    }

    @Test func rerunOnUnchangedFilesAddsNothing() throws {
        let ws = try MetricsTestWorkspace()
        try ws.write("a.jsonl", Self.lines("a", 0..<5))
        #expect(try ws.ingest() == 5)
        #expect(try ws.ingest() == 0)
        #expect(ws.diagnostics.isEmpty)
        #expect(
            try ws.rows("SELECT offset, lines_read, size FROM metric_files") == [
                ["\(Self.lines("a", 0..<5).utf8.count)", "5", "\(Self.lines("a", 0..<5).utf8.count)"]
            ])
    }

    @Test func onlyAppendedLinesAreReadWithTheirFileLineNumbers() throws {
        let ws = try MetricsTestWorkspace()
        try ws.write("a.jsonl", Self.lines("a", 0..<3))
        try ws.ingest()
        // Rows deleted behind the reader's back are not re-read: only what follows the offset is.
        try ws.store.queue.write { db in try db.execute(sql: "DELETE FROM agent_metrics") }
        try ws.append("a.jsonl", Self.lines("a", 3..<5) + "garbage\n")
        #expect(try ws.ingest() == 2)
        #expect(try ws.count("SELECT COUNT(*) FROM agent_metrics") == 2)
        #expect(ws.errors.map(\.line) == [6], "line numbers continue from the previous run")
    }

    @Test func truncatedLastLineIsCompletedOnTheNextRun() throws {
        let ws = try MetricsTestWorkspace()
        let last = Self.line("a", 2)
        let cut = last.index(last.startIndex, offsetBy: 30)
        try ws.write("a.jsonl", Self.lines("a", 0..<2) + last[..<cut])
        #expect(try ws.ingest() == 2)
        #expect(ws.diagnostics.isEmpty, "a line being written is not an error")
        try ws.append("a.jsonl", String(last[cut...]) + "\n")
        #expect(try ws.ingest() == 1)
        #expect(ws.diagnostics.isEmpty)
        #expect(try ws.count("SELECT COUNT(*) FROM agent_metrics WHERE timestamp = '2026-03-02 10:02:00'") == 1)
    }

    @Test func rotatedFileIsReadAgainFromTheStart() throws {
        let ws = try MetricsTestWorkspace()
        try ws.write("a.jsonl", Self.lines("a", 0..<4))
        try ws.ingest()
        // logrotate: the old file moves away to a.jsonl.1, a new one starts, already longer
        // than what was read before: the new one is read from its start, the old one on from
        // where it was left (nothing new there).
        try FileManager.default.moveItem(atPath: ws.path("a.jsonl"), toPath: ws.path("a.jsonl.1"))
        try ws.write("a.jsonl", Self.lines("b", 0..<6))
        #expect(try ws.ingest() == 6)
        #expect(ws.diagnostics.map(\.severity) == [.note])
        #expect(ws.diagnostics.first?.message.contains("continues a.jsonl (rotated)") == true)
        #expect(try ws.count("SELECT COUNT(*) FROM agent_metrics") == 10)
        #expect(try ws.ingest() == 0)
        #expect(ws.diagnostics.isEmpty)
    }

    @Test func fileReplacedByAShorterOneIsReadAgain() throws {
        let ws = try MetricsTestWorkspace()
        try ws.write("a.jsonl", Self.lines("a", 0..<5))
        try ws.ingest()
        try ws.write("a.jsonl", Self.lines("a", 0..<2) + Self.line("c", 9) + "\n")
        #expect(try ws.ingest() == 1, "the two samples already stored are stored once")
        #expect(ws.diagnostics.first?.message.contains("shorter") == true)
        #expect(
            try ws.rows("SELECT offset, lines_read FROM metric_files") == [
                ["\((Self.lines("a", 0..<2) + Self.line("c", 9) + "\n").utf8.count)", "3"]
            ])
        #expect(try ws.ingest() == 0)
    }

    @Test func sameSampleInTwoFilesIsStoredOnce() throws {
        let ws = try MetricsTestWorkspace()
        try ws.write("a.jsonl", Self.lines("a", 0..<3))
        try ws.write("b.jsonl", Self.lines("a", 1..<4) + Self.line("a", 1, status: "blocked") + "\n")
        #expect(try ws.ingest() == 4)
        #expect(try ws.count("SELECT COUNT(*) FROM agent_metrics") == 4)
        // The first one read (files go in name order) is the one kept.
        #expect(try ws.rows("SELECT status FROM agent_metrics WHERE timestamp = '2026-03-02 10:01:00'") == [["idle"]])
    }

    @Test func vanishedFilesAreForgotten() throws {
        let ws = try MetricsTestWorkspace()
        try ws.write("a.jsonl", Self.lines("a", 0..<1))
        try ws.write("b.jsonl", Self.lines("b", 0..<1))
        try ws.ingest()
        try FileManager.default.removeItem(atPath: ws.path("b.jsonl"))
        try ws.ingest()
        #expect(try ws.rows("SELECT path FROM metric_files") == [["a.jsonl"]])
    }

    @Test func linesAcrossChunkBoundariesAreReadWhole() throws {
        let ws = try MetricsTestWorkspace()
        ws.chunkSize = 150  // about one and a half lines per chunk
        try ws.write("a.jsonl", Self.lines("a", 0..<40))
        #expect(try ws.ingest() == 40)
        #expect(ws.diagnostics.isEmpty)
        #expect(try ws.count("SELECT COUNT(DISTINCT timestamp) FROM agent_metrics") == 40)
    }

    @Test func lineLongerThanAChunkIsSkippedWithADiagnostic() throws {
        let ws = try MetricsTestWorkspace()
        ws.chunkSize = 200
        let long =
            #"{"kind":"agent","agent_id":"a","timestamp":"2026-03-02T10:59:00Z","status":"idle","x":""#
            + String(repeating: "y", count: 500) + "\"}"
        try ws.write("a.jsonl", Self.line("a", 0) + "\n" + long + "\n" + Self.line("a", 1) + "\n")
        #expect(try ws.ingest() == 2)
        #expect(ws.errors.map(\.line) == [2])
        #expect(ws.errors.first?.message.contains("longer than 200 bytes") == true)
    }
}
