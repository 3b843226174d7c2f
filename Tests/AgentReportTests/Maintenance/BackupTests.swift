import Foundation
import GRDB
import Testing

@testable import AgentReport

/// `agentreport backup`: a verified copy through SQLite's online backup.
@Suite struct BackupTests {
    func workspace() throws -> (dir: String, options: RunOptions) {
        let dir = NSTemporaryDirectory() + "agentreport-backup-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        var options = RunOptions()
        options.workingDirectory = dir
        options.now = "2026-03-02T21:30:00Z"
        options.verbosity = .quiet
        options.environment = [:]
        return (dir, options)
    }

    @Test func backupCopiesEveryRowAndPassesIntegrityCheck() throws {
        let (dir, options) = try workspace()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = try ReportStore.openForWriting(at: dir + "/agentreport.sqlite")
        try SampleFactory.insertMinuteSamples(into: store, agents: ["builder"], days: 1, endingAt: 1_772_400_000)
        var printed: [String] = []
        #expect(Engine.backup(options, to: nil, output: { printed.append($0) }) == .success)
        let copy = dir + "/" + DatabaseBackup.defaultFileName(now: UTCTime.parse("2026-03-02T21:30:00Z") ?? 0)
        #expect(copy.hasSuffix("agentreport-backup-20260302-213000.sqlite"))
        let queue = try DatabaseQueue(path: copy)
        try queue.read { (db: Database) throws in
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM agent_metrics") == 1440)
            #expect(try String.fetchAll(db, sql: "PRAGMA integrity_check") == ["ok"])
        }
        #expect(printed.first?.contains("integrity_check ok") == true)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".partial") }
        #expect(leftovers.isEmpty, "\(leftovers)")
    }

    @Test func backupToAMissingFolderFailsAndLeavesNothing() throws {
        let (dir, options) = try workspace()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        _ = try ReportStore.openForWriting(at: dir + "/agentreport.sqlite")
        #expect(Engine.backup(options, to: "no/such/folder/x.sqlite", output: { _ in }) == .fatal)
        #expect(Engine.backup(options, to: "agentreport.sqlite", output: { _ in }) == .fatal)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == ["agentreport.sqlite"])
    }
}
