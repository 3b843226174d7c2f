import Foundation
import GRDB
import Testing

@testable import AgentReport

/// Incremental reading: offsets, appended lines, rewritten and moved files, small chunks.
@Suite struct UsageIncrementalTests {
    func lines(_ f: UsageFixture, _ range: ClosedRange<Int>) -> [String] {
        range.map { n in
            LogLine.assistant(
                id: "m\(n)", request: "r\(n)", cwd: f.repo, time: "2026-05-01T10:\(String(format: "%02d", n)):00.000Z",
                output: n,
                content: n % 3 == 0
                    ? LogLine.toolUse("toolu_\(n)", "Read")
                    : #"{"type":"text","text":"\#(String(repeating: "x", count: 300))"}"#)
        }
    }

    @Test func aSecondRunOnUnchangedLogsAddsNothingAndAppendedLinesAreReadFromTheOffset() throws {
        let f = try UsageFixture()
        let path = f.claudeFolder(for: f.repo) + "/s1.jsonl"
        try f.write(path, lines(f, 1...10))
        #expect(try f.ingest() == 10)
        #expect(try f.ingest() == 0)
        try f.append(path, lines(f, 11...12).joined(separator: "\n") + "\n")
        #expect(try f.ingest() == 2)
        #expect(try f.count("SELECT lines_read FROM usage_files") == 12)
        #expect(try f.count("SELECT SUM(output_tokens) FROM usage_requests") == (1...12).reduce(0, +))
    }

    @Test func smallChunksGiveTheSameRequestsAsOneChunk() throws {
        let f = try UsageFixture()
        let path = f.claudeFolder(for: f.repo) + "/s1.jsonl"
        // Streamed duplicates straddle chunk boundaries.
        var all: [String] = []
        for line in lines(f, 1...20) { all += [line, line] }
        try f.write(path, all)
        #expect(try f.ingest(chunkSize: 1024) == 20)
        #expect(try f.count("SELECT SUM(output_tokens) FROM usage_requests") == (1...20).reduce(0, +))
        #expect(try f.count("SELECT COUNT(*) FROM usage_tool_calls") == 6)
    }

    @Test func manySmallLogsShareACommitAndEachKeepsItsOwnPosition() throws {
        let f = try UsageFixture()
        for n in 1...30 {
            try f.write(f.claudeFolder(for: f.repo) + "/s\(n).jsonl", [lines(f, n...n)[0]])
        }
        let counter = CommitCounter()
        f.store.queue.add(transactionObserver: counter)
        #expect(try f.ingest() == 30)
        // One for the logs' rows and positions, one for the source's own bookkeeping — not
        // one (and a wait for the disk) per file.
        #expect(counter.commits == 2)
        #expect(try f.count("SELECT COUNT(*) FROM usage_files WHERE lines_read = 1 AND offset = size") == 30)
        #expect(try f.ingest() == 0)
    }

    @Test func aRewrittenFileIsReadAgainWithoutCountingTwice() throws {
        let f = try UsageFixture()
        let path = f.claudeFolder(for: f.repo) + "/s1.jsonl"
        try f.write(path, lines(f, 1...5))
        #expect(try f.ingest() == 5)
        // Same first line, different content before the old offset.
        var rewritten = lines(f, 1...5)
        rewritten[3] = LogLine.assistant(
            id: "m99", request: "r99", cwd: f.repo, time: "2026-05-01T11:00:00.000Z", output: 99)
        try f.write(path, rewritten + lines(f, 6...7))
        #expect(try f.ingest() == 3)
        #expect(try f.count("SELECT COUNT(*) FROM usage_requests") == 8)
    }

    @Test func movingTheLogFolderKeepsEveryFilesPlace() throws {
        let f = try UsageFixture()
        let path = f.claudeFolder(for: f.repo) + "/s1.jsonl"
        try f.write(path, lines(f, 1...3))
        #expect(try f.ingest() == 3)
        // The whole log folder moves (a new machine, a new home); the config follows it.
        try FileManager.default.moveItem(atPath: f.root + "/logs", toPath: f.root + "/moved-logs")
        f.logsFolder = "moved-logs"
        let moved =
            f.root + "/moved-logs/claude/projects/" + (path as NSString).deletingLastPathComponent.split(separator: "/")
            .last!
        try f.append(moved + "/s1.jsonl", lines(f, 4...4)[0] + "\n")
        let before = try f.count("SELECT COUNT(*) FROM usage_files")
        #expect(try f.ingest() == 1)
        #expect(try f.count("SELECT COUNT(*) FROM usage_files") == before)
        #expect(try f.count("SELECT lines_read FROM usage_files") == 4)
    }

    @Test func aDeletedLogIsForgottenAndItsRequestsStay() throws {
        let f = try UsageFixture()
        let path = f.claudeFolder(for: f.repo) + "/s1.jsonl"
        try f.write(path, lines(f, 1...3))
        #expect(try f.ingest() == 3)
        try FileManager.default.removeItem(atPath: path)
        #expect(try f.ingest() == 0)
        #expect(try f.count("SELECT COUNT(*) FROM usage_files") == 0)
        #expect(try f.count("SELECT COUNT(*) FROM usage_requests") == 3)
    }

    @Test func aFIFOAmongTheLogsIsSkippedWithoutHanging() throws {
        let f = try UsageFixture()
        let folder = f.claudeFolder(for: f.repo)
        try f.write(folder + "/s1.jsonl", lines(f, 1...2))
        #expect(mkfifo(folder + "/pipe.jsonl", 0o644) == 0)
        #expect(try f.ingest() == 2)
    }
}
