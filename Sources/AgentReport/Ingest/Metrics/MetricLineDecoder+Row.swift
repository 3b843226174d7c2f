extension MetricLineDecoder {
    /// The parsed fields of one line, read column by column into a batch.
    struct Row {
        let fields: [FlatJSONParser.Field]
        let slots: [Int]
        let line: UnsafeBufferPointer<UInt8>
        /// Offset of the line in the chunk, to turn line positions into chunk positions.
        let base: Int

        /// The row of the line `decoder` just parsed.
        init(decoder: MetricLineDecoder, line: UnsafeBufferPointer<UInt8>, base: Int) {
            self.fields = decoder.parser.fields
            self.slots = decoder.slots
            self.line = line
            self.base = base
        }

        /// The values an enumerated field may take (matched ignoring case).
        static let agentStatuses: [StaticString] = ["active", "idle", "blocked", "error", "offline"]
        static let healthStatuses: [StaticString] = ["healthy", "degraded", "unhealthy"]
        static let severities: [StaticString] = ["info", "warning", "error", "critical"]
        static let kinds: [(StaticString, MetricBatch.Kind)] = [
            ("agent", .agent), ("system_health", .systemHealth), ("systemhealth", .systemHealth),
            ("rag", .rag), ("alert", .alert), ("check", .check), ("session", .session),
        ]

        /// The line's `kind`.
        func kind() throws -> MetricBatch.Kind {
            guard let field = field(.kind) else {
                throw Problem(offset: 0, message: "no \"kind\" (agent, system_health, rag, alert, check or session)")
            }
            guard case .string(let s, let e, let escaped) = field.value else {
                throw Problem(offset: field.valueOffset, message: "\"kind\" must be a string")
            }
            let found = withDecoded(s, e, escaped) { text in Self.kinds.first { Self.equalsIgnoringCase(text, $0.0) }?.1
            }
            if let found { return found }
            throw Problem(
                offset: field.valueOffset,
                message:
                    "unknown kind \"\(JSONText.string(slice(s, e), escaped: escaped))\" (expected agent, system_health, rag, alert, check or session)"
            )
        }

        // MARK: - Kinds, in the INSERT's column order

        /// A `kind: agent` line into `agent_metrics` (`created_at` is the run's "now").
        func agent(now: Int64, into batch: inout MetricBatch) throws {
            try agentId(into: &batch)
            try time(.timestamp, required: true, into: &batch)
            try oneOf(.status, Self.agentStatuses, required: true, into: &batch)
            try text(.currentTask, into: &batch)
            try real(.cpuUsage, into: &batch)
            try int(.memoryUsage, into: &batch)
            try real(.memoryPercent, into: &batch)
            try int(.uncommittedChanges, default: 0, into: &batch)
            try int(.uptimeSeconds, into: &batch)
            try time(.lastActivity, required: false, into: &batch)
            try text(.branch, into: &batch)
            batch.values.append(.time(now))
        }

        /// A `kind: system_health` line into `system_health`.
        func systemHealth(into batch: inout MetricBatch) throws {
            try time(.timestamp, required: true, into: &batch)
            try oneOf(.overallStatus, Self.healthStatuses, required: true, into: &batch)
            try real(.apiLatency, into: &batch)
            try int(.websocketConnections, into: &batch)
            try int(.fileWatchEvents, into: &batch)
            try int(.errorCount, default: 0, into: &batch)
            try real(.cpuUsage, into: &batch)
            try int(.memoryUsage, into: &batch)
            try int(.diskUsage, into: &batch)
            try json(.details, object: true, into: &batch)
        }

        /// A `kind: rag` line into `rag_metrics`.
        func rag(into batch: inout MetricBatch) throws {
            try time(.timestamp, required: true, into: &batch)
            try int(.totalPatterns, default: 0, into: &batch)
            try int(.totalQueries, default: 0, into: &batch)
            try real(.averageResponseTime, into: &batch)
            try real(.hitRate, into: &batch)
            try int(.memoryUsage, into: &batch)
            try int(.queryVolumeLastHour, default: 0, into: &batch)
            try json(.topPatterns, object: false, into: &batch)
            try json(.recentQueries, object: false, into: &batch)
        }
    }
}

// MARK: - Field access

extension MetricLineDecoder.Row {
    typealias Problem = MetricLineDecoder.Problem

    /// The parsed field for `name`, if the line has it.
    func field(_ name: MetricField) -> FlatJSONParser.Field? {
        let index = slots[name.rawValue]
        return index >= 0 ? fields[index] : nil
    }

    /// Bytes `start..<end` of the line.
    func slice(_ start: Int, _ end: Int) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: line[start..<end])
    }

    /// Calls `body` with a string's bytes, escapes decoded (a copy only when there are escapes).
    func withDecoded<T>(_ start: Int, _ end: Int, _ escaped: Bool, _ body: (UnsafeBufferPointer<UInt8>) throws -> T)
        rethrows -> T
    {
        guard escaped else { return try body(slice(start, end)) }
        var output: [UInt8] = []
        JSONText.appendDecoded(slice(start, end), to: &output)
        return try output.withUnsafeBufferPointer { try body($0) }
    }

    /// The value of a field that must be a string (or null/absent unless `required`).
    func string(_ name: MetricField, required: Bool) throws -> (start: Int, end: Int, escaped: Bool, offset: Int)? {
        guard let field = field(name) else {
            if required { throw Problem(offset: 0, message: "no \"\(name.key)\"") }
            return nil
        }
        switch field.value {
        case .string(let s, let e, let escaped): return (s, e, escaped, field.valueOffset)
        case .null where !required: return nil
        default: throw Problem(offset: field.valueOffset, message: "\"\(name.key)\" must be a string")
        }
    }

    /// Whether `bytes` spell `name` (lower-case ASCII) in any case.
    static func equalsIgnoringCase(_ bytes: UnsafeBufferPointer<UInt8>, _ name: StaticString) -> Bool {
        guard bytes.count == name.utf8CodeUnitCount else { return false }
        for k in 0..<bytes.count {
            var c = bytes[k]
            if c &- 0x41 < 26 { c |= 0x20 }
            if c != name.utf8Start[k] { return false }
        }
        return true
    }
}
