import Foundation
import GRDB
import Testing

@testable import AgentReport

/// Issue 13, item 2: an entry its agent edits is updated, not duplicated, and the change is
/// visible on the agent's page.
@Suite struct EditedEntryReportTests {
    @Test func anEditedEntryIsShownOnceAndSaysWhenItsNewVersionWasRead() throws {
        let store = try ReportStore.inMemory()
        let written: Int64 = 1_772_445_600  // 2026-03-02 10:00:00
        var entry = ProgressEntry(
            key: ProgressEntry.key(
                path: "coordination/progress-log.md", agentId: "builder", timestamp: written, position: 0),
            path: "coordination/progress-log.md", position: 0, agentId: "builder", agentName: nil,
            timestamp: written, title: "Login form", body: "Login form started.", taskIds: [], line: 3)
        try store.queue.write { db in
            _ = try ReportStore.storeProgressEntry(entry, source: "progress", at: written + 600, in: db)
            try ReportStore.noteAgent("builder", source: "progress", at: written, in: db)
        }
        entry.body = "Login form started.\n\nDone: validation and tests."
        let second = try store.queue.write { db in
            try ReportStore.storeProgressEntry(entry, source: "progress", at: written + 7_200, in: db)
        }
        #expect(second == .updated)
        let files = try ReportTestSupport.render(store, now: written + 7_200)
        let page = try #require(files.first { $0.path == "agents/builder.md" })
        let text = page.contents
        #expect(text.components(separatedBy: "— Login form").count == 2, "the entry is shown once: \(text)")
        #expect(text.contains("validation and tests"))
        #expect(text.contains("*Edited by its agent; this version was read at 2026-03-02 12:00:00.*"))
    }

    @Test func anEntryNeverEditedSaysNothingAboutIt() throws {
        let store = try ReportStore.inMemory()
        let written: Int64 = 1_772_445_600
        let entry = ProgressEntry(
            key: ProgressEntry.key(
                path: "coordination/progress-log.md", agentId: "builder", timestamp: written, position: 0),
            path: "coordination/progress-log.md", position: 0, agentId: "builder", agentName: nil,
            timestamp: written, title: "Login form", body: "Login form started.", taskIds: [], line: 3)
        try store.queue.write { db in
            _ = try ReportStore.storeProgressEntry(entry, source: "progress", at: written, in: db)
            try ReportStore.noteAgent("builder", source: "progress", at: written, in: db)
        }
        let files = try ReportTestSupport.render(store, now: written + 3_600)
        let page = try #require(files.first { $0.path == "agents/builder.md" })
        #expect(!page.contents.contains("Edited by its agent"))
    }
}
