/// A finished backup: where it is and how big.
public struct BackupResult: Sendable, Equatable {
    /// The backup file, absolute.
    public var path: String
    /// Its size in bytes.
    public var bytes: Int64
}
