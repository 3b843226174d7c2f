/// A retention safety check that failed; the transaction is rolled back, nothing deleted.
public struct RetentionError: Error, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}
