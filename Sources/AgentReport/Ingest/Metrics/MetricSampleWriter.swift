import GRDB
import GRDBSQLite

/// Inserts decoded batches with prepared statements of the raw SQLite API: the hot path of
/// the metrics source (GRDB's statement wrappers cost about 1.5× more per row here).
///
/// `INSERT OR IGNORE` on the unique keys of migration v5 stores a sample once, whichever
/// file or run it comes from. Lives for one transaction: create it inside
/// `store.queue.write`, call `finish()` before the closure returns.
final class MetricSampleWriter {
    /// The INSERT of each kind, columns in the order `MetricLineDecoder.Row` appends them.
    static let sql: [MetricBatch.Kind: String] = [
        .agent: """
        INSERT OR IGNORE INTO agent_metrics (agent_id, timestamp, status, current_task, cpu_usage,
          memory_usage, memory_percent, uncommitted_changes, uptime_seconds, last_activity, branch, created_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """,
        .systemHealth: """
        INSERT OR IGNORE INTO system_health (timestamp, overall_status, api_latency, websocket_connections,
          file_watch_events, error_count, cpu_usage, memory_usage, disk_usage, details)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """,
        .rag: """
        INSERT OR IGNORE INTO rag_metrics (timestamp, total_patterns, total_queries, average_response_time,
          hit_rate, memory_usage, query_volume_last_hour, top_patterns, recent_queries)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
        """,
        .alert: """
        INSERT OR IGNORE INTO alerts (alert_id, type, severity, title, message, source, metadata, created_at, fingerprint,
          resolved, resolved_at, resolved_by)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """,
        .check: MetricLineDecoder.Row.checkInsert,
        .session: MetricLineDecoder.Row.sessionInsert,
    ]

    private let connection: OpaquePointer
    private var statements: [OpaquePointer?] = []
    /// 19-byte slots where times are formatted before binding (one per parameter).
    private let timeText = UnsafeMutablePointer<UInt8>.allocate(capacity: 19 * 16)
    private var cachedDay: Int64 = .min
    private var cachedDate: (year: Int, month: Int, day: Int) = (0, 0, 0)
    /// New rows per kind since the writer was made.
    private(set) var inserted = [Int](repeating: 0, count: MetricBatch.Kind.allCases.count)
    /// The agents seen in inserted or already-stored samples, with their first and last time.
    var agents = AgentTimes()

    /// Prepares the statements on `db`'s connection.
    init(_ db: Database) throws {
        guard let connection = db.sqliteConnection else {
            throw StoreError("metrics: the database connection is closed")
        }
        self.connection = connection
        for kind in MetricBatch.Kind.allCases {
            var statement: OpaquePointer?
            let code = sqlite3_prepare_v3(
                connection, Self.sql[kind] ?? "", -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil)
            guard code == SQLITE_OK else {
                statements.forEach { sqlite3_finalize($0) }
                throw StoreError("metrics: cannot prepare the insert: \(String(cString: sqlite3_errmsg(connection)))")
            }
            statements.append(statement)
        }
    }

    deinit {
        finish()
        timeText.deallocate()
    }

    /// Finalises the statements (before the transaction ends).
    func finish() {
        statements.forEach { sqlite3_finalize($0) }
        statements.removeAll()
    }

    /// Inserts every sample of `batch`.
    func insert(_ batch: MetricBatch) throws {
        try batch.bytes.withUnsafeBufferPointer { chunk in
            try batch.scratch.withUnsafeBufferPointer { scratch in
                for sample in batch.samples {
                    try insert(sample, values: batch.values, chunk: chunk, scratch: scratch)
                }
            }
        }
    }
}

// MARK: - Binding

private extension MetricSampleWriter {
    func insert(
        _ sample: MetricBatch.Sample, values: [MetricBatch.Bound], chunk: UnsafeBufferPointer<UInt8>,
        scratch: UnsafeBufferPointer<UInt8>
    ) throws {
        let statement = statements[sample.kind.rawValue]
        let first = Int(sample.firstValue)
        for k in 0..<sample.kind.columnCount {
            let index = Int32(k + 1)
            let code: Int32
            switch values[first + k] {
            case .null: code = sqlite3_bind_null(statement, index)
            case .int(let v): code = sqlite3_bind_int64(statement, index, v)
            case .real(let v): code = sqlite3_bind_double(statement, index, v)
            case .time(let seconds):
                let slot = timeText + 19 * k
                format(seconds, into: slot)
                code = sqlite3_bind_text(
                    statement, index, UnsafeRawPointer(slot).assumingMemoryBound(to: CChar.self), 19, nil)
            case .chunkText(let s, let e):
                code = bindText(statement, index, chunk, Int(s), Int(e))
            case .scratchText(let s, let e):
                code = bindText(statement, index, scratch, Int(s), Int(e))
            case .constant(let text):
                code = sqlite3_bind_text(
                    statement, index, UnsafeRawPointer(text.utf8Start).assumingMemoryBound(to: CChar.self),
                    Int32(text.utf8CodeUnitCount), nil)
            }
            guard code == SQLITE_OK else { throw failure("bind") }
        }
        let code = sqlite3_step(statement)
        sqlite3_reset(statement)
        guard code == SQLITE_DONE else { throw failure("insert") }
        if sqlite3_changes(connection) > 0 { inserted[sample.kind.rawValue] += 1 }
        if sample.kind == .agent, case .chunkText(let s, let e) = values[first] {
            agents.note(UnsafeBufferPointer(rebasing: chunk[Int(s)..<Int(e)]), time: values[first + 1])
        } else if sample.kind == .agent, case .scratchText(let s, let e) = values[first] {
            agents.note(UnsafeBufferPointer(rebasing: scratch[Int(s)..<Int(e)]), time: values[first + 1])
        }
    }

    // SQLITE_STATIC (nil): the bytes outlive the step, and every execution rebinds them.
    // Every text goes through the same secret check as the rest of the store
    // (`StatementArguments.redacted`): a byte scan first, the regexes only on a hit.
    func bindText(
        _ statement: OpaquePointer?, _ index: Int32, _ buffer: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int
    ) -> Int32 {
        guard let base = buffer.baseAddress else {
            return sqlite3_bind_text(statement, index, "", 0, RawStatement.transient)
        }
        let text = UnsafeBufferPointer(start: base + start, count: end - start)
        if SecretRedactor.mightContainSecret(text) {
            let original = String(decoding: text, as: UTF8.self)
            let redacted = SecretRedactor.redact(original)
            if redacted != original {
                return sqlite3_bind_text(statement, index, redacted, Int32(redacted.utf8.count), RawStatement.transient)
            }
        }
        return sqlite3_bind_text(
            statement, index, UnsafeRawPointer(base + start).assumingMemoryBound(to: CChar.self), Int32(end - start),
            nil)
    }

    /// The SQLite error of the last call, with its result code: a full disk or an I/O error
    /// must stop the run (`StorageFault`), not pass for a bad input.
    func failure(_ what: String) -> DatabaseError {
        DatabaseError(
            resultCode: ResultCode(rawValue: sqlite3_extended_errcode(connection)),
            message: "metrics: \(what) failed: \(String(cString: sqlite3_errmsg(connection)))")
    }

    /// `YYYY-MM-DD HH:MM:SS` into 19 bytes, without building a String per value.
    func format(_ seconds: Int64, into out: UnsafeMutablePointer<UInt8>) {
        let day = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = Int(seconds - day * 86_400)
        if day != cachedDay {
            cachedDay = day
            cachedDate = UTCTime.civilFromDays(Int(day))
        }
        func put(_ value: Int, _ width: Int, at position: Int) {
            var v = value
            for k in stride(from: width - 1, through: 0, by: -1) {
                out[position + k] = UInt8(0x30 + v % 10)
                v /= 10
            }
        }
        put(min(max(cachedDate.year, 0), 9999), 4, at: 0)
        out[4] = 0x2D
        put(cachedDate.month, 2, at: 5)
        out[7] = 0x2D
        put(cachedDate.day, 2, at: 8)
        out[10] = 0x20
        put(secondOfDay / 3600, 2, at: 11)
        out[13] = 0x3A
        put(secondOfDay % 3600 / 60, 2, at: 14)
        out[16] = 0x3A
        put(secondOfDay % 60, 2, at: 17)
    }
}
