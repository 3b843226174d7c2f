/// A JSON parser for the one-object-per-line samples of `metrics/*.jsonl`, over raw bytes.
///
/// Metric lines are flat objects: strings, numbers, booleans and null, with the odd nested
/// object or array (`details`, `top_patterns`) that is stored as JSON text. Foundation's
/// JSON costs twice SQLite's bulk import on its own (DEPENDENCY-NOTES), so this parser
/// validates the whole line per RFC 8259 but materialises nothing: each value is a byte
/// range of the line, decoded only when a column needs it.
struct FlatJSONParser {
    /// One top-level value, as positions in the line.
    enum Value: Equatable {
        /// A string; `start..<end` is its content between the quotes (escapes not decoded).
        case string(start: Int, end: Int, escaped: Bool)
        /// A number; `start..<end` is its text.
        case number(start: Int, end: Int)
        case bool(Bool)
        case null
        /// A nested object or array; `start..<end` is its whole JSON text.
        case raw(start: Int, end: Int, isObject: Bool)
    }

    /// One key of the top-level object with its value and where the value starts.
    struct Field {
        /// The key's content between its quotes: `keyStart..<keyEnd` of the line.
        var keyStart: Int
        var keyEnd: Int
        /// Whether the key has escapes to decode before matching it.
        var keyEscaped: Bool
        var value: Value
        /// Where the value starts in the line (diagnostics point there).
        var valueOffset: Int
    }

    /// Why a line is not a JSON object, and the byte offset where that was found.
    struct Failure: Error, Equatable {
        /// Byte offset in the line.
        var offset: Int
        /// What was wrong, for a diagnostic.
        var message: String
    }

    /// Nesting deeper than this is refused (a guard against stack-like blow-ups).
    static let maxDepth = 64

    /// The fields of the last parsed line; reused from line to line.
    private(set) var fields: [Field] = []

    /// A parser with room for a typical line's fields.
    init() {
        fields.reserveCapacity(24)
    }

    /// Parses `line` (without its newline) as one JSON object.
    mutating func parse(_ line: UnsafeBufferPointer<UInt8>) throws(Failure) {
        fields.removeAll(keepingCapacity: true)
        var scanner = Scanner(bytes: line)
        scanner.skipSpace()
        guard scanner.peek == UInt8(ascii: "{") else {
            throw Failure(offset: scanner.index, message: scanner.atEnd ? "empty line where a JSON object was expected" : "expected a JSON object starting with '{'")
        }
        scanner.index += 1
        scanner.skipSpace()
        if scanner.peek == UInt8(ascii: "}") {
            scanner.index += 1
        } else {
            while true {
                guard scanner.peek == UInt8(ascii: "\"") else {
                    throw Failure(offset: scanner.index, message: "expected a key in double quotes")
                }
                let key = try scanner.scanString()
                scanner.skipSpace()
                guard scanner.peek == UInt8(ascii: ":") else {
                    throw Failure(offset: scanner.index, message: "expected ':' after the key")
                }
                scanner.index += 1
                scanner.skipSpace()
                let valueOffset = scanner.index
                let value = try scanner.scanValue()
                fields.append(Field(keyStart: key.start, keyEnd: key.end, keyEscaped: key.escaped, value: value, valueOffset: valueOffset))
                scanner.skipSpace()
                if scanner.peek == UInt8(ascii: ",") {
                    scanner.index += 1
                    scanner.skipSpace()
                    continue
                }
                guard scanner.peek == UInt8(ascii: "}") else {
                    throw Failure(offset: scanner.index, message: scanner.atEnd ? "unterminated object: expected ',' or '}'" : "expected ',' or '}' after a value")
                }
                scanner.index += 1
                break
            }
        }
        scanner.skipSpace()
        guard scanner.atEnd else {
            throw Failure(offset: scanner.index, message: "unexpected text after the JSON object")
        }
    }
}

// MARK: - Scanning

extension FlatJSONParser {
    /// A cursor over the bytes of one line.
    struct Scanner {
        /// The line being scanned.
        let bytes: UnsafeBufferPointer<UInt8>
        /// The current position.
        var index = 0

        /// Whether the whole line was consumed.
        var atEnd: Bool { index >= bytes.count }
        /// The current byte, or 0 at the end (0 is never valid JSON outside strings).
        var peek: UInt8 { index < bytes.count ? bytes[index] : 0 }

        /// Skips JSON whitespace.
        mutating func skipSpace() {
            while index < bytes.count {
                let c = bytes[index]
                guard c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D else { return }
                index += 1
            }
        }

        /// A string starting at the opening quote; returns its content range.
        mutating func scanString() throws(Failure) -> (start: Int, end: Int, escaped: Bool) {
            let quote = index
            index += 1
            let start = index
            var escaped = false
            while index < bytes.count {
                let c = bytes[index]
                if c == UInt8(ascii: "\"") {
                    index += 1
                    return (start, index - 1, escaped)
                }
                if c == UInt8(ascii: "\\") {
                    escaped = true
                    try scanEscape()
                    continue
                }
                if c < 0x20 {
                    throw Failure(offset: index, message: "control character in a string (escape it as \\u00XX)")
                }
                index += 1
            }
            throw Failure(offset: quote, message: "unterminated string")
        }

        private mutating func scanEscape() throws(Failure) {
            let at = index
            index += 1
            guard index < bytes.count else { throw Failure(offset: at, message: "unterminated escape sequence") }
            switch bytes[index] {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"),
                UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                index += 1
            case UInt8(ascii: "u"):
                index += 1
                for _ in 0..<4 {
                    guard index < bytes.count, JSONText.hexValue(bytes[index]) != nil else {
                        throw Failure(offset: at, message: "invalid \\u escape: four hex digits expected")
                    }
                    index += 1
                }
            default:
                throw Failure(offset: at, message: "invalid escape sequence '\\\(Character(Unicode.Scalar(bytes[index])))'")
            }
        }

        /// Any JSON value; nested objects and arrays are validated and returned as raw text.
        mutating func scanValue() throws(Failure) -> Value {
            let start = index
            switch peek {
            case UInt8(ascii: "\""):
                let s = try scanString()
                return .string(start: s.start, end: s.end, escaped: s.escaped)
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                let isObject = peek == UInt8(ascii: "{")
                try skipNested()
                return .raw(start: start, end: index, isObject: isObject)
            case UInt8(ascii: "t"):
                try scanWord("true")
                return .bool(true)
            case UInt8(ascii: "f"):
                try scanWord("false")
                return .bool(false)
            case UInt8(ascii: "n"):
                try scanWord("null")
                return .null
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                try scanNumber()
                return .number(start: start, end: index)
            case 0 where atEnd:
                throw Failure(offset: index, message: "a value was expected before the end of the line")
            default:
                throw Failure(offset: index, message: "invalid value (strings need double quotes)")
            }
        }

        private mutating func scanWord(_ word: StaticString) throws(Failure) {
            let start = index
            let count = word.utf8CodeUnitCount
            guard index + count <= bytes.count else { throw Failure(offset: start, message: "invalid literal") }
            for k in 0..<count where bytes[index + k] != word.utf8Start[k] {
                throw Failure(offset: start, message: "invalid literal (expected \(word))")
            }
            index += count
        }

        /// RFC 8259 number grammar: `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`.
        private mutating func scanNumber() throws(Failure) {
            let start = index
            if peek == UInt8(ascii: "-") { index += 1 }
            guard JSONText.isDigit(peek) else { throw Failure(offset: start, message: "invalid number") }
            if peek == UInt8(ascii: "0") {
                index += 1
                if JSONText.isDigit(peek) { throw Failure(offset: start, message: "invalid number (leading zero)") }
            } else {
                while JSONText.isDigit(peek) { index += 1 }
            }
            if peek == UInt8(ascii: ".") {
                index += 1
                guard JSONText.isDigit(peek) else { throw Failure(offset: start, message: "invalid number (digits expected after '.')") }
                while JSONText.isDigit(peek) { index += 1 }
            }
            if peek == UInt8(ascii: "e") || peek == UInt8(ascii: "E") {
                index += 1
                if peek == UInt8(ascii: "+") || peek == UInt8(ascii: "-") { index += 1 }
                guard JSONText.isDigit(peek) else { throw Failure(offset: start, message: "invalid number (exponent digits expected)") }
                while JSONText.isDigit(peek) { index += 1 }
            }
        }

        /// Skips a nested object or array, validating it, with a bounded depth and no
        /// recursion (a hostile line cannot exhaust the stack).
        private mutating func skipNested() throws(Failure) {
            var closers: [UInt8] = []
            var expectValue = true
            while true {
                if expectValue {
                    let c = peek
                    if c == UInt8(ascii: "{") || c == UInt8(ascii: "[") {
                        guard closers.count < FlatJSONParser.maxDepth else {
                            throw Failure(offset: index, message: "nested more than \(FlatJSONParser.maxDepth) levels deep")
                        }
                        let closer = c == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: "]")
                        closers.append(closer)
                        index += 1
                        skipSpace()
                        if peek == closer {
                            index += 1
                            closers.removeLast()
                        } else {
                            if closer == UInt8(ascii: "}") { try scanKeyAndColon() }
                            continue
                        }
                    } else {
                        _ = try scanValue()
                    }
                    expectValue = false
                    if closers.isEmpty { return }
                    continue
                }
                skipSpace()
                let closer = closers[closers.count - 1]
                if peek == UInt8(ascii: ",") {
                    index += 1
                    skipSpace()
                    if closer == UInt8(ascii: "}") { try scanKeyAndColon() }
                    expectValue = true
                } else if peek == closer {
                    index += 1
                    closers.removeLast()
                    if closers.isEmpty { return }
                } else {
                    throw Failure(offset: index, message: atEnd ? "unterminated nested value" : "expected ',' or '\(Character(Unicode.Scalar(closer)))'")
                }
            }
        }

        /// `"key":` inside a nested object, leaving the cursor on the value.
        private mutating func scanKeyAndColon() throws(Failure) {
            guard peek == UInt8(ascii: "\"") else { throw Failure(offset: index, message: "expected a key in double quotes") }
            _ = try scanString()
            skipSpace()
            guard peek == UInt8(ascii: ":") else { throw Failure(offset: index, message: "expected ':' after the key") }
            index += 1
            skipSpace()
        }
    }
}
