import Foundation
import GRDB
import Testing

@testable import AgentReport

/// Issue 14, item 6: rotation without loss. Lines appended after a run and before
/// logrotate moves the file are read from wherever they went (renamed, copied and truncated,
/// compressed, dated), nothing twice; read positions survive moving the workspace.
@Suite struct ReliabilityRotationTests {
    typealias Lines = MetricsIncrementalTests

    /// The workspace after a first run over `a.jsonl` (minutes 0–2), with minutes 3–4 then
    /// appended, not yet read: what logrotate finds at night.
    static func appendedSinceLastRun() throws -> MetricsTestWorkspace {
        let ws = try MetricsTestWorkspace()
        try ws.write("a.jsonl", Lines.lines("a", 0..<3))
        #expect(try ws.ingest() == 3)
        try ws.append("a.jsonl", Lines.lines("a", 3..<5))
        return ws
    }

    @Test func renamedFileIsReadOnFromWhereItWasLeft() throws {
        let ws = try Self.appendedSinceLastRun()
        try FileManager.default.moveItem(atPath: ws.path("a.jsonl"), toPath: ws.path("a.jsonl.1"))
        try ws.write("a.jsonl", Lines.lines("a", 5..<6))
        #expect(try ws.ingest() == 3, "minutes 3 and 4 from a.jsonl.1, minute 5 from the new a.jsonl")
        #expect(try ws.count("SELECT COUNT(*) FROM agent_metrics") == 6)
        #expect(ws.errors.isEmpty)
        #expect(try ws.ingest() == 0)
        #expect(ws.diagnostics.isEmpty)
    }

    @Test func copyTruncateLosesNothing() throws {
        let ws = try Self.appendedSinceLastRun()
        try FileManager.default.copyItem(atPath: ws.path("a.jsonl"), toPath: ws.path("a.jsonl.1"))
        try ws.write("a.jsonl", "")
        try ws.append("a.jsonl", Lines.lines("a", 5..<7))
        #expect(try ws.ingest() == 4)
        #expect(try ws.count("SELECT COUNT(*) FROM agent_metrics") == 7)
        #expect(try ws.ingest() == 0)
    }

    @Test(arguments: ["a.jsonl.1.gz", "a.jsonl-20260302.gz", "a.jsonl-20260302"])
    func compressedAndDatedRotationsLoseNothing(_ rotatedName: String) throws {
        let ws = try Self.appendedSinceLastRun()
        let text = try String(contentsOfFile: ws.path("a.jsonl"), encoding: .utf8)
        if rotatedName.hasSuffix(".gz") {
            try MetricsGzipTests.write(try MetricsGzipTests.gzip(text), to: ws.path(rotatedName))
        } else {
            try ws.write(rotatedName, text)
        }
        try FileManager.default.removeItem(atPath: ws.path("a.jsonl"))
        try ws.write("a.jsonl", Lines.lines("a", 5..<6))
        #expect(try ws.ingest() == 3)
        #expect(try ws.count("SELECT COUNT(*) FROM agent_metrics") == 6)
        #expect(ws.diagnostics.contains { $0.message.contains("continues a.jsonl (rotated)") })
        #expect(try ws.ingest() == 0)
        #expect(ws.diagnostics.isEmpty, "an archive read once is not decompressed again")
    }

    /// Nothing twice: a bad line appended before the rotation is reported once, on the run
    /// that reads it, and never again.
    @Test func aBadLineInTheRotatedPartIsRejectedOnce() throws {
        let ws = try Self.appendedSinceLastRun()
        try ws.append("a.jsonl", "not json\n")
        try FileManager.default.moveItem(atPath: ws.path("a.jsonl"), toPath: ws.path("a.jsonl.1"))
        try ws.write("a.jsonl", Lines.lines("a", 5..<6))
        #expect(try ws.ingest() == 3)
        #expect(ws.errors.map(\.line) == [6])
        #expect(ws.errors.map(\.file) == ["metrics/a.jsonl.1"])
        // logrotate again: .1 becomes .2.gz, the live file .1.
        let first = try String(contentsOfFile: ws.path("a.jsonl.1"), encoding: .utf8)
        try MetricsGzipTests.write(try MetricsGzipTests.gzip(first), to: ws.path("a.jsonl.2.gz"))
        try FileManager.default.removeItem(atPath: ws.path("a.jsonl.1"))
        try ws.append("a.jsonl", Lines.lines("a", 6..<7))
        try FileManager.default.moveItem(atPath: ws.path("a.jsonl"), toPath: ws.path("a.jsonl.1"))
        #expect(try ws.ingest() == 1)
        #expect(ws.errors.isEmpty)
        #expect(try ws.count("SELECT COUNT(*) FROM agent_metrics") == 7)
    }

    /// Read positions are keyed by the file's name in the metrics folder: a workspace copied
    /// elsewhere with its database reads nothing again.
    @Test func positionsSurviveMovingTheWorkspace() throws {
        let ws = try MetricsTestWorkspace()
        try ws.write("a.jsonl", Lines.lines("a", 0..<3))
        try MetricsGzipTests.write(try MetricsGzipTests.gzip(Lines.lines("b", 0..<2)), to: ws.path("b.jsonl.gz"))
        #expect(try ws.ingest() == 5)
        #expect(try ws.rows("SELECT path FROM metric_files ORDER BY path") == [["a.jsonl"], ["b.jsonl.gz"]])
        let moved = NSTemporaryDirectory() + "metrics-moved-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: moved) }
        try FileManager.default.copyItem(atPath: ws.root, toPath: moved)
        let log = DiagnosticLog()
        let context = RunContext(config: ReportConfig(baseDirectory: moved), now: ws.now, diagnostics: log)
        #expect(try MetricsSource().ingest(into: ws.store, context: context) == 0)
        #expect(log.all.isEmpty, "\(log.all.map(\.formatted))")
    }

    /// A database written by the previous release keyed files by their path as shown
    /// (`metrics/a.jsonl`, or absolute outside the config's folder): v10 keys them by name,
    /// and the next run reads nothing again.
    @Test func positionsFromABeforeV10DatabaseAreKept() throws {
        let ws = try MetricsTestWorkspace()
        try ws.write("a.jsonl", Lines.lines("a", 0..<3))
        let file = NSTemporaryDirectory() + "metrics-v9-" + UUID().uuidString + ".sqlite"
        defer { try? FileManager.default.removeItem(atPath: file) }
        let old = try DatabaseQueue(path: file)
        var migrator = DatabaseMigrator()
        for migration in Migrations.all where migration.version < 10 {
            migrator.registerMigration(migration.name) { db in try migration.body(db) }
        }
        try migrator.migrate(old)
        let size = try FileManager.default.attributesOfItem(atPath: ws.path("a.jsonl"))[.size] as? Int ?? 0
        let reader = try MetricFileReader(path: ws.path("a.jsonl"))
        let fingerprint = try reader.fingerprint(upTo: Int64(size))
        try old.write { db in
            try db.execute(
                sql: """
                    INSERT INTO metric_files (path, offset, fingerprint, size, lines_read, updated_at)
                    VALUES ('metrics/a.jsonl', ?, ?, ?, 3, '2026-03-02 00:00:00'),
                           ('/old/place/metrics/a.jsonl', 1, 'x', 1, 1, '2026-01-01 00:00:00')
                    """, arguments: [size, fingerprint, size])
        }
        try old.close()
        let store = try ReportStore.openForWriting(at: file)
        #expect(
            try store.queue.read { db in try String.fetchAll(db, sql: "SELECT path FROM metric_files") } == ["a.jsonl"])
        let log = DiagnosticLog()
        let context = RunContext(config: ReportConfig(baseDirectory: ws.root), now: ws.now, diagnostics: log)
        #expect(try MetricsSource().ingest(into: store, context: context) == 0)
        #expect(log.all.isEmpty)
    }

    @Test(arguments: [
        ("x.jsonl", "x.jsonl"), ("x.jsonl.gz", "x.jsonl"), ("x.jsonl.3", "x.jsonl"), ("x.jsonl.1.gz", "x.jsonl"),
        ("x.jsonl-20260302", "x.jsonl"), ("x.jsonl-2026-03-02_10.gz", "x.jsonl"), ("a.b.jsonl.2", "a.b.jsonl"),
    ])
    func logrotateNamesAreMetricFiles(_ name: String, _ base: String) throws {
        let parsed = try #require(MetricFileName(name))
        #expect(parsed.base == base)
        #expect(parsed.isCompressed == name.hasSuffix(".gz"))
    }

    @Test(arguments: ["x.json", ".x.jsonl", "x.jsonl.tmp", "x.jsonl.gz.1", ".jsonl", "notes.txt"])
    func otherNamesAreNot(_ name: String) {
        #expect(MetricFileName(name) == nil)
    }

    @Test func olderRotationsAreReadFirst() {
        let names = ["a.jsonl", "a.jsonl.1", "a.jsonl.2.gz", "b.jsonl", "a.jsonl-20260301.gz"]
        #expect(
            names.compactMap(MetricFileName.init).sorted().map(\.name)
                == ["a.jsonl-20260301.gz", "a.jsonl.2.gz", "a.jsonl.1", "a.jsonl", "b.jsonl"])
    }
}
