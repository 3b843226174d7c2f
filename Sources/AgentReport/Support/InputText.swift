import Foundation

/// The one step every text input goes through before it is parsed, so that inputs are read
/// "exactly as real teams write them" (DESIGN §3): the progress log, per-task Markdown and
/// its front matter, the task board, memory-bank patterns, per-task JSON files and the config.
///
/// - Line-oriented text (`text(_:file:diagnostics:)`): a UTF-8 byte-order mark is dropped;
///   CRLF, a lone CR and LF all become LF, so the same content gives the same rows whatever
///   editor or `core.autocrlf` saved it; bytes that are not UTF-8 and NUL characters become
///   U+FFFD, keeping the rest of the text, with one warning naming `file:line:column`.
/// - JSON (`json(_:file:diagnostics:)`, and the task board through `BoardScanner` and
///   `apply(_:to:from:)`): the document is validated by `BoardScanner`, which also finds
///   the values `JSONSerialization` would refuse; those are repaired (`BoardLayout.Repair`)
///   so that one bad value never costs the record it belongs to.
public enum InputText {
    /// The replacement character U+FFFD in UTF-8.
    static let replacement: [UInt8] = [0xEF, 0xBF, 0xBD]

    // MARK: - Line-oriented text

    /// `data` as text with LF line ends, no byte-order mark, and U+FFFD for bytes that are
    /// not UTF-8 and for NUL characters (each kind reported once, as a warning at its first
    /// `file:line:column`, with the number of lines it was found on).
    public static func text(_ data: Data, file: String, diagnostics: inout [Diagnostic]) -> String {
        data.withUnsafeBytes { raw in text(raw.bindMemory(to: UInt8.self), file: file, diagnostics: &diagnostics) }
    }

    /// `text(_:file:diagnostics:)` over bytes.
    static func text(_ bytes: UnsafeBufferPointer<UInt8>, file: String, diagnostics: inout [Diagnostic]) -> String {
        var index = 0
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { index = 3 }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var line = 1
        var lineStart = 0
        var invalid = Finding()
        var nul = Finding()
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x0A || byte == 0x0D {
                output.append(0x0A)
                index += byte == 0x0D && index + 1 < bytes.count && bytes[index + 1] == 0x0A ? 2 : 1
                line += 1
                lineStart = output.count
            } else if byte == 0 {
                nul.note(line: line, column: column(output, from: lineStart))
                output += replacement
                index += 1
            } else if byte < 0x80 {
                output.append(byte)
                index += 1
            } else if let length = utf8Length(bytes, at: index) {
                output += bytes[index..<index + length]
                index += length
            } else {
                invalid.note(line: line, column: column(output, from: lineStart))
                output += replacement
                index += 1
                // The rest of a broken sequence is one replacement, as String(decoding:) does.
                while index < bytes.count, bytes[index] & 0xC0 == 0x80 { index += 1 }
            }
        }
        if let first = invalid.first {
            diagnostics.append(
                Diagnostic(
                    .warning, file: file, line: first.line, column: first.column,
                    "not valid UTF-8\(invalid.elsewhere); the bytes were replaced with U+FFFD and the rest of the text kept",
                    hint: "save the file as UTF-8"))
        }
        if let first = nul.first {
            diagnostics.append(
                Diagnostic(
                    .warning, file: file, line: first.line, column: first.column,
                    "a NUL character\(nul.elsewhere); replaced with U+FFFD and the rest of the text kept"))
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// The first place a problem was found, and on how many lines.
    private struct Finding {
        var first: (line: Int, column: Int)?
        var lines = 0
        private var lastLine = 0

        mutating func note(line: Int, column: Int) {
            if first == nil { first = (line, column) }
            if line != lastLine { lines += 1 }
            lastLine = line
        }

        /// " (also on 3 more lines)", or nothing.
        var elsewhere: String {
            lines > 1 ? " (and on \(lines - 1) more line\(lines == 2 ? "" : "s"))" : ""
        }
    }

    /// The 1-based column (in characters) of the next byte appended to `output`.
    private static func column(_ output: [UInt8], from lineStart: Int) -> Int {
        var characters = 1
        for byte in output[lineStart...] where byte & 0xC0 != 0x80 { characters += 1 }
        return characters
    }

    /// What must follow the lead byte `lead` of a well-formed UTF-8 sequence (RFC 3629,
    /// table 3-7 of the Unicode standard): how many continuation bytes, and the range of the
    /// first of them (the others are 0x80–0xBF); nil when `lead` leads no sequence.
    static func utf8Continuation(after lead: UInt8) -> (needed: Int, low: UInt8, high: UInt8)? {
        switch lead {
        case 0xC2...0xDF: (1, 0x80, 0xBF)
        case 0xE0: (2, 0xA0, 0xBF)
        case 0xE1...0xEC, 0xEE...0xEF: (2, 0x80, 0xBF)
        case 0xED: (2, 0x80, 0x9F)
        case 0xF0: (3, 0x90, 0xBF)
        case 0xF1...0xF3: (3, 0x80, 0xBF)
        case 0xF4: (3, 0x80, 0x8F)
        default: nil
        }
    }

    /// The length of the well-formed UTF-8 sequence (RFC 3629) that starts at `index` with a
    /// byte ≥ 0x80; nil when it is not one.
    static func utf8Length(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int? {
        guard let (needed, low, high) = utf8Continuation(after: bytes[index]) else { return nil }
        guard index + needed < bytes.count else { return nil }
        for offset in 1...needed {
            let byte = bytes[index + offset]
            guard byte >= (offset == 1 ? low : 0x80), byte <= (offset == 1 ? high : 0xBF) else { return nil }
        }
        return needed + 1
    }

    // MARK: - JSON

    /// A JSON document that is not valid JSON: why, and where (1-based line and column).
    public struct JSONSyntaxProblem: Error, Equatable {
        public var line: Int
        public var column: Int
        public var reason: String
    }

    /// A JSON document read whole, ready for `JSONSerialization`: validated by `BoardScanner`
    /// (RFC 8259, a leading byte-order mark allowed), with its repairs applied and reported
    /// (`BoardLayout.Repair`) and bytes that are not UTF-8 replaced by U+FFFD (one warning).
    /// Throws when the document is not JSON.
    public static func json(_ data: Data, file: String, diagnostics: inout [Diagnostic]) throws(JSONSyntaxProblem)
        -> Data
    {
        let scanned: Result<BoardLayout, BoardSyntaxError> = data.withUnsafeBytes { bytes in
            Result { () throws(BoardSyntaxError) -> BoardLayout in try BoardScanner.scan(ByteCursor(memory: bytes)) }
        }
        let layout: BoardLayout
        switch scanned {
        case .success(let value): layout = value
        case .failure(let error):
            let position = JSONSupport.position(ofByte: error.offset, in: data)
            throw JSONSyntaxProblem(line: position.line, column: position.column, reason: error.reason)
        }
        report(layout, file: file, diagnostics: &diagnostics) { JSONSupport.position(ofByte: $0, in: data) }
        guard !layout.repairs.isEmpty || layout.firstInvalidUTF8 != nil else { return data }
        return data.withUnsafeBytes { bytes in
            apply(layout.repairs[...], to: bytes, from: 0, repairingUTF8: layout.firstInvalidUTF8 != nil)
        }
    }

    /// The 1-based line and column of the value of the top-level `key` of the JSON object in
    /// `data` (for a diagnostic about that value); nil when there is none.
    public static func position(ofTopLevelValue key: String, in data: Data) -> (line: Int, column: Int)? {
        let layout = data.withUnsafeBytes { bytes in try? BoardScanner.scan(ByteCursor(memory: bytes)) }
        guard let span = layout?.topLevel[key] else { return nil }
        return JSONSupport.position(ofByte: span.offset, in: data)
    }

    /// Reports what the scan of a JSON document found to repair: bytes that are not UTF-8
    /// (once), then each repair, the first `shownRepairs` at their `file:line:column` and
    /// the rest counted in one closing warning. `position` maps a byte offset to a line and column.
    static func report(
        _ layout: BoardLayout, file: String, diagnostics: inout [Diagnostic],
        position: (Int) -> (line: Int, column: Int)
    ) {
        if let offset = layout.firstInvalidUTF8 {
            // Agents paste terminal output with Latin-1 or broken bytes; keep the document and
            // replace what is not UTF-8 rather than losing every record over one byte.
            let at = position(offset)
            diagnostics.append(
                Diagnostic(
                    .warning, file: file, line: at.line, column: at.column,
                    "not valid UTF-8 (byte \(offset)); invalid bytes were replaced with U+FFFD",
                    hint: "save the file as UTF-8"))
        }
        for repair in layout.repairs.prefix(shownRepairs) {
            let at = position(repair.offset)
            diagnostics.append(Diagnostic(.warning, file: file, line: at.line, column: at.column, repair.message))
        }
        if layout.repairs.count > shownRepairs {
            diagnostics.append(
                Diagnostic(
                    .warning, file: file,
                    "\(layout.repairs.count - shownRepairs) more values were repaired the same way"))
        }
    }

    /// Repairs reported one by one per document; the rest are counted.
    static let shownRepairs = 10

    /// The bytes of a span that starts at document offset `start`, with the `repairs` inside
    /// it applied (sorted by offset) and, when `repairingUTF8`, bytes that are not UTF-8
    /// replaced by U+FFFD.
    static func apply(
        _ repairs: ArraySlice<BoardLayout.Repair>, to bytes: UnsafeRawBufferPointer, from start: Int,
        repairingUTF8: Bool
    ) -> Data {
        var data: Data
        if repairs.isEmpty {
            data = Data(bytes)
        } else {
            data = Data(capacity: bytes.count + 8 * repairs.count)
            var position = 0
            for repair in repairs {
                let offset = repair.offset - start
                guard offset >= position, offset + repair.length <= bytes.count else { continue }
                data.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[position..<offset]))
                data.append(contentsOf: repair.replacement)
                position = offset + repair.length
            }
            data.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[position...]))
        }
        return repairingUTF8 ? Data(String(decoding: data, as: UTF8.self).utf8) : data
    }
}
