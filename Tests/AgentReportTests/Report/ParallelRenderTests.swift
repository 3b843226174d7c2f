import Foundation
import GRDB
import Testing

@testable import AgentReport

/// The render reads on two connections and builds pages on the render workers: the bytes
/// must not depend on it, and both connections must read the same data.
@Suite struct ParallelRenderTests {
    func temporaryDatabase() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent(
            "agentreport-parallel-\(UUID().uuidString).sqlite"
        )
        .path
    }

    @Test func aFileDatabaseReadOnTwoConnectionsRendersWhatOneConnectionRenders() throws {
        let path = temporaryDatabase()
        defer { try? FileManager.default.removeItem(atPath: path) }
        try ReportFixture.write(to: path)
        let file = try ReportStore.openForReading(at: path)
        try ReportQueries.read(from: file, now: ReportFixture.now) { queries in
            #expect(queries.secondConnectionPath == path, "a rollback-journal file gets a second connection")
        }
        // The in-memory store has no second connection: every page is read on one.
        let memory = try ReportFixture.store()
        try ReportQueries.read(from: memory, now: ReportFixture.now) { queries in
            #expect(queries.secondConnectionPath == nil)
        }
        let twice = try ReportTestSupport.render(file)
        let once = try ReportTestSupport.render(memory)
        #expect(twice.map(\.path) == once.map(\.path))
        for (a, b) in zip(twice, once) { #expect(a.contents == b.contents, "\(a.path)") }
        #expect(try ReportTestSupport.render(file).map(\.contents) == twice.map(\.contents), "same bytes every time")
    }

    @Test func theSecondConnectionReadsWhatTheFirstReadsWhileAWriterTriesToCommit() throws {
        let path = temporaryDatabase()
        defer { try? FileManager.default.removeItem(atPath: path) }
        try ReportFixture.write(to: path)
        let store = try ReportStore.openForReading(at: path)
        var writerConfiguration = Configuration()
        writerConfiguration.busyMode = .timeout(0.2)
        let writer = try DatabaseQueue(path: path, configuration: writerConfiguration)
        try ReportQueries.read(from: store, now: ReportFixture.now) { queries in
            let count = try queries.agentRecords().count
            // While the render's transaction holds its shared lock, no commit can land...
            #expect(throws: DatabaseError.self) {
                try writer.write { db in
                    try db.execute(sql: "INSERT INTO agents (id, name) VALUES ('late-agent', 'Late')")
                }
            }
            // ...so a second connection opened now reads the same agents.
            let background = queries.inBackground { queries in try queries.agentRecords().count }
            #expect(try background.value() == count)
        }
        // Once the render is done, the write goes through.
        try writer.write { db in try db.execute(sql: "INSERT INTO agents (id, name) VALUES ('late-agent', 'Late')") }
    }

    @Test func aWALDatabaseIsReadOnOneConnection() throws {
        let path = temporaryDatabase()
        defer {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        }
        try ReportFixture.write(to: path)
        let wal = try DatabaseQueue(path: path)
        _ = try wal.writeWithoutTransaction { db in try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL") }
        let store = try ReportStore.openForReading(at: path)
        try ReportQueries.read(from: store, now: ReportFixture.now) { queries in
            // A WAL reader does not stop commits: a second transaction could see a later one.
            #expect(queries.secondConnectionPath == nil)
            let background = queries.inBackground { queries in try queries.agentRecords().count }
            let count = try queries.agentRecords().count
            #expect(try background.value() == count, "the job runs on the one connection")
        }
        #expect(try ReportTestSupport.render(store).contains { $0.path == "index.md" })
    }

    @Test func theProcessSettingsChangeNothingOnceSQLiteIsInUse() throws {
        // The command applies them first thing; here SQLite already runs (SQLite answers
        // SQLITE_MISUSE and keeps its settings), so the call must say it did not apply.
        _ = try ReportStore.inMemory()
        #expect(!SQLiteProcessSettings.apply())
    }

    @Test func aTemplateErrorStillFailsTheRender() throws {
        let folder = temporaryDatabase() + ".templates"
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try "{{#unclosed}}".write(toFile: folder + "/index.md.mustache", atomically: true, encoding: .utf8)
        let templates = try TemplateSet(overridesFrom: folder)
        let renderer = ReportRenderer(
            config: ReportConfig(baseDirectory: "/nonexistent"), templates: templates, now: ReportFixture.now)
        #expect(throws: (any Error).self) { try renderer.render(from: try ReportFixture.store(), formats: [.markdown]) }
    }

    /// The blank-line and trailing-blank rules of `ReportRenderer.tidy`, as the split of the
    /// page into lines (`String.split(separator: "\n")`) it replaced applied them.
    func reference(_ markdown: String) -> String {
        var lines: [Substring] = []
        var blank = false
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = line
            while line.last == " " || line.last == "\t" || line.last == "\r" { line = line.dropLast() }
            if line.isEmpty {
                if blank || lines.isEmpty { continue }
                blank = true
            } else {
                blank = false
            }
            lines.append(line)
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test func tidyKeepsTheRulesOfTheLineSplitItReplaced() {
        let fixed = [
            "", "\n", "\n\n\na\n\n\n\nb  \t\n\n", "a\r\nb\n", "a \r\n", "x\r", "\r\r\n\n", " \u{301}\n\t\u{301}",
            "é\n\n\u{301}x", "# T\n\n\n| a |  \n|---|\n\n\n",
        ]
        for text in fixed { #expect(ReportRenderer.tidy(text) == reference(text), "\(text.debugDescription)") }
        var generator = DemoRandom(seed: 42)
        let pieces = ["a", " ", "\t", "\r", "\n", "\r\n", "é", "e\u{301}", "\u{301}", "—", "|"]
        for _ in 0..<2_000 {
            let text = (0..<Int(generator.next() % 24)).map { _ in pieces[Int(generator.next() % UInt64(pieces.count))]
            }
            .joined()
            #expect(ReportRenderer.tidy(text) == reference(text), "\(text.debugDescription)")
        }
    }
}
