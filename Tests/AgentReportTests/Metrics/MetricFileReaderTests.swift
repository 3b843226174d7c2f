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
}
