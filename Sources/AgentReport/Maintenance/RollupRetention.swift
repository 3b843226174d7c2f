import GRDB

/// Aggregates one detail table into its aggregate table, then deletes the detail older than
/// the cutoff — inside the caller's transaction, so that either all of it happens or none.
///
/// The rules of DESIGN §5, and how they are kept:
/// - **Incremental**: the highest detail `id` aggregated so far is kept in
///   `maintenance_state`; only buckets that received rows above it are recomputed (ids are
///   AUTOINCREMENT, never reused, so a late or re-read sample always has a new, higher id).
///   Missed nights are caught up the same way: their rows are above the mark.
/// - **Late samples** for a bucket whose detail is still kept recompute the bucket from its
///   detail. For a bucket already retired (its detail deleted), the late rows are summarised,
///   merged into the aggregate through its sums and counts, and deleted in the same step —
///   except rows whose time the bucket already counts (`retired_sample_times`): those are
///   samples ingested again, and are deleted without being counted twice.
/// - **Coverage before delete**: a bucket's detail is deleted only when its aggregate exists
///   and counts exactly the rows about to go; the delete must remove exactly that many rows.
///   Any mismatch throws, and the caller's transaction rolls everything back.
struct RollupRetention {
    /// Which tables, and how they summarise.
    let rollup: Rollup
    /// Detail rows before this time (a bucket boundary) are retired.
    let detailCutoff: Int64
    /// Aggregates of buckets starting before this time are deleted.
    let aggregateCutoff: Int64
    /// The run's "now" (stamped on `retired_at`).
    let now: Int64

    /// Aggregates, verifies and deletes; `beforeDelete` runs between the aggregate writes and
    /// the first delete (tests inject failures there).
    func run(in db: Database, beforeDelete: (Database) throws -> Void) throws -> RollupOutcome {
        var outcome = RollupOutcome(
            detailTable: rollup.detailTable, aggregateTable: rollup.aggregateTable,
            detailCutoff: UTCTime.format(detailCutoff),
            aggregateCutoff: rollup.label(ofBucketStarting: aggregateCutoff))
        let watermark =
            try Int64.fetchOne(
                db, sql: "SELECT last_id FROM maintenance_state WHERE name = ?", arguments: [rollup.detailTable]) ?? 0
        let highest = try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM \(rollup.detailTable)") ?? watermark

        // 1. Aggregate every bucket that received rows since the last run.
        var lateCounts: [RollupBucket: Int] = [:]
        for bucket in try dirtyBuckets(after: watermark, in: db) {
            let existing = try aggregate(of: bucket, in: db)
            if let existing, existing.retiredAt != nil {
                // Late rows for a retired bucket: drop the ones already counted, merge the rest.
                let counted = RetiredSampleTimes.decode(existing.sampleTimes)
                let late = try offsets(of: bucket, in: db)
                let copies = late.filter { counted.contains($0.offset) }.map(\.id)
                if !copies.isEmpty {
                    try db.execute(
                        sql:
                            "DELETE FROM \(rollup.detailTable) WHERE id IN (\(copies.map(String.init).joined(separator: ",")))"
                    )
                    outcome.duplicatesDropped += db.changesCount
                    outcome.rowsDeleted += db.changesCount
                }
                let stats = try summary(of: bucket, in: db)
                let count = Int.fromDatabaseValue(stats["sample_count"] ?? .null) ?? 0
                guard count > 0 else { continue }
                let times = RetiredSampleTimes.encode(counted.union(late.map(\.offset)))
                try write(
                    rollup.merge(existing.values, stats), retiredAt: existing.retiredAt, sampleTimes: times, in: db)
                lateCounts[bucket] = count
                outcome.lateRowsMerged += count
            } else {
                let stats = try summary(of: bucket, in: db)
                let count = Int.fromDatabaseValue(stats["sample_count"] ?? .null) ?? 0
                guard count > 0 else { continue }
                try write(stats, retiredAt: nil, sampleTimes: nil, in: db)
                outcome.rowsAggregated += count
            }
            outcome.bucketsAggregated += 1
        }
        try db.execute(
            sql: """
                INSERT INTO maintenance_state (name, last_id) VALUES (?, ?)
                ON CONFLICT(name) DO UPDATE SET last_id = MAX(last_id, excluded.last_id)
                """, arguments: [rollup.detailTable, highest])

        try beforeDelete(db)

        // 2. Retire the buckets before the cutoff, and the late rows of retired buckets.
        var doomed = try bucketsBefore(detailCutoff, in: db)
        for (bucket, count) in lateCounts where doomed[bucket] == nil { doomed[bucket] = count }
        for (bucket, detailCount) in doomed.sorted(by: { $0.key < $1.key }) {
            if rollup.recomputeBeforeRetiring, lateCounts[bucket] == nil,
                try aggregate(of: bucket, in: db)?.retiredAt == nil
            {
                // Detail that may have changed since it was aggregated: summarise its last state.
                try write(summary(of: bucket, in: db), retiredAt: nil, sampleTimes: nil, in: db)
            } else if try aggregate(of: bucket, in: db) == nil {
                // Only when the aggregate was dropped by its own (shorter) retention while its
                // detail was kept: summarise the detail again before it goes.
                try write(summary(of: bucket, in: db), retiredAt: nil, sampleTimes: nil, in: db)
                outcome.bucketsAggregated += 1
                outcome.rowsAggregated += detailCount
            }
            guard let existing = try aggregate(of: bucket, in: db) else {
                throw RetentionError(
                    "\(rollup.detailTable) \(bucket.description): no aggregate in \(rollup.aggregateTable); nothing was deleted"
                )
            }
            let covered = lateCounts[bucket] ?? existing.sampleCount
            guard covered == detailCount else {
                throw RetentionError(
                    "\(rollup.detailTable) \(bucket.description): the aggregate covers \(covered) rows but the detail has \(detailCount); nothing was deleted (the aggregate and its detail disagree, which retention never causes: was the database changed by another tool? `agentreport backup` it and report the problem)"
                )
            }
            let times =
                existing.retiredAt == nil
                ? RetiredSampleTimes.encode(try offsets(of: bucket, in: db).map(\.offset)) : nil
            let deleted = try deleteDetail(of: bucket, in: db)
            guard deleted == detailCount else {
                throw RetentionError(
                    "\(rollup.detailTable) \(bucket.description): expected to delete \(detailCount) rows, found \(deleted); nothing was deleted"
                )
            }
            if existing.retiredAt == nil {
                try db.execute(
                    sql:
                        "UPDATE \(rollup.aggregateTable) SET retired_at = ?, retired_sample_times = ? WHERE \(keyCondition)",
                    arguments: StatementArguments([UTCTime.format(now), times] + keyArguments(bucket)))
                outcome.bucketsRetired += 1
            }
            outcome.rowsDeleted += deleted
        }

        // 3. Aggregates past their own retention.
        try db.execute(
            sql: "DELETE FROM \(rollup.aggregateTable) WHERE \(rollup.bucketColumn) < ?",
            arguments: [rollup.label(ofBucketStarting: aggregateCutoff)])
        outcome.aggregatesDeleted = db.changesCount
        return outcome
    }
}

private extension RollupRetention {
    /// An existing aggregate row.
    struct Existing {
        var values: [String: DatabaseValue]
        var sampleCount: Int
        var retiredAt: String?
        var sampleTimes: String?
    }

    var keyCondition: String {
        (rollup.keys.map { "\($0.column) = ?" } + ["\(rollup.bucketColumn) = ?"]).joined(separator: " AND ")
    }

    func keyArguments(_ bucket: RollupBucket) -> [DatabaseValueConvertible?] {
        bucket.keys + [bucket.label]
    }

    /// `col = ? AND …` for the key columns (empty without keys), to put before a time condition.
    var detailKeyCondition: String {
        rollup.keys.map { "\($0.column) = ? AND " }.joined()
    }

    func dirtyBuckets(after id: Int64, in db: Database) throws -> [RollupBucket] {
        let columns = rollup.keys.map(\.column)
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT DISTINCT \((columns + [rollup.bucketExpression + " AS label"]).joined(separator: ", "))
                FROM \(rollup.detailTable) WHERE id > ? ORDER BY \((1...(columns.count + 1)).map(String.init).joined(separator: ", "))
                """, arguments: [id])
        return rows.map { row in RollupBucket(keys: columns.map { row[$0] }, label: row["label"]) }
    }

    /// The bucket's time range as stored text, and its end in epoch seconds.
    func range(of bucket: RollupBucket) throws -> (from: String, to: String, end: Int64) {
        guard let start = UTCTime.parse(bucket.label) else {
            throw RetentionError(
                "\(rollup.detailTable): rows with an unreadable timestamp (bucket '\(bucket.label)'); nothing was deleted"
            )
        }
        let end = start + rollup.bucketSeconds
        return (UTCTime.format(start), UTCTime.format(end), end)
    }

    func summary(of bucket: RollupBucket, in db: Database) throws -> [String: DatabaseValue] {
        let range = try range(of: bucket)
        var arguments: [String: DatabaseValueConvertible?] = [
            "label": bucket.label, "from": range.from, "to": range.to, "end": range.end, "now": UTCTime.format(now),
        ]
        for (key, value) in zip(rollup.keys, bucket.keys) { arguments[key.argument] = value }
        guard let row = try Row.fetchOne(db, sql: rollup.statsSQL, arguments: StatementArguments(arguments)) else {
            return [:]
        }
        var values: [String: DatabaseValue] = [:]
        for column in rollup.columns { values[column.name] = row[column.name] as DatabaseValue? ?? .null }
        return values
    }

    func aggregate(of bucket: RollupBucket, in db: Database) throws -> Existing? {
        let names = rollup.columns.map(\.name).joined(separator: ", ")
        guard
            let row = try Row.fetchOne(
                db,
                sql:
                    "SELECT \(names), retired_at, retired_sample_times FROM \(rollup.aggregateTable) WHERE \(keyCondition)",
                arguments: StatementArguments(keyArguments(bucket)))
        else { return nil }
        var values: [String: DatabaseValue] = [:]
        for column in rollup.columns { values[column.name] = row[column.name] as DatabaseValue? ?? .null }
        return Existing(
            values: values, sampleCount: row["sample_count"] ?? 0, retiredAt: row["retired_at"],
            sampleTimes: row["retired_sample_times"])
    }

    func write(_ values: [String: DatabaseValue], retiredAt: String?, sampleTimes: String?, in db: Database) throws {
        let names = rollup.columns.map(\.name) + ["retired_at", "retired_sample_times"]
        let placeholders = Array(repeating: "?", count: names.count).joined(separator: ", ")
        let statement = try db.cachedStatement(
            sql: """
                INSERT OR REPLACE INTO \(rollup.aggregateTable) (\(names.joined(separator: ", "))) VALUES (\(placeholders))
                """)
        let arguments: [DatabaseValueConvertible?] =
            rollup.columns.map { values[$0.name] ?? .null } + [retiredAt, sampleTimes]
        try statement.execute(arguments: StatementArguments(arguments))
    }

    /// The ids of a bucket's detail rows and their times as seconds from the bucket's start.
    func offsets(of bucket: RollupBucket, in db: Database) throws -> [(id: Int64, offset: Int64)] {
        let range = try range(of: bucket)
        let start = range.end - rollup.bucketSeconds
        let arguments: [DatabaseValueConvertible?] = bucket.keys + [range.from, range.to]
        return try Row.fetchAll(
            db,
            sql: """
                SELECT id, CAST(strftime('%s', timestamp) AS INTEGER) AS t FROM \(rollup.detailTable)
                WHERE \(detailKeyCondition)timestamp >= ? AND timestamp < ?
                """, arguments: StatementArguments(arguments)
        ).map { ($0["id"], ($0["t"] as Int64? ?? start) - start) }
    }

    /// Detail row counts per bucket for every row before `cutoff`.
    func bucketsBefore(_ cutoff: Int64, in db: Database) throws -> [RollupBucket: Int] {
        var result: [RollupBucket: Int] = [:]
        let stamp = UTCTime.format(cutoff)
        let columns = rollup.keys.map(\.column)
        guard columns == ["agent_id"] else {
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT \((columns + [rollup.bucketExpression + " AS label"]).joined(separator: ", ")), COUNT(*) AS n
                    FROM \(rollup.detailTable) WHERE timestamp < ?
                    GROUP BY \((1...(columns.count + 1)).map(String.init).joined(separator: ", "))
                    """, arguments: [stamp])
            for row in rows { result[RollupBucket(keys: columns.map { row[$0] }, label: row["label"])] = row["n"] }
            return result
        }
        let sql = """
            SELECT \(rollup.bucketExpression) AS label, COUNT(*) AS n FROM \(rollup.detailTable)
            WHERE agent_id = ? AND timestamp < ? GROUP BY 1
            """
        for agent in try agents(in: db) {
            for row in try Row.fetchAll(db, sql: sql, arguments: [agent, stamp]) {
                result[RollupBucket(agent: agent, label: row["label"])] = row["n"]
            }
        }
        return result
    }

    /// The distinct agents of the detail table, one index seek each (a skip scan by hand:
    /// `SELECT DISTINCT` would read the whole index).
    func agents(in db: Database) throws -> [String] {
        var result: [String] = []
        var next = try String.fetchOne(db, sql: "SELECT MIN(agent_id) FROM \(rollup.detailTable)")
        while let agent = next {
            result.append(agent)
            next = try String.fetchOne(
                db, sql: "SELECT MIN(agent_id) FROM \(rollup.detailTable) WHERE agent_id > ?", arguments: [agent])
        }
        return result
    }

    func deleteDetail(of bucket: RollupBucket, in db: Database) throws -> Int {
        let range = try range(of: bucket)
        let arguments: [DatabaseValueConvertible?] = bucket.keys + [range.from, range.to]
        try db.execute(
            sql: "DELETE FROM \(rollup.detailTable) WHERE \(detailKeyCondition)timestamp >= ? AND timestamp < ?",
            arguments: StatementArguments(arguments))
        return db.changesCount
    }
}
