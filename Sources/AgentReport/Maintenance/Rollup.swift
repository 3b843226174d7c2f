import GRDB

/// How one detail table rolls up into its aggregate table (DESIGN §5): which bucket a row
/// falls in, the SQL that summarises one bucket, and how two summaries of the same bucket
/// combine (for late samples that arrive after the bucket's detail was deleted).
///
/// The instances are `Rollup.agentDaily`, `Rollup.healthHourly` and `Rollup.usageDaily`.
struct Rollup: Sendable {
    /// How a column of the aggregate combines with the same column of another summary.
    enum Merge: Sendable {
        /// The bucket's key, or a value that the newer summary replaces.
        case replace
        /// The sum of both (counts, sums, minutes).
        case sum
        /// The smaller (first sample).
        case minimum
        /// The larger (maxima, last sample).
        case maximum
        /// `sum / count` of two other (summed) columns; NULL when the count is 0.
        case average(sum: String, count: String)
        /// The worse of two statuses, by their position in `ranking` (unknown ones rank as `fallback`).
        case worst(ranking: [String], fallback: Int)
    }

    /// One column of the aggregate table and how it merges.
    struct Column: Sendable {
        /// The column's name.
        let name: String
        /// How it merges.
        let merge: Merge
    }

    /// The table of samples (`agent_metrics`).
    let detailTable: String
    /// The table of summaries (`agent_metrics_daily`).
    let aggregateTable: String
    /// The aggregate's bucket column (`date` or `hour`).
    let bucketColumn: String
    /// The columns besides the bucket that key an aggregate (`agent_id`; `agent_id`, `model`;
    /// none), each with the name `statsSQL` knows its value by (`agent`, `model`).
    let keys: [(column: String, argument: String)]
    /// The length of a bucket in seconds (a UTC day or hour).
    let bucketSeconds: Int64
    /// The SQL expression that gives a detail row's bucket label from its `timestamp`.
    let bucketExpression: String
    /// A SELECT returning one row of every column for the detail rows of one bucket, or a row
    /// with `sample_count = 0`. Named arguments: `agent`, `label`, `from`, `to`, `end` (the
    /// bucket's end in epoch seconds) and `now`.
    let statsSQL: String
    /// Every column of the aggregate table this rollup writes, in order.
    let columns: [Column]
    /// Whether a bucket's aggregate is computed again from its detail just before the detail
    /// is deleted: for detail rows that change after they are stored (a request's token
    /// counts grow, a tool call turns out an error), so the kept aggregate holds their last
    /// values. Samples never change, and their rollups keep the aggregate as written.
    var recomputeBeforeRetiring = false

    /// The label of the bucket that starts at `start` (`YYYY-MM-DD` or `YYYY-MM-DD HH:00:00`).
    func label(ofBucketStarting start: Int64) -> String {
        bucketSeconds == 86_400 ? UTCTime.formatDate(start) : UTCTime.format(start)
    }

    /// The start (epoch seconds) of the bucket holding `time`.
    func bucketStart(of time: Int64) -> Int64 {
        let remainder = ((time % bucketSeconds) + bucketSeconds) % bucketSeconds
        return time - remainder
    }

    // MARK: - Merging

    /// The combination of an existing summary and a summary of late rows of the same bucket.
    func merge(_ old: [String: DatabaseValue], _ new: [String: DatabaseValue]) -> [String: DatabaseValue] {
        var result: [String: DatabaseValue] = [:]
        // Sums first: averages are computed from the merged sums.
        for column in columns {
            let a = old[column.name] ?? .null
            let b = new[column.name] ?? .null
            switch column.merge {
            case .replace: result[column.name] = b.isNull ? a : b
            case .sum: result[column.name] = Self.add(a, b)
            case .minimum: result[column.name] = Self.pick(a, b, keepSmaller: true)
            case .maximum: result[column.name] = Self.pick(a, b, keepSmaller: false)
            case .average: break
            case .worst(let ranking, let fallback):
                let rank = { (value: DatabaseValue) -> Int in
                    guard let text = String.fromDatabaseValue(value) else { return -1 }
                    return ranking.firstIndex(of: text) ?? fallback
                }
                result[column.name] = rank(b) > rank(a) ? b : a
            }
        }
        for column in columns {
            guard case .average(let sumName, let countName) = column.merge else { continue }
            let sum = Double.fromDatabaseValue(result[sumName] ?? .null) ?? 0
            let count = Double.fromDatabaseValue(result[countName] ?? .null) ?? 0
            result[column.name] = count > 0 ? (sum / count).databaseValue : .null
        }
        return result
    }
}

private extension Rollup {
    static func add(_ a: DatabaseValue, _ b: DatabaseValue) -> DatabaseValue {
        if case .int64(let x) = a.storage, case .int64(let y) = b.storage { return (x + y).databaseValue }
        if a.isNull { return b }
        if b.isNull { return a }
        return ((Double.fromDatabaseValue(a) ?? 0) + (Double.fromDatabaseValue(b) ?? 0)).databaseValue
    }

    static func pick(_ a: DatabaseValue, _ b: DatabaseValue, keepSmaller: Bool) -> DatabaseValue {
        if a.isNull { return b }
        if b.isNull { return a }
        if let x = Double.fromDatabaseValue(a), let y = Double.fromDatabaseValue(b),
            String.fromDatabaseValue(a) == nil, String.fromDatabaseValue(b) == nil
        {
            return (keepSmaller ? y < x : y > x) ? b : a
        }
        let x = String.fromDatabaseValue(a) ?? ""
        let y = String.fromDatabaseValue(b) ?? ""
        return (keepSmaller ? y < x : y > x) ? b : a
    }
}
