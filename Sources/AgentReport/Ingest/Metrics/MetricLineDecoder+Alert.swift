extension MetricLineDecoder.Row {
    /// A `kind: alert` line, stored into the seed's `alerts` table as one occurrence of the
    /// collector's alert (docs/alerts.md: "Alerts from collectors").
    ///
    /// Columns: alert_id, type, severity, title, message, source, metadata, created_at,
    /// fingerprint, resolved, resolved_at, resolved_by. The fingerprint names the alert
    /// every occurrence belongs to: `metric:<alert_id>` when the line gives one, else
    /// `metric:<source>/<title>`; the `metric:` prefix keeps these apart from the rule-based
    /// alerts. Each line is its own row: `<alert_id>@<YYYYMMDDTHHMMSSZ>` with a given id, else
    /// `sample:<16 hex>` of the line's content, so a line read twice is stored once. A line
    /// with `"resolved": true` is stored already resolved at its time; the build then
    /// resolves the occurrences before it.
    func alert(into batch: inout MetricBatch) throws {
        let type = try requiredText(.type)
        let title = SecretRedactor.redact(try requiredText(.title))
        let message = try optionalText(.message).map { SecretRedactor.redact($0) }
        let source = try optionalText(.source)
        guard let stamp = try string(.timestamp, required: true),
            let created = withDecoded(stamp.start, stamp.end, stamp.escaped, { UTCTime.parse($0) })
        else {
            let offset = field(.timestamp)?.valueOffset ?? 0
            throw Problem(
                offset: offset, message: "\"timestamp\" is not a timestamp (use ISO 8601 such as 2026-03-02T21:35:00Z)")
        }
        let severityStart = batch.values.count
        try oneOf(.severity, Self.severities, required: true, into: &batch)
        guard batch.values.count > severityStart, case .constant(let severity) = batch.values.removeLast() else {
            return
        }

        let resolved = try flag(.resolved)
        let alertId: String
        let fingerprint: String
        if let given = try optionalText(.alertId), !given.isEmpty {
            let stamp = UTCTime.formatISO(created).replacingOccurrences(of: "-", with: "").replacingOccurrences(
                of: ":", with: "")
            alertId = given + "@" + stamp + (resolved ? "-resolved" : "")
            fingerprint = "metric:" + given
        } else {
            let content = [
                "\(created)", type, "\(severity)", title, message ?? "", source ?? "", resolved ? "resolved" : "",
            ]
            .joined(separator: "\u{0}")
            alertId = "sample:" + FNV1a.hex(content.utf8)
            fingerprint = "metric:" + (source.map { $0 + "/" } ?? "") + title
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
        appendScratch(fingerprint, into: &batch)
        batch.values.append(.int(resolved ? 1 : 0))
        batch.values.append(resolved ? .time(created) : .null)
        batch.values.append(resolved ? .constant("collector") : .null)
    }
}

private extension MetricLineDecoder.Row {
    func requiredText(_ name: MetricField) throws -> String {
        guard let s = try string(name, required: true) else { throw Problem(offset: 0, message: "no \"\(name.key)\"") }
        let text = JSONText.string(slice(s.start, s.end), escaped: s.escaped)
        if text.isEmpty { throw Problem(offset: s.offset, message: "\"\(name.key)\" is empty") }
        return text
    }

    /// A Boolean (`true`/`false`), false when absent or null.
    func flag(_ name: MetricField) throws -> Bool {
        guard let field = field(name) else { return false }
        switch field.value {
        case .bool(let value): return value
        case .null: return false
        default: throw Problem(offset: field.valueOffset, message: "\"\(name.key)\" must be true or false")
        }
    }

    func optionalText(_ name: MetricField) throws -> String? {
        guard let s = try string(name, required: false) else { return nil }
        return JSONText.string(slice(s.start, s.end), escaped: s.escaped)
    }
}
