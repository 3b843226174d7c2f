import GRDB

extension StatementArguments {
    /// `values` as statement arguments, with every text value passed through
    /// `SecretRedactor`: the one point every text goes through before it is stored.
    ///
    /// Every statement that writes to the database binds its values through this (the
    /// metric-sample hot path, which binds raw bytes, runs the same check in
    /// `MetricSampleWriter`), so a source never has to remember to redact, and a new
    /// source or column is covered the day it is added. Keys are redacted the same way as
    /// they are stored, so a `WHERE` that looks a stored key up must use this too.
    static func redacted(_ values: [(any DatabaseValueConvertible)?]) -> StatementArguments {
        StatementArguments(
            values.map { value -> DatabaseValue in
                let stored = value?.databaseValue ?? .null
                guard case .string(let text) = stored.storage else { return stored }
                let redacted = SecretRedactor.redact(text)
                return redacted == text ? stored : redacted.databaseValue
            })
    }
}
