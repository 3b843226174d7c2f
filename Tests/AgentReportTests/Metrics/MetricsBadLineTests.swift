import Foundation
import Testing

@testable import AgentReport

@Suite struct MetricsBadLineTests {
    static let good = #"{"kind":"agent","agent_id":"a","timestamp":"2026-03-02T10:00:00Z","status":"idle"}"#

    /// Runs one bad line between two good ones; returns the single error.
    func rejection(of line: String) throws -> Diagnostic {
        let ws = try MetricsTestWorkspace()
        let good2 = Self.good.replacingOccurrences(of: "10:00", with: "11:00")
        try ws.write("a.jsonl", Self.good + "\n" + line + "\n" + good2 + "\n")
        #expect(try ws.ingest() == 2, "the good lines around a bad one still go in")
        #expect(ws.errors.count == 1)
        let error = try #require(ws.errors.first)
        #expect(error.file == "metrics/a.jsonl")
        #expect(error.line == 2)
        return error
    }

    @Test func invalidJSONIsRejectedWithItsColumn() throws {
        let error = try rejection(of: #"{"kind":"agent","agent_id":'a'}"#)
        #expect(error.column == 28)
        #expect(error.message.contains("not valid JSON"))
        #expect(error.formatted.hasPrefix("metrics/a.jsonl:2:28: error:"))
    }

    @Test(arguments: [
        (
            #"{"kind":"agent","agent_id":"a","timestamp":"2026-03-02T10:30:00Z","status":"idle","cpu_usage":"37.5"}"#,
            "\"cpu_usage\" must be a number"
        ),
        (
            #"{"kind":"agent","agent_id":"a","timestamp":"2026-03-02T10:30:00Z","status":"idle","uncommitted_changes":1.5}"#,
            "\"uncommitted_changes\" must be a whole number"
        ),
        (
            #"{"kind":"agent","agent_id":7,"timestamp":"2026-03-02T10:30:00Z","status":"idle"}"#,
            "\"agent_id\" must be a string"
        ),
        (#"{"kind":"agent","agent_id":"a","timestamp":1772500000,"status":"idle"}"#, "\"timestamp\" must be a string"),
        (
            #"{"kind":"agent","agent_id":"a","timestamp":"2026-03-02T10:30:00Z","status":"sleeping"}"#,
            "\"status\" is \"sleeping\""
        ),
        (
            #"{"kind":"system_health","timestamp":"2026-03-02T10:30:00Z","overall_status":"healthy","details":"up"}"#,
            "\"details\" must be a JSON object"
        ),
        (
            #"{"kind":"rag","timestamp":"2026-03-02T10:30:00Z","top_patterns":{"a":1}}"#,
            "\"top_patterns\" must be a JSON array"
        ),
        (
            #"{"kind":"alert","timestamp":"2026-03-02T10:30:00Z","type":"system","severity":"loud","title":"x"}"#,
            "\"severity\" is \"loud\""
        ),
        (
            #"{"kind":"agent","agent_id":"a","timestamp":"2026-03-02T10:30:00Z","status":true}"#,
            "\"status\" must be a string"
        ),
    ])
    func wrongTypesAreRejected(line: String, message: String) throws {
        let error = try rejection(of: line)
        #expect(error.message.contains(message), "\(error.message)")
        #expect((error.column ?? 0) > 1, "the column points at the value")
    }

    @Test func unknownKindIsRejected() throws {
        let error = try rejection(of: #"{"kind":"gpu","timestamp":"2026-03-02T10:30:00Z"}"#)
        #expect(error.message.contains("unknown kind \"gpu\""))
    }

    @Test func missingKindIsRejected() throws {
        let error = try rejection(of: #"{"timestamp":"2026-03-02T10:30:00Z"}"#)
        #expect(error.message.contains("no \"kind\""))
    }

    @Test func missingTimestampIsRejected() throws {
        let error = try rejection(of: #"{"kind":"agent","agent_id":"a","status":"idle"}"#)
        #expect(error.message.contains("no \"timestamp\""))
    }

    @Test func unparseableTimestampIsRejected() throws {
        let error = try rejection(of: #"{"kind":"agent","agent_id":"a","timestamp":"yesterday","status":"idle"}"#)
        #expect(error.message.contains("\"timestamp\" is not a timestamp"))
    }

    @Test func badLinesBeyondFivePerFileAreCountedNotListed() throws {
        let ws = try MetricsTestWorkspace()
        try ws.write("a.jsonl", String(repeating: "not json\n", count: 12) + Self.good + "\n")
        #expect(try ws.ingest() == 1)
        #expect(ws.errors.count == 6)
        #expect(ws.errors.prefix(5).map(\.line) == [1, 2, 3, 4, 5])
        #expect(ws.errors[5].line == 6)
        #expect(ws.errors[5].message.contains("7 more bad metric lines"))
    }

    @Test func blankLinesAndUnknownKeysAreNotErrors() throws {
        let ws = try MetricsTestWorkspace()
        try ws.write(
            "a.jsonl",
            "\n   \n"
                + #"{"kind":"agent","agent_id":"a","timestamp":"2026-03-02T10:00:00Z","status":"idle","gpu":{"x":1}}"#
                + "\r\n")
        #expect(try ws.ingest() == 1)
        #expect(ws.diagnostics.isEmpty)
    }

    @Test func aBadLineMakesTheRunExitThree() throws {
        let ws = try MetricsTestWorkspace()
        try ws.write("a.jsonl", "{\n")
        try ws.ingest()
        #expect(ws.diagnostics.contains { $0.isRejection })
    }

    @Test func byteOrderMarkIsIgnored() throws {
        let ws = try MetricsTestWorkspace()
        try ws.write("a.jsonl", "\u{FEFF}" + Self.good + "\n")
        #expect(try ws.ingest() == 1)
        #expect(ws.diagnostics.isEmpty)
    }

    @Test func entryThatIsNotAFileIsSkippedWithAWarningAndTheOtherFilesStillGoIn() throws {
        let ws = try MetricsTestWorkspace()
        try FileManager.default.createDirectory(atPath: ws.path("folder.jsonl"), withIntermediateDirectories: true)
        try ws.write("z.jsonl", Self.good + "\n")
        #expect(try ws.ingest() == 1)
        #expect(ws.errors.isEmpty)
        #expect(ws.diagnostics.map(\.file) == ["metrics/folder.jsonl"])
        #expect(ws.diagnostics.first?.severity == .warning)
        #expect(ws.diagnostics.first?.message.contains("not a regular file (a directory)") == true)
    }

    @Test func aChunkOfGarbageKeepsOnlyAFewProblemsInDetail() {
        var decoder = MetricLineDecoder(now: 0)
        var batch = MetricBatch()
        let chunk = Array(String(repeating: "garbage\n", count: 1000).utf8)
        chunk.withUnsafeBufferPointer { decoder.decodeLines(of: $0, firstLine: 11, into: &batch) }
        #expect(batch.lineCount == 1000)
        #expect(batch.samples.isEmpty)
        #expect(batch.problems.map(\.line) == [11, 12, 13, 14, 15])
        #expect(batch.moreProblems == 995)
        #expect(batch.firstMoreProblemLine == 16)
        var reporter = MetricProblemReporter(file: "m.jsonl", limit: 5)
        #expect(reporter.diagnostics(for: batch).count == 5)
        #expect(reporter.summary?.message.contains("995 more") == true)
        #expect(reporter.summary?.line == 16)
    }
}
