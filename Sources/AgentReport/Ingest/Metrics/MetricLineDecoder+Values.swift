// The typed readers of `MetricLineDecoder.Row`: each checks one field's JSON type and
// appends its bound value, or throws a problem that names the key and points at the value.
extension MetricLineDecoder.Row {
    /// Text, or null when absent or null.
    func text(_ name: MetricField, required: Bool = false, into batch: inout MetricBatch) throws {
        guard let s = try string(name, required: required) else { return batch.values.append(.null) }
        if s.escaped {
            let start = batch.scratch.count
            JSONText.appendDecoded(slice(s.start, s.end), to: &batch.scratch)
            batch.values.append(.scratchText(start: Int32(start), end: Int32(batch.scratch.count)))
        } else {
            batch.values.append(.chunkText(start: Int32(base + s.start), end: Int32(base + s.end)))
        }
    }

    /// A number, or null.
    func real(_ name: MetricField, into batch: inout MetricBatch) throws {
        guard let field = field(name) else { return batch.values.append(.null) }
        switch field.value {
        case .null: batch.values.append(.null)
        case .number(let s, let e):
            guard let value = JSONText.double(slice(s, e)) else {
                throw Problem(offset: field.valueOffset, message: "\"\(name.key)\" is out of range")
            }
            batch.values.append(.real(value))
        default: throw Problem(offset: field.valueOffset, message: "\"\(name.key)\" must be a number")
        }
    }

    /// A whole number (`5.12e8` is one, `3.5` is not), or `defaultValue` (null when none).
    func int(_ name: MetricField, default defaultValue: Int64? = nil, into batch: inout MetricBatch) throws {
        let missing: MetricBatch.Bound = defaultValue.map { .int($0) } ?? .null
        guard let field = field(name) else { return batch.values.append(missing) }
        switch field.value {
        case .null: batch.values.append(missing)
        case .number(let s, let e):
            let text = slice(s, e)
            if let value = JSONText.int64(text) { return batch.values.append(.int(value)) }
            guard let value = JSONText.double(text), value == value.rounded(), abs(value) < 9.2e18 else {
                throw Problem(offset: field.valueOffset, message: "\"\(name.key)\" must be a whole number within ±9.2e18")
            }
            batch.values.append(.int(Int64(value)))
        default: throw Problem(offset: field.valueOffset, message: "\"\(name.key)\" must be a whole number")
        }
    }

    /// A timestamp in any form `UTCTime.parse` accepts, stored as UTC.
    func time(_ name: MetricField, required: Bool, into batch: inout MetricBatch) throws {
        guard let s = try string(name, required: required) else { return batch.values.append(.null) }
        guard let seconds = withDecoded(s.start, s.end, s.escaped, { UTCTime.parse($0) }) else {
            throw Problem(offset: s.offset, message: "\"\(name.key)\" is not a timestamp (use ISO 8601 such as 2026-03-02T21:35:00Z, or YYYY-MM-DD HH:MM:SS in UTC)")
        }
        batch.values.append(.time(seconds))
    }

    /// One of a fixed set of words, compared ignoring case and stored in lower case.
    func oneOf(_ name: MetricField, _ allowed: [StaticString], required: Bool, into batch: inout MetricBatch) throws {
        guard let s = try string(name, required: required) else { return batch.values.append(.null) }
        let match = withDecoded(s.start, s.end, s.escaped) { text in allowed.first { Self.equalsIgnoringCase(text, $0) } }
        guard let match else {
            let given = JSONText.string(slice(s.start, s.end), escaped: s.escaped)
            throw Problem(offset: s.offset, message: "\"\(name.key)\" is \"\(given)\"; expected one of \(allowed.map { "\($0)" }.joined(separator: ", "))")
        }
        batch.values.append(.constant(match))
    }

    /// A nested object (or array) kept as its JSON text, or null.
    func json(_ name: MetricField, object: Bool, into batch: inout MetricBatch) throws {
        guard let field = field(name) else { return batch.values.append(.null) }
        switch field.value {
        case .null: batch.values.append(.null)
        case .raw(let s, let e, let isObject) where isObject == object:
            batch.values.append(.chunkText(start: Int32(base + s), end: Int32(base + e)))
        default: throw Problem(offset: field.valueOffset, message: "\"\(name.key)\" must be a JSON \(object ? "object" : "array")")
        }
    }

    /// The agent id through `agentSlug`; ids that are already slugs are used as they are.
    func agentId(into batch: inout MetricBatch) throws {
        guard let s = try string(.agentId, required: true) else { return }
        let raw = slice(s.start, s.end)
        if !s.escaped, Self.isSlug(raw) {
            return batch.values.append(.chunkText(start: Int32(base + s.start), end: Int32(base + s.end)))
        }
        guard let slug = JSONText.string(raw, escaped: s.escaped).agentSlug else {
            throw Problem(offset: s.offset, message: "\"agent_id\" has no letters or digits to make an agent id of")
        }
        appendScratch(slug, into: &batch)
    }

    /// Appends text that is not in the chunk as such (decoded, derived) as a value.
    func appendScratch(_ text: String, into batch: inout MetricBatch) {
        let start = batch.scratch.count
        batch.scratch.append(contentsOf: text.utf8)
        batch.values.append(.scratchText(start: Int32(start), end: Int32(batch.scratch.count)))
    }

    /// Whether `agentSlug` would return these bytes unchanged.
    static func isSlug(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard (1...20).contains(bytes.count), bytes[0] != UInt8(ascii: "-"), bytes[bytes.count - 1] != UInt8(ascii: "-") else {
            return false
        }
        var previous: UInt8 = 0
        for c in bytes {
            let ok = (c &- 0x61 < 26) || JSONText.isDigit(c) || c == UInt8(ascii: "_")
                || (c == UInt8(ascii: "-") && previous != UInt8(ascii: "-"))
            if !ok { return false }
            previous = c
        }
        return true
    }
}
