import GRDB

/// Tells a fault of the storage under the database (disk full, I/O error, a damaged or
/// read-only file, a lock held too long) from a problem with an input.
///
/// A source whose input is bad fails alone: the run goes on and ends with exit code 3. A
/// storage fault is no input's doing and nothing after it can be trusted to land: the run
/// stops with exit code 1, even inside a source's stage (`PipelineRunner`).
public enum StorageFault {
    /// Whether `error` is a storage fault: an SQLite error of the storage classes (FULL,
    /// IOERR, CORRUPT, NOTADB, CANTOPEN, NOMEM, READONLY, PERM, PROTOCOL, BUSY, LOCKED,
    /// NOLFS) or a `StoreError` (the database layer's own fatal errors).
    public static func isFatal(_ error: any Error) -> Bool {
        if error is StoreError { return true }
        guard let error = error as? DatabaseError else { return false }
        return fatalCodes.contains(error.resultCode.primaryResultCode.rawValue)
    }

    private static let fatalCodes: Set<Int32> = Set(
        [
            .SQLITE_FULL, .SQLITE_IOERR, .SQLITE_CORRUPT, .SQLITE_NOTADB, .SQLITE_CANTOPEN, .SQLITE_NOMEM,
            .SQLITE_READONLY, .SQLITE_PERM, .SQLITE_PROTOCOL, .SQLITE_BUSY, .SQLITE_LOCKED, .SQLITE_NOLFS,
        ].map { (code: ResultCode) in code.rawValue })
}
