import Foundation
import Testing

/// A 2 GiB metrics file is ingested in bounded memory. The file is sparse (a hole between a
/// few lines at its start and a few at its end), so the test writes a few hundred bytes to
/// disk while `read` sees 2 GiB: the reader must walk all of it. It runs in a child process
/// (the real command) so that the peak resident memory measured is the ingest's alone, not
/// that of the tests running beside it.
@Suite struct LargeMetricFileTests {
    @Test func twoGigabyteFileIsReadInBoundedMemory() throws {
        let workspace = FileManager.default.temporaryDirectory.appendingPathComponent("agentreport-2g-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: workspace.appendingPathComponent("metrics"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: workspace) }
        let path = workspace.appendingPathComponent("metrics/big.jsonl").path
        let head = (0..<3).map { #"{"kind":"agent","agent_id":"a","timestamp":"2026-03-02T10:0\#($0):00Z","status":"idle"}"# + "\n" }.joined()
        let tail = "\n" + (0..<2).map { #"{"kind":"agent","agent_id":"b","timestamp":"2026-03-02T10:0\#($0):00Z","status":"idle"}"# + "\n" }.joined()
        let size: Int64 = 2 << 30
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        try #require(fd >= 0)
        _ = Array(head.utf8).withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
        let tailBytes = Array(tail.utf8)
        _ = tailBytes.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, off_t(size) - off_t(tailBytes.count)) }
        close(fd)

        // GNU time (installed by scripts/install-deps) reports this one child's peak RSS.
        let time = "/usr/bin/time"
        try #require(FileManager.default.isExecutableFile(atPath: time), "GNU time is missing: run scripts/install-deps")
        let result = try CLI.run(
            ["ingest", "--only", "metrics", "--now", "2026-03-03T00:00:00Z"], in: workspace,
            wrapper: [time, "-f", "peak-rss-kb=%M"])
        let reported = result.stderr.components(separatedBy: "peak-rss-kb=").last?.trimmingCharacters(in: .whitespacesAndNewlines)
        let peak = try #require(reported.flatMap { Int($0) }) * 1024
        // The hole reads as one 2 GiB line of NULs: skipped and reported, so exit 3.
        #expect(result.status == 3, "stderr: \(result.stderr)")
        #expect(result.stderr.contains("big.jsonl:4"))
        #expect(peak < 100 << 20, "a child's peak RSS was \(peak >> 20) MB reading a 2 GiB file")
        let count = try CLI.sqlite(workspace.appendingPathComponent("agentreport.sqlite"), "SELECT COUNT(*) FROM agent_metrics")
        #expect(count == "5")
    }
}
