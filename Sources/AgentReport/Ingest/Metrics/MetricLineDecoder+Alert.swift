extension MetricLineDecoder.Row {
    /// A `kind: alert` line, stored as given into the seed's `alerts` table.
    ///
    /// Columns: alert_id, type, severity, title, message, source, metadata, created_at,
    /// fingerprint. Without an `alert_id` one is derived from the line's content
    /// (`sample:<16 hex>`), so the same alert read twice is stored once; the fingerprint is
    /// `metric:<alert_id>`, which keeps these alerts apart from the rule-based ones.
    func alert(into batch: inout MetricBatch) throws {
        let type = try requiredText(.type)
        let title = SecretRedactor.redact(try requiredText(.title))
        let message = try optionalText(.message).map { SecretRedactor.redact($0) }
        let source = try optionalText(.source)
        guard let stamp = try string(.timestamp, required: true),
            let created = withDecoded(stamp.start, stamp.end, stamp.escaped, { UTCTime.parse($0) })
        else {
            let offset = field(.timestamp)?.valueOffset ?? 0
            throw Problem(offset: offset, message: "\"timestamp\" is not a timestamp (use ISO 8601 such as 2026-03-02T21:35:00Z)")
        }
        let severityStart = batch.values.count
        try oneOf(.severity, Self.severities, required: true, into: &batch)
        guard batch.values.count > severityStart, case .constant(let severity) = batch.values.removeLast() else { return }

        let alertId: String
        if let given = try optionalText(.alertId), !given.isEmpty {
            alertId = given
        } else {
            let content = ["\(created)", type, "\(severity)", title, message ?? "", source ?? ""].joined(separator: "\u{0}")
            alertId = "sample:" + FNV1a.hex(content.utf8)
        }
        appendScratch(alertId, into: &batch)
        appendScratch(type, into: &batch)
        batch.values.append(.constant(severity))
        appendScratch(title, into: &batch)
        if let message { appendScratch(message, into: &batch) } else { batch.values.append(.null) }
        if let source { appendScratch(source, into: &batch) } else { batch.values.append(.null) }
        if field(.metadata) == nil, field(.details) != nil {
            try json(.details, object: true, into: &batch)
        } else {
            try json(.metadata, object: true, into: &batch)
        }
        batch.values.append(.time(created))
        appendScratch("metric:" + alertId, into: &batch)
    }
}

private extension MetricLineDecoder.Row {
    func requiredText(_ name: MetricField) throws -> String {
        guard let s = try string(name, required: true) else { throw Problem(offset: 0, message: "no \"\(name.key)\"") }
        let text = JSONText.string(slice(s.start, s.end), escaped: s.escaped)
        if text.isEmpty { throw Problem(offset: s.offset, message: "\"\(name.key)\" is empty") }
        return text
    }

    func optionalText(_ name: MetricField) throws -> String? {
        guard let s = try string(name, required: false) else { return nil }
        return JSONText.string(slice(s.start, s.end), escaped: s.escaped)
    }
}
