import Foundation
import GRDB
import Testing

@testable import AgentReport

/// A temporary workspace (config folder with `coordination/`) and an in-memory database.
final class TestWorkspace {
    let root: String
    var config: ReportConfig
    let store: ReportStore

    /// A workspace over `store` (a new in-memory database when nil).
    init(store: ReportStore? = nil) throws {
        root = (NSTemporaryDirectory() as NSString).appendingPathComponent("agentreport-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            atPath: root + "/coordination/memory-bank", withIntermediateDirectories: true)
        config = ReportConfig(baseDirectory: root)
        self.store = try store ?? ReportStore.inMemory()
    }

    deinit { try? FileManager.default.removeItem(atPath: root) }

    /// Writes `text` to a path relative to the workspace.
    func write(_ relative: String, _ text: String) throws {
        try write(relative, Data(text.utf8))
    }

    func write(_ relative: String, _ data: Data) throws {
        let path = (root as NSString).appendingPathComponent(relative)
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try data.write(to: URL(fileURLWithPath: path))
    }

    func remove(_ relative: String) throws {
        try FileManager.default.removeItem(atPath: (root as NSString).appendingPathComponent(relative))
    }

    /// Runs one source at `now` and returns its row count and diagnostics.
    @discardableResult
    func ingest(_ source: IngestSource, now: String = "2026-03-03T00:00:00Z") throws -> (
        rows: Int, diagnostics: [Diagnostic]
    ) {
        let context = RunContext(config: config, now: try #require(UTCTime.parse(now)))
        let rows = try source.ingest(into: store, context: context)
        return (rows, context.diagnostics.all)
    }

    /// The task events as `"<time> <type> <task> <prev>→<new> by <changed_by>"` lines, in order.
    func events() throws -> [String] {
        try store.queue.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM task_events ORDER BY id").map { row in
                let prev: String = row["previous_status"] ?? "-"
                let new: String = row["new_status"] ?? "-"
                let by: String = row["changed_by"] ?? "-"
                let time: String = row["timestamp"]
                let type: String = row["event_type"]
                let task: String = row["task_id"]
                return "\(time) \(type) \(task) \(prev)→\(new) by \(by)"
            }
        }
    }
}

/// A flat board with `tasks` as (id, status, assignee).
func flatBoard(updatedBy: String? = nil, _ tasks: [(String, String, String?)]) -> String {
    var object: [String: Any] = [
        "tasks": tasks.map { task -> [String: Any] in
            var fields: [String: Any] = ["id": task.0, "title": "Task \(task.0)", "status": task.1]
            if let assignee = task.2 { fields["assignedTo"] = assignee }
            return fields
        }
    ]
    if let updatedBy { object["updatedBy"] = updatedBy }
    return JSONSupport.encode(object)
}

/// The fixture folder copied into the test bundle.
func fixture(_ relative: String) throws -> Data {
    let base = try #require(Bundle.module.resourceURL).appendingPathComponent("Fixtures")
    return try Data(contentsOf: base.appendingPathComponent(relative))
}
