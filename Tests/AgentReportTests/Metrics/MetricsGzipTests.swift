import Foundation
import Testing

@testable import AgentReport

@Suite struct MetricsGzipTests {
    /// `text` compressed by the system's gzip, as one gzip member.
    static func gzip(_ text: String) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/gzip")
        process.arguments = ["-c", "-n"]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        try input.fileHandleForWriting.write(contentsOf: Data(text.utf8))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return data
    }

    static func write(_ data: Data, to path: String, appending: Bool = false) throws {
        if appending, let handle = FileHandle(forWritingAtPath: path) {
            try handle.seekToEnd()
            try handle.write(contentsOf: data)
            try handle.close()
        } else {
            try data.write(to: URL(fileURLWithPath: path))
        }
    }

    @Test func compressedFileIsReadAndNotReadTwice() throws {
        let ws = try MetricsTestWorkspace()
        try Self.write(try Self.gzip(MetricsIncrementalTests.lines("a", 0..<3) + "bad\n"), to: ws.path("old.jsonl.gz"))
        #expect(try ws.ingest() == 3)
        #expect(ws.errors.map(\.line) == [4])
        #expect(try ws.ingest() == 0)
        #expect(ws.diagnostics.isEmpty, "an unchanged archive is not decompressed again")
    }

    @Test func appendedGzipMemberIsReadOnFromTheOffset() throws {
        let ws = try MetricsTestWorkspace()
        ws.chunkSize = 100  // cross chunk boundaries inside the decompressed text too
        try Self.write(try Self.gzip(MetricsIncrementalTests.lines("a", 0..<3)), to: ws.path("a.jsonl.gz"))
        #expect(try ws.ingest() == 3)
        try ws.store.queue.write { db in try db.execute(sql: "DELETE FROM agent_metrics") }
        try Self.write(try Self.gzip(MetricsIncrementalTests.lines("a", 3..<5) + "oops\n"), to: ws.path("a.jsonl.gz"), appending: true)
        #expect(try ws.ingest() == 2, "only the appended member's lines")
        #expect(ws.errors.map(\.line) == [6])
    }

    @Test func corruptArchiveIsReportedAndTheOtherFilesStillGoIn() throws {
        let ws = try MetricsTestWorkspace()
        var data = try Self.gzip(MetricsIncrementalTests.lines("a", 0..<50))
        data.replaceSubrange(20..<40, with: Data(repeating: 0x55, count: 20))
        try Self.write(data, to: ws.path("bad.jsonl.gz"))
        try ws.write("good.jsonl", MetricsIncrementalTests.lines("b", 0..<2))
        #expect(try ws.ingest() == 2)
        #expect(ws.errors.contains { $0.file == "metrics/bad.jsonl.gz" && $0.message.contains("not read further") })
    }
}
