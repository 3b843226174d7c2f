/// A retention safety check that failed; the transaction is rolled back, nothing deleted.
public struct RetentionError: Error, CustomStringConvertible {
    /// What failed, naming the table and the bucket.
    public var description: String
    /// An error with this message.
    init(_ description: String) { self.description = description }
}
