import Foundation
import GRDB

@testable import AgentReport

/// A temporary workspace with a `metrics/` folder and an in-memory database, for running
/// the metrics source as a build would.
final class MetricsTestWorkspace {
    let root: String
    let store: ReportStore
    var now: Int64 = 1_772_500_000
    var chunkSize = 4 << 20
    var transactionBytes = 32 << 20
    private(set) var diagnostics: [Diagnostic] = []

    init() throws {
        root = NSTemporaryDirectory() + "metrics-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: root + "/metrics", withIntermediateDirectories: true)
        store = try ReportStore.inMemory()
    }

    deinit { try? FileManager.default.removeItem(atPath: root) }

    /// The absolute path of a file in `metrics/`.
    func path(_ name: String) -> String { root + "/metrics/" + name }

    /// Replaces a file's content.
    func write(_ name: String, _ text: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path(name)))
    }

    /// Appends to a file.
    func append(_ name: String, _ text: String) throws {
        guard let handle = FileHandle(forWritingAtPath: path(name)) else { return try write(name, text) }
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(text.utf8))
    }

    /// Runs the metrics source once; returns the new rows. Diagnostics of this run only.
    @discardableResult
    func ingest() throws -> Int {
        let log = DiagnosticLog()
        let context = RunContext(config: ReportConfig(baseDirectory: root), now: now, diagnostics: log)
        let rows = try MetricsSource(chunkSize: chunkSize, transactionBytes: transactionBytes).ingest(into: store, context: context)
        diagnostics = log.all
        return rows
    }

    /// The errors of the last run.
    var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }

    /// Rows of a query, as arrays of optional strings.
    func rows(_ sql: String) throws -> [[String?]] {
        try store.queue.read { db in
            try Row.fetchAll(db, sql: sql).map { row in
                (0..<row.count).map { index -> String? in
                    let value: DatabaseValue = row[index]
                    switch value.storage {
                    case .null: return nil
                    case .int64(let v): return String(v)
                    case .double(let v): return String(v)
                    case .string(let v): return v
                    case .blob: return "<blob>"
                    }
                }
            }
        }
    }

    /// A single number from a query.
    func count(_ sql: String) throws -> Int {
        try store.queue.read { db in try Int.fetchOne(db, sql: sql) ?? -1 }
    }
}
