import Foundation
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An exclusive lock beside the database (`<db>.lock`) so that two runs never interleave.
///
/// The second run waits up to `timeout` seconds, then gives up with a clear message.
/// `flock` locks are released by the kernel when the process dies, so a crashed run
/// never leaves a stale lock behind.
public final class RunLock {
    private let descriptor: Int32
    public let path: String

    /// Takes the lock for `databasePath`, waiting at most `timeout` seconds.
    public init(databasePath: String, timeout: Double) throws {
        path = databasePath + ".lock"
        descriptor = open(path, O_RDWR | O_CREAT, 0o644)
        guard descriptor >= 0 else {
            throw StoreError("\(path): cannot create the lock file: \(String(cString: strerror(errno)))")
        }
        let deadline = Date().addingTimeInterval(timeout)
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            if Date() >= deadline {
                close(descriptor)
                throw StoreError(
                    "\(databasePath): another agentreport run is using this database; waited \(Int(timeout)) s (set AGENTREPORT_LOCK_WAIT to wait longer)")
            }
            usleep(100_000)
        }
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
