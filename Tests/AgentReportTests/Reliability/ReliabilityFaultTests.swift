import Foundation
import GRDB
import Testing

@testable import AgentReport

/// Issue 14, item 7: faults classified right. A full disk is fatal (exit 1), not a rejected
/// input; rejections are stored with their data, so a run killed after the commit still
/// leaves them to be reported; the run is recorded after render with its real exit code;
/// the lock is taken on the database's resolved path.
@Suite struct ReliabilityFaultTests {
    /// A workspace folder with one metric file holding `lines`, and run options for it.
    static func workspace(_ lines: String) throws -> (root: String, options: RunOptions) {
        let root = NSTemporaryDirectory() + "reliability-faults-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: root + "/metrics", withIntermediateDirectories: true)
        try Data(lines.utf8).write(to: URL(fileURLWithPath: root + "/metrics/a.jsonl"))
        var options = RunOptions()
        options.workingDirectory = root
        options.databasePath = root + "/db.sqlite"
        options.outputPath = root + "/output"
        options.now = "2026-03-03T00:00:00Z"
        options.verbosity = .quiet
        options.environment = ["AGENTREPORT_LOCK_WAIT": "1"]
        return (root, options)
    }

    @Test func aFullDiskInASourceIsFatalNotARejectedInput() throws {
        let store = try ReportStore.inMemory()
        // Room for the schema and nothing more: the inserts then fail with SQLITE_FULL.
        try store.queue.write { db in
            let pages = try Int.fetchOne(db, sql: "PRAGMA page_count") ?? 0
            try db.execute(sql: "PRAGMA max_page_count = \(pages)")
        }
        let lines =
            (0..<500).map { MetricsIncrementalTests.line("agent\($0 % 50)", $0 / 50) }.joined(separator: "\n") + "\n"
        let (root, _) = try Self.workspace(lines)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let log = DiagnosticLog()
        let context = RunContext(config: ReportConfig(baseDirectory: root), now: 1_772_500_000, diagnostics: log)
        let runner = PipelineRunner(stages: Engine.ingestStages(store: store, only: ["metrics"]))
        let failure = try #require(throws: StageFailure.self) { try runner.run(context) }
        #expect(StorageFault.isFatal(failure.underlying), "\(failure.underlying)")
        #expect("\(failure)".contains("full"), "\(failure)")
        #expect(!log.hasRejections, "a full disk is not an input's fault: \(log.all.map(\.formatted))")
    }

    @Test func inputErrorsStayRejectionsAndStorageErrorsAreFatal() {
        #expect(StorageFault.isFatal(DatabaseError(resultCode: .SQLITE_FULL)))
        #expect(StorageFault.isFatal(DatabaseError(resultCode: .SQLITE_IOERR_WRITE)))
        #expect(StorageFault.isFatal(DatabaseError(resultCode: .SQLITE_CORRUPT)))
        #expect(StorageFault.isFatal(StoreError("db: cannot open")))
        #expect(!StorageFault.isFatal(DatabaseError(resultCode: .SQLITE_CONSTRAINT)))
        #expect(!StorageFault.isFatal(DatabaseError(resultCode: .SQLITE_TOOBIG)))
        #expect(!StorageFault.isFatal(SourceError("metrics: cannot list the folder")))
    }

    /// A run killed right after the metrics transaction committed (offset advanced past a
    /// bad line, run never recorded): the rejection was stored with the data, so the next
    /// run reports it and exits 3; the one after exits 0.
    @Test func aRunKilledAfterTheMetricsCommitLosesNoRejection() throws {
        let lines = MetricsIncrementalTests.lines("a", 0..<3) + "not json\n"
        let (root, options) = try Self.workspace(lines)
        defer { try? FileManager.default.removeItem(atPath: root) }
        do {
            // The metrics stage alone, as a build runs it, and then "kill -9": no run record.
            let store = try ReportStore.openForWriting(at: options.databasePath ?? "")
            let context = RunContext(
                config: ReportConfig(baseDirectory: root), now: 1_772_500_000, diagnostics: DiagnosticLog())
            #expect(try MetricsSource().ingest(into: store, context: context) == 3)
            #expect(try store.queue.read { db in try ReportStore.pendingRejections(db).count } == 1)
        }
        #expect(Engine.ingest(options, only: ["metrics"]) == .rejectedInput)
        let database = try DatabaseQueue(path: options.databasePath ?? "")
        try database.read { (db: Database) throws in
            #expect(try Int.fetchOne(db, sql: "SELECT exit_code FROM runs ORDER BY id DESC LIMIT 1") == 3)
            #expect(
                try String.fetchOne(db, sql: "SELECT message FROM run_diagnostics WHERE severity = 'error'")?.contains(
                    "not valid JSON") == true)
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM input_rejections WHERE run_id IS NULL") == 0)
        }
        try database.close()
        #expect(Engine.ingest(options, only: ["metrics"]) == .success)
    }

    @Test func theRunIsRecordedAfterRenderWithItsRealExitCode() throws {
        let (root, options) = try Self.workspace(MetricsIncrementalTests.lines("a", 0..<3))
        defer { try? FileManager.default.removeItem(atPath: root) }
        #expect(Engine.build(options) == .success)
        // A template that includes itself: render fails, the run says so.
        try FileManager.default.createDirectory(atPath: root + "/templates/partials", withIntermediateDirectories: true)
        try Data("{{% CONTENT_TYPE: MARKDOWN}}\n{{> partials/sources.md}}\n".utf8)
            .write(to: URL(fileURLWithPath: root + "/templates/partials/sources.md.mustache"))
        try Data(#"{"templates": "templates"}"#.utf8).write(to: URL(fileURLWithPath: root + "/agentreport.json"))
        var broken = options
        broken.configPath = root + "/agentreport.json"
        #expect(Engine.build(broken) == .fatal)
        let database = try DatabaseQueue(path: options.databasePath ?? "")
        try database.read { (db: Database) throws in
            #expect(try Int.fetchAll(db, sql: "SELECT exit_code FROM runs ORDER BY id") == [0, 1])
            #expect(try String.fetchOne(db, sql: "SELECT command FROM runs ORDER BY id DESC LIMIT 1") == "build")
        }
    }

    @Test func theLockIsTakenOnTheResolvedPath() throws {
        let root = NSTemporaryDirectory() + "reliability-lock-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: root + "/data", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        _ = try ReportStore.openForWriting(at: root + "/data/db.sqlite")
        try FileManager.default.createSymbolicLink(
            atPath: root + "/link.sqlite", withDestinationPath: root + "/data/db.sqlite")
        try FileManager.default.createSymbolicLink(atPath: root + "/folder", withDestinationPath: root + "/data")
        do {
            let held = try RunLock(databasePath: root + "/data/db.sqlite", timeout: 1)
            for spelling in ["/link.sqlite", "/folder/db.sqlite", "/data/../data/db.sqlite"] {
                #expect(throws: StoreError.self, "\(spelling)") {
                    _ = try RunLock(databasePath: root + spelling, timeout: 0.2)
                }
            }
            #expect(held.path == root + "/data/db.sqlite.lock" || held.path.hasSuffix("/data/db.sqlite.lock"))
        }
        // Released: any spelling takes it again.
        _ = try RunLock(databasePath: root + "/link.sqlite", timeout: 0.2)
    }
}
