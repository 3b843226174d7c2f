import Foundation
import GRDB

/// A problem with the database that stops the run (exit code 1).
public struct StoreError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// Owns the connection to the agentreport database; the only type that opens it.
///
/// Writers open it read-write and migrate it; the renderer opens it read-only, so a
/// report can never change the data it reports on.
public final class ReportStore: Sendable {
    /// The GRDB connection. Named queries live in `ReportStore+*.swift` extensions.
    public let queue: DatabaseQueue
    public let path: String
    public let isReadOnly: Bool

    private init(queue: DatabaseQueue, path: String, readOnly: Bool) {
        self.queue = queue
        self.path = path
        self.isReadOnly = readOnly
    }

    /// Opens (creating if needed) and migrates the database at `path`.
    public static func openForWriting(at path: String) throws -> ReportStore {
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty, !FileManager.default.fileExists(atPath: directory) {
            throw StoreError("\(path): the database folder \(directory) does not exist")
        }
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.foreignKeysEnabled = true
        let queue: DatabaseQueue
        do {
            queue = try DatabaseQueue(path: path, configuration: configuration)
            try queue.read { db in try checkNotNewer(db, path: path) }
            try Migrations.migrator().migrate(queue)
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError("\(path): cannot open the database: \(error)")
        }
        return ReportStore(queue: queue, path: path, readOnly: false)
    }

    /// Opens an existing database read-only (the renderer's view).
    public static func openForReading(at path: String) throws -> ReportStore {
        guard FileManager.default.fileExists(atPath: path) else {
            throw StoreError("\(path): no database yet; run `agentreport ingest` or `agentreport build` first")
        }
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(10)
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            try queue.read { db in
                try checkNotNewer(db, path: path)
                if try !Migrations.migrator().hasCompletedMigrations(db) {
                    throw StoreError("\(path): the database was written by an older agentreport; run `agentreport ingest` once to upgrade it")
                }
            }
            return ReportStore(queue: queue, path: path, readOnly: true)
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError("\(path): cannot open the database: \(error)")
        }
    }

    /// An in-memory database with every migration applied, for tests.
    public static func inMemory() throws -> ReportStore {
        let queue = try DatabaseQueue()
        try Migrations.migrator().migrate(queue)
        return ReportStore(queue: queue, path: ":memory:", readOnly: false)
    }
}

private extension ReportStore {
    /// Refuses a database written by a newer agentreport: its schema may mean things this
    /// version would misread or damage.
    static func checkNotNewer(_ db: Database, path: String) throws {
        guard try db.tableExists("schema_version") else { return }
        let newest = try Int.fetchOne(db, sql: "SELECT MAX(version) FROM schema_version") ?? 0
        let superseded = try Migrations.migrator().hasBeenSuperseded(db)
        if newest > Migrations.latestVersion || superseded {
            throw StoreError(
                "\(path): this database was written by a newer agentreport (schema version \(newest), this one knows up to \(Migrations.latestVersion)); use that version, or point --db at another file")
        }
    }
}
