import Foundation
import Testing

@testable import AgentReport

@Suite struct LargeBoardTests {
    /// Peak resident memory of this process so far, in bytes (Linux `ru_maxrss` is in KiB).
    func peakResident() -> Int {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return usage.ru_maxrss * 1024
    }

    @Test func fiftyMegabyteBoardIsIngestedInBoundedTimeAndMemory() throws {
        let workspace = try TestWorkspace()
        // ~50 MB: 100 000 tasks with a 400-character description each.
        let description = String(repeating: "Lorem ipsum dolor sit amet, consectetur. ", count: 10)
        var text = "{\"updatedBy\": \"architect\", \"tasks\": [\n"
        text.reserveCapacity(52_000_000)
        let statuses = ["TODO", "IN_PROGRESS", "REVIEW", "BLOCKED", "DONE"]
        let count = 100_000
        for i in 0..<count {
            text += "{\"id\": \"TASK-\(i)\", \"title\": \"Task \(i)\", \"status\": \"\(statuses[i % 5])\", \"priority\": \"HIGH\", "
            text += "\"assignedTo\": \"agent-\(i % 7)\", \"description\": \"\(description)\", \"dependencies\": [\"TASK-\(max(0, i - 1))\"], "
            text += "\"createdAt\": \"2026-03-02T08:00:00Z\"}\(i + 1 < count ? "," : "")\n"
        }
        text += "]}\n"
        let size = text.utf8.count
        #expect(size >= 50_000_000)
        try workspace.write("coordination/task-board.json", text)
        text = ""
        let before = peakResident()
        let start = Date()
        let (rows, diagnostics) = try workspace.ingest(TaskBoardSource())
        let seconds = Date().timeIntervalSince(start)
        let grown = peakResident() - before
        print("50 MB board: \(size) bytes, \(rows) events, \(String(format: "%.1f", seconds)) s, peak resident +\(grown / 1_000_000) MB")
        #expect(rows == count)
        #expect(diagnostics.isEmpty)
        // Debug build on a shared 2-core machine: generous, but a quadratic step would blow it.
        #expect(seconds < 120)
        #expect(grown < 1_500_000_000)
    }
}
