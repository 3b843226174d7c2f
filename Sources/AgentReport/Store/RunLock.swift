import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An exclusive lock beside the database (`<db>.lock`) so that two runs never interleave.
///
/// The lock file sits beside the database's resolved path (symbolic links and `..`
/// resolved), so two spellings of one database (`--db db.sqlite` and `--db link.sqlite`)
/// take the same lock. The second run waits up to `timeout` seconds, then gives up with a
/// clear message. `flock` locks are released by the kernel when the process dies, so a
/// crashed run never leaves a stale lock behind.
public final class RunLock {
    private let descriptor: Int32
    /// The lock file.
    public let path: String

    /// Takes the lock for `databasePath`, waiting at most `timeout` seconds.
    public init(databasePath: String, timeout: Double) throws {
        path = Self.resolved(databasePath) + ".lock"
        // O_NOFOLLOW: a link planted at the lock's name must not make us create a file elsewhere.
        descriptor = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw StoreError("\(path): cannot create the lock file: \(String(cString: strerror(errno)))")
        }
        let deadline = Date().addingTimeInterval(timeout)
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            if Date() >= deadline {
                close(descriptor)
                throw StoreError(
                    "\(databasePath): another agentreport run is using this database; waited \(Int(timeout)) s (set AGENTREPORT_LOCK_WAIT to wait longer)"
                )
            }
            usleep(100_000)
        }
    }

    /// The path of the database with every symbolic link resolved: the file's own when it
    /// exists, else its folder's (it is about to be created there).
    static func resolved(_ path: String) -> String {
        if let real = realpath(path, nil) {
            defer { free(real) }
            return String(cString: real)
        }
        let folder = (path as NSString).deletingLastPathComponent
        guard let real = realpath(folder.isEmpty ? "." : folder, nil) else { return path }
        defer { free(real) }
        return (String(cString: real) as NSString).appendingPathComponent((path as NSString).lastPathComponent)
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
