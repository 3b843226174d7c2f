import GRDB

extension StatementArguments {
    /// `values` as statement arguments, with every text value passed through
    /// `SecretRedactor`: the one point every text goes through before it is stored.
    ///
    /// Every statement that writes to the database binds its values through this (the
    /// metric-sample hot path, which binds raw bytes, runs the same check in
    /// `MetricSampleWriter`), so a source never has to remember to redact, and a new
    /// source or column is covered the day it is added. Keys are redacted the same way as
    /// they are stored, so a `WHERE` that looks a stored key up must use this too. Values
    /// are only replaced where a secret was found: the arguments are otherwise the ones an
    /// array literal would give (the board's 100,000-task upserts must not pay for a copy).
    static func redacted(_ values: [(any DatabaseValueConvertible)?]) -> StatementArguments {
        var values = values
        for index in values.indices {
            if let text = values[index] as? String {
                if let redacted = SecretRedactor.redactedIfNeeded(text) { values[index] = redacted }
            } else if let value = values[index] as? DatabaseValue, case .string(let text) = value.storage,
                let redacted = SecretRedactor.redactedIfNeeded(text)
            {
                values[index] = redacted
            }
        }
        return StatementArguments(values)
    }
}
