import Foundation
import GRDB

@testable import AgentReport

/// Runs the git source against test repositories and reads back what it stored.
struct GitIngestHarness {
    let store: ReportStore
    var config: ReportConfig
    var now: Int64 = 1_772_532_000  // 2026-03-03T10:00:00Z

    /// A harness reading `repositories` (paths), with `agents` in the config.
    init(repositories: [String], agents: [ReportConfig.Agent] = [], base: String = "/") throws {
        store = try ReportStore.inMemory()
        config = ReportConfig(baseDirectory: base)
        config.repositories = repositories.map { path in
            var repository = ReportConfig.Repository()
            repository.path = path
            return repository
        }
        config.agents = agents
    }

    /// Ingests once; returns the new rows and the diagnostics of the run.
    func ingest(searchPath: String? = nil) throws -> (rows: Int, diagnostics: [Diagnostic]) {
        let log = DiagnosticLog()
        let context = RunContext(config: config, now: now, diagnostics: log)
        let rows = try GitSource(searchPath: searchPath).ingest(into: store, context: context)
        return (rows, log.all)
    }

    /// The stored commit whose subject is `subject`.
    func commit(_ subject: String) throws -> Row? {
        try store.queue.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM git_commits WHERE message = ?", arguments: [subject])
        }
    }

    /// Every stored commit's subject, sorted.
    func subjects() throws -> [String] {
        try store.queue.read { db in try String.fetchAll(db, sql: "SELECT message FROM git_commits ORDER BY message") }
    }

    /// A single value from a query.
    func value<T: DatabaseValueConvertible>(_ sql: String, _ arguments: StatementArguments = []) throws -> T? {
        try store.queue.read { db in try T.fetchOne(db, sql: sql, arguments: arguments) }
    }
}
