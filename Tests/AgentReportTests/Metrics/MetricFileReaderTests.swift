import Foundation
import Testing

@testable import AgentReport

@Suite struct MetricFileReaderTests {
    @Test func chunksHoldWholeLinesAndNeverExceedTheChunkSize() throws {
        let ws = try MetricsTestWorkspace()
        let text = (0..<50).map { "line \($0) " + String(repeating: "x", count: $0 % 13) + "\n" }.joined() + "partial"
        try ws.write("a.jsonl", text)
        let reader = try MetricFileReader(path: ws.path("a.jsonl"), chunkSize: 64)
        var offset: Int64 = 0
        var seen: [UInt8] = []
        loop: while true {
            switch try reader.nextChunk(from: offset) {
            case .lines(let bytes, let end):
                #expect(bytes.count <= 64)
                #expect(bytes.last == 0x0A)
                #expect(end == offset + Int64(bytes.count))
                seen += bytes
                offset = end
            case .overlongLine:
                Issue.record("no line here is longer than 64 bytes")
                break loop
            case .end:
                break loop
            }
        }
        #expect(String(decoding: seen, as: UTF8.self) + "partial" == text, "everything but the unterminated tail")
    }

    /// A 2 GiB file is ingested in bounded memory. The file is sparse (a hole between a few
    /// lines at its start and a few at its end), so the test writes a few hundred bytes to
    /// disk while `read` sees 2 GiB: the reader must walk all of it, and the process's peak
    /// resident memory must not grow by anything like the file's size.
    @Test func twoGigabyteFileIsReadInBoundedMemory() throws {
        let ws = try MetricsTestWorkspace()
        let path = ws.path("big.jsonl")
        let head = (0..<3).map { #"{"kind":"agent","agent_id":"a","timestamp":"2026-03-02T10:0\#($0):00Z","status":"idle"}"# + "\n" }.joined()
        let tail = "\n" + (0..<2).map { #"{"kind":"agent","agent_id":"b","timestamp":"2026-03-02T10:0\#($0):00Z","status":"idle"}"# + "\n" }.joined()
        let size: Int64 = 2 << 30
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        #expect(fd >= 0)
        defer { close(fd) }
        _ = Array(head.utf8).withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
        let tailBytes = Array(tail.utf8)
        _ = tailBytes.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, off_t(size) - off_t(tailBytes.count)) }
        var info = stat()
        #expect(fstat(fd, &info) == 0 && Int64(info.st_size) == size)

        let before = Self.peakResidentBytes()
        #expect(try ws.ingest() == 5)
        let growth = Self.peakResidentBytes() - before
        #expect(growth < 100 << 20, "peak RSS grew by \(growth >> 20) MB reading a 2 GiB file")
        // The hole between the two parts reads as one 2 GiB line of NULs: skipped, reported.
        #expect(ws.errors.map(\.line) == [4])
        #expect(try ws.rows("SELECT offset, lines_read FROM metric_files") == [["\(size)", "6"]])
    }

    static func peakResidentBytes() -> Int {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        return usage.ru_maxrss * 1024  // kilobytes on Linux
    }
}
