import Foundation
import GRDB

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Copies the database with SQLite's online backup API, checks the copy with
/// `PRAGMA integrity_check`, and only then moves it to its final name.
///
/// The copy is written to a temporary file beside the destination and renamed into place
/// once it is verified, so an existing backup is never replaced by a broken one, and a
/// failed backup leaves nothing behind. Runs may go on writing meanwhile: the backup API
/// restarts when the source changes under it.
///
/// Nothing is written through a symbolic link: the temporary file gets a name no one can
/// guess and is created new (`O_CREAT | O_EXCL | O_NOFOLLOW`), and the rename replaces a
/// link at the destination instead of following it. The destination's folder may itself be
/// a link: the user chose it.
public enum DatabaseBackup {
    /// The default file name: `agentreport-backup-YYYYMMDD-HHMMSS.sqlite` (the run's "now").
    public static func defaultFileName(now: Int64) -> String {
        let stamp = UTCTime.format(now).replacingOccurrences(of: "-", with: "")
            .replacingOccurrences(of: ":", with: "").replacingOccurrences(of: " ", with: "-")
        return "agentreport-backup-\(stamp).sqlite"
    }

    /// Backs `store` up to `destination`, verified.
    public static func backup(_ store: ReportStore, to destination: String) throws -> BackupResult {
        let manager = FileManager.default
        let folder = (destination as NSString).deletingLastPathComponent
        var isDirectory: ObjCBool = false
        if !folder.isEmpty, !manager.fileExists(atPath: folder, isDirectory: &isDirectory) || !isDirectory.boolValue {
            throw StoreError("\(destination): the backup folder \(folder) does not exist")
        }
        if (destination as NSString).standardizingPath == (store.path as NSString).standardizingPath {
            throw StoreError("\(destination): that is the database itself; choose another file")
        }
        let temporary = try createTemporaryFile(beside: destination)
        do {
            do {
                let copy = try DatabaseQueue(path: temporary)
                try store.queue.backup(to: copy)
                let problems = try copy.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }
                guard problems == ["ok"] else {
                    throw StoreError(
                        "\(destination): the copy failed PRAGMA integrity_check: \(problems.prefix(5).joined(separator: "; ")); the database itself was not changed"
                    )
                }
                try copy.close()
            }
            // rename(2) replaces an older file of the same name atomically.
            guard rename(temporary, destination) == 0 else {
                throw StoreError(
                    "\(destination): cannot move the verified copy into place: \(String(cString: strerror(errno)))")
            }
        } catch let error as StoreError {
            try? manager.removeItem(atPath: temporary)
            throw error
        } catch {
            try? manager.removeItem(atPath: temporary)
            throw StoreError("\(destination): backup failed: \(error)")
        }
        let size = (try? manager.attributesOfItem(atPath: destination)[.size] as? NSNumber)?.int64Value ?? 0
        return BackupResult(path: destination, bytes: size)
    }

    /// Creates an empty file with an unguessable name beside `destination`, never through a
    /// link, and returns its path.
    private static func createTemporaryFile(beside destination: String) throws -> String {
        let folder = (destination as NSString).deletingLastPathComponent
        let name = "." + (destination as NSString).lastPathComponent + "." + UUID().uuidString + ".partial"
        let path = folder.isEmpty ? name : (folder as NSString).appendingPathComponent(name)
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw StoreError("\(destination): cannot create the backup: \(String(cString: strerror(errno)))")
        }
        close(descriptor)
        return path
    }
}
