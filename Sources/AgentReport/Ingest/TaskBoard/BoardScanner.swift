import Foundation

/// Where the parts of a task board are, found in one pass over its bytes by `BoardScanner`.
///
/// The scan validates the whole document as JSON (RFC 8259, plus the trailing commas that
/// `JSONSerialization` also takes) without building it: it keeps
/// the byte spans of the top-level values and of each element of the arrays that can hold
/// tasks, so a board is decoded one task at a time (bounded memory) and a version of a
/// board's history can skip the tasks it shares with an earlier one (see `BoardElementMemo`).
struct BoardLayout {
    /// A value's bytes: where it starts, how long it is, and its first byte (`{`, `[`, `"`,
    /// `t`, `f`, `n` or a number's first character).
    struct Span: Equatable {
        var offset: Int
        var length: Int
        var kind: UInt8

        var isObject: Bool { kind == UInt8(ascii: "{") }
        var isArray: Bool { kind == UInt8(ascii: "[") }
    }

    /// The first byte of the root value.
    var rootKind: UInt8 = 0
    /// The root object's keys and their values (a repeated key: the last one).
    var topLevel: [String: Span] = [:]
    /// Values one level down, under the key `K\u{0}J`, kept for `K == "tasks"` (status
    /// buckets) and `J == "tasks"` (Task Master tags) only; and two levels down under
    /// `tasks\u{0}J\u{0}L` when `tasks.J` is an object (boards keyed by agent).
    var nested: [String: Span] = [:]
    /// The elements of the arrays that can hold tasks: `tasks` (flat) and the `nested` keys
    /// whose value is an array, in document order.
    var lists: [String: [Span]] = [:]
    /// The offset of the first byte inside a string that is not valid UTF-8, if any.
    var firstInvalidUTF8: Int?
    /// Values `JSONSerialization` would refuse, in document order, with what replaces them
    /// before decoding (see `InputText`): one bad value must not cost its task.
    var repairs: [Repair] = []

    /// A value `JSONSerialization` refuses although it is valid JSON, and its replacement.
    struct Repair: Equatable {
        enum Kind: Equatable {
            /// `\u0000`: Foundation keeps it, but SQLite's C strings end there, cutting the text.
            case escapedNUL
            /// `\ud800` without its other half: Foundation rejects the whole document.
            case loneSurrogate
            /// `1e400`: Foundation rejects numbers a `Double` cannot hold.
            case numberOutOfRange(String)
        }

        var offset: Int
        var length: Int
        var kind: Kind

        /// The bytes that replace the value: `\ufffd` for an escape, the number's text as a string.
        var replacement: [UInt8] {
            switch kind {
            case .escapedNUL, .loneSurrogate: Array(#"\ufffd"#.utf8)
            case .numberOutOfRange(let text): Array("\"\(text)\"".utf8)
            }
        }

        /// The warning that names the repair.
        var message: String {
            switch kind {
            case .escapedNUL:
                "an escaped NUL (\\u0000) in a string; replaced with U+FFFD and the rest of the text kept"
            case .loneSurrogate:
                "half of a UTF-16 surrogate pair (a lone \\ud800–\\udfff escape); replaced with U+FFFD and the rest of the text kept"
            case .numberOutOfRange(let text):
                "the number \(text) is out of range; the value is kept as the text \"\(text)\" (in details), not as a number"
            }
        }
    }

    /// The repairs inside the span that starts at `offset` and has `length` bytes.
    func repairs(inSpanAt offset: Int, length: Int) -> ArraySlice<Repair> {
        guard !repairs.isEmpty else { return [] }
        var low = 0
        var high = repairs.count
        while low < high {
            let middle = (low + high) / 2
            if repairs[middle].offset < offset { low = middle + 1 } else { high = middle }
        }
        var end = low
        while end < repairs.count, repairs[end].offset < offset + length { end += 1 }
        return repairs[low..<end]
    }

    /// The key of `nested` and `lists` for `outer.inner`.
    static func path(_ outer: String, _ inner: String) -> String { outer + "\u{0}" + inner }

    /// The key of `nested` and `lists` for `tasks.agent.bucket` (boards keyed by agent).
    static func path(_ outer: String, _ inner: String, _ innermost: String) -> String {
        outer + "\u{0}" + inner + "\u{0}" + innermost
    }
}

/// Invalid JSON: why, and the byte offset where the scan stopped.
struct BoardSyntaxError: Error {
    var offset: Int
    var reason: String
}

/// Reads bytes from memory, or from a file in chunks so that a large board is never held whole.
struct ByteCursor: IteratorProtocol {
    private var chunk: UnsafeMutableBufferPointer<UInt8>
    private var count: Int
    private var position = 0
    /// The offset in the document of `chunk[0]`.
    private var chunkStart = 0
    private let descriptor: Int32
    private let ownsChunk: Bool

    /// A cursor over bytes in memory (valid while the cursor is used).
    init(memory: UnsafeRawBufferPointer) {
        let bytes = memory.bindMemory(to: UInt8.self)
        chunk = UnsafeMutableBufferPointer(mutating: bytes)
        count = bytes.count
        descriptor = -1
        ownsChunk = false
    }

    /// A cursor that reads an open file from its current offset, `chunkSize` bytes at a time.
    init(descriptor: Int32, chunkSize: Int = 1 << 20) {
        chunk = .allocate(capacity: chunkSize)
        count = 0
        self.descriptor = descriptor
        ownsChunk = true
    }

    /// Frees the chunk of a file cursor.
    func close() {
        if ownsChunk { chunk.deallocate() }
    }

    /// The document offset of the next byte.
    var offset: Int { chunkStart + position }

    /// The next byte without consuming it; nil at the end.
    @inline(__always) mutating func peek() -> UInt8? {
        if position < count { return chunk[position] }
        return refill() ? chunk[position] : nil
    }

    /// Consumes one byte (after a `peek` that returned one).
    @inline(__always) mutating func advance() { position += 1 }

    /// The next byte, consumed; nil at the end.
    @inline(__always) mutating func next() -> UInt8? {
        if position < count {
            defer { position += 1 }
            return chunk[position]
        }
        guard refill() else { return nil }
        defer { position += 1 }
        return chunk[position]
    }

    /// Reads the next chunk of the file; false at its end (or for memory).
    private mutating func refill() -> Bool {
        guard descriptor >= 0 else { return false }
        chunkStart += count
        position = 0
        count = 0
        while true {
            let got = read(descriptor, chunk.baseAddress, chunk.count)
            if got < 0, errno == EINTR { continue }
            count = max(0, got)
            return count > 0
        }
    }
}

/// Validates a board's JSON and finds its `BoardLayout` in one pass, without building a tree.
struct BoardScanner {
    /// The deepest nesting accepted: deeper is hostile, not a board.
    static let maximumDepth = 512

    private var cursor: ByteCursor
    private var layout = BoardLayout()
    private var key: [UInt8] = []
    /// The bytes of the number being scanned.
    private var numberText: [UInt8] = []

    /// Scans `cursor`'s document to its end.
    static func scan(_ cursor: ByteCursor) throws(BoardSyntaxError) -> BoardLayout {
        var scanner = BoardScanner(cursor: cursor)
        return try scanner.document()
    }

    private init(cursor: ByteCursor) { self.cursor = cursor }

    /// What a value is to the layout.
    private enum Role {
        case root, topLevel(String), nested(outer: String, inner: String), agentBucket(agent: String, bucket: String),
            element, other
    }

    private mutating func document() throws(BoardSyntaxError) -> BoardLayout {
        // A UTF-8 byte-order mark is allowed before the value.
        if cursor.peek() == 0xEF {
            cursor.advance()
            guard cursor.next() == 0xBB, cursor.next() == 0xBF else { throw fail("unexpected byte 0xEF") }
        }
        try value(role: .root, depth: 0)
        skipWhitespace()
        if cursor.peek() != nil { throw fail("unexpected data after the JSON value") }
        return layout
    }

    private func fail(_ reason: String) -> BoardSyntaxError {
        BoardSyntaxError(offset: cursor.offset, reason: reason)
    }

    @inline(__always) private mutating func skipWhitespace() {
        while let c = cursor.peek(), c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 { cursor.advance() }
    }

    /// Scans one value; `role` says what the layout keeps of it.
    private mutating func value(role: Role, depth: Int) throws(BoardSyntaxError) {
        skipWhitespace()
        guard let c = cursor.peek() else { throw fail("unexpected end of data, a value was expected") }
        let start = cursor.offset
        switch c {
        case UInt8(ascii: "{"):
            guard depth < Self.maximumDepth else { throw fail("nested more than \(Self.maximumDepth) levels deep") }
            try object(role: role, depth: depth + 1)
        case UInt8(ascii: "["):
            guard depth < Self.maximumDepth else { throw fail("nested more than \(Self.maximumDepth) levels deep") }
            try array(role: role, depth: depth + 1)
        case UInt8(ascii: "\""):
            cursor.advance()
            try string(capture: false)
        case UInt8(ascii: "t"): try literal("true")
        case UInt8(ascii: "f"): try literal("false")
        case UInt8(ascii: "n"): try literal("null")
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try number()
        default: throw fail("unexpected \(Self.describe(c)), a value was expected")
        }
        let span = BoardLayout.Span(offset: start, length: cursor.offset - start, kind: c)
        switch role {
        case .root: layout.rootKind = c
        case .topLevel(let name): layout.topLevel[name] = span
        case .nested(let outer, let inner): layout.nested[BoardLayout.path(outer, inner)] = span
        case .agentBucket(let agent, let bucket): layout.nested[BoardLayout.path("tasks", agent, bucket)] = span
        case .element, .other: break
        }
    }

    private mutating func object(role: Role, depth: Int) throws(BoardSyntaxError) {
        cursor.advance()  // {
        skipWhitespace()
        if cursor.peek() == UInt8(ascii: "}") {
            cursor.advance()
            return
        }
        while true {
            skipWhitespace()
            guard let c = cursor.peek() else { throw fail("unexpected end of data inside an object") }
            guard c == UInt8(ascii: "\"") else {
                throw fail("unexpected \(Self.describe(c)), a key in quotes was expected")
            }
            cursor.advance()
            let childRole: Role
            switch role {
            case .root:
                try string(capture: true)
                let name = String(decoding: key, as: UTF8.self)
                if layout.topLevel[name] != nil { forget(name) }
                childRole = .topLevel(name)
            case .topLevel(let outer):
                try string(capture: true)
                let inner = String(decoding: key, as: UTF8.self)
                childRole = outer == "tasks" || inner == "tasks" ? .nested(outer: outer, inner: inner) : .other
            case .nested(let outer, let inner) where outer == "tasks":
                try string(capture: true)
                childRole = .agentBucket(agent: inner, bucket: String(decoding: key, as: UTF8.self))
            case .nested, .agentBucket, .element, .other:
                try string(capture: false)
                childRole = .other
            }
            skipWhitespace()
            guard let colon = cursor.next() else { throw fail("unexpected end of data, \":\" was expected") }
            guard colon == UInt8(ascii: ":") else {
                throw BoardSyntaxError(
                    offset: cursor.offset - 1, reason: "unexpected \(Self.describe(colon)), \":\" was expected")
            }
            try value(role: childRole, depth: depth)
            skipWhitespace()
            guard let next = cursor.next() else { throw fail("unexpected end of data inside an object") }
            if next == UInt8(ascii: "}") { return }
            guard next == UInt8(ascii: ",") else {
                throw BoardSyntaxError(
                    offset: cursor.offset - 1, reason: "unexpected \(Self.describe(next)), \",\" or \"}\" was expected")
            }
            // A trailing comma, as JSONSerialization allows.
            skipWhitespace()
            if cursor.peek() == UInt8(ascii: "}") {
                cursor.advance()
                return
            }
        }
    }

    /// Drops what an earlier value of the repeated top-level key `name` left: the last one counts.
    private mutating func forget(_ name: String) {
        let prefix = BoardLayout.path(name, "")
        layout.nested = layout.nested.filter { !$0.key.hasPrefix(prefix) }
        layout.lists = layout.lists.filter { $0.key != name && !$0.key.hasPrefix(prefix) }
    }

    private mutating func array(role: Role, depth: Int) throws(BoardSyntaxError) {
        let listKey: String?
        switch role {
        case .topLevel(let name) where name == "tasks": listKey = name
        case .nested(let outer, let inner): listKey = BoardLayout.path(outer, inner)
        case .agentBucket(let agent, let bucket): listKey = BoardLayout.path("tasks", agent, bucket)
        default: listKey = nil
        }
        var elements: [BoardLayout.Span] = []
        cursor.advance()  // [
        skipWhitespace()
        if cursor.peek() == UInt8(ascii: "]") {
            cursor.advance()
        } else {
            while true {
                skipWhitespace()
                let start = cursor.offset
                let kind = cursor.peek() ?? 0
                try value(role: listKey == nil ? .other : .element, depth: depth)
                if listKey != nil {
                    elements.append(BoardLayout.Span(offset: start, length: cursor.offset - start, kind: kind))
                }
                skipWhitespace()
                guard let next = cursor.next() else { throw fail("unexpected end of data inside an array") }
                if next == UInt8(ascii: "]") { break }
                guard next == UInt8(ascii: ",") else {
                    throw BoardSyntaxError(
                        offset: cursor.offset - 1,
                        reason: "unexpected \(Self.describe(next)), \",\" or \"]\" was expected")
                }
                // A trailing comma, as JSONSerialization allows.
                skipWhitespace()
                if cursor.peek() == UInt8(ascii: "]") {
                    cursor.advance()
                    break
                }
            }
        }
        if let listKey { layout.lists[listKey] = elements }
    }

    /// Scans a string after its opening quote; with `capture`, its decoded bytes go to `key`.
    /// Escapes Foundation refuses or that would cut the text (a lone surrogate half, `\u0000`)
    /// are noted as repairs.
    private mutating func string(capture: Bool) throws(BoardSyntaxError) {
        if capture { key.removeAll(keepingCapacity: true) }
        // The offset of a high surrogate escape still waiting for its low half.
        var high: Int?
        while true {
            guard let c = cursor.next() else { throw fail("unexpected end of data inside a string") }
            if c == UInt8(ascii: "\\") {
                let start = cursor.offset - 1
                let scalar = try escape(capture: capture)
                if let scalar, (0xDC00...0xDFFF).contains(scalar) {
                    if high == nil { layout.repairs.append(.init(offset: start, length: 6, kind: .loneSurrogate)) }
                    high = nil
                    continue
                }
                if let pending = high {
                    layout.repairs.append(.init(offset: pending, length: 6, kind: .loneSurrogate))
                    high = nil
                }
                if scalar == 0 {
                    layout.repairs.append(.init(offset: start, length: 6, kind: .escapedNUL))
                } else if let scalar, (0xD800...0xDBFF).contains(scalar) {
                    high = start
                }
                continue
            }
            if let pending = high {
                layout.repairs.append(.init(offset: pending, length: 6, kind: .loneSurrogate))
                high = nil
            }
            if c == UInt8(ascii: "\"") { return }
            if c < 0x20 {
                throw BoardSyntaxError(
                    offset: cursor.offset - 1,
                    reason: "control character \(Self.describe(c)) inside a string (write it as an escape)")
            } else if c < 0x80 {
                if capture { key.append(c) }
            } else {
                let start = cursor.offset - 1
                if capture { key.append(c) }
                if !continuation(after: c, capture: capture), layout.firstInvalidUTF8 == nil {
                    layout.firstInvalidUTF8 = start
                }
            }
        }
    }

    /// Consumes the continuation bytes of the UTF-8 sequence led by `lead`; false when the
    /// sequence is not valid UTF-8 (the bytes that do not belong to it are left unread).
    private mutating func continuation(after lead: UInt8, capture: Bool) -> Bool {
        guard let (needed, low, high) = InputText.utf8Continuation(after: lead) else { return false }
        for index in 0..<needed {
            guard let c = cursor.peek(), c >= (index == 0 ? low : 0x80), c <= (index == 0 ? high : 0xBF) else {
                return false
            }
            cursor.advance()
            if capture { key.append(c) }
        }
        return true
    }

    /// Scans one escape after its backslash; returns the code unit of a `\u` escape.
    private mutating func escape(capture: Bool) throws(BoardSyntaxError) -> UInt32? {
        guard let e = cursor.next() else { throw fail("unexpected end of data inside a string") }
        switch e {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"):
            if capture { key.append(e) }
        case UInt8(ascii: "b"): if capture { key.append(0x08) }
        case UInt8(ascii: "f"): if capture { key.append(0x0C) }
        case UInt8(ascii: "n"): if capture { key.append(0x0A) }
        case UInt8(ascii: "r"): if capture { key.append(0x0D) }
        case UInt8(ascii: "t"): if capture { key.append(0x09) }
        case UInt8(ascii: "u"):
            var scalar: UInt32 = 0
            for _ in 0..<4 {
                guard let h = cursor.next(), let digit = JSONText.hexValue(h) else {
                    throw BoardSyntaxError(offset: cursor.offset - 1, reason: "\\u must be followed by four hex digits")
                }
                scalar = scalar << 4 | digit
            }
            // Keys are compared, not shown: a surrogate half becomes U+FFFD.
            if capture { JSONText.appendUTF8((0xD800...0xDFFF).contains(scalar) ? 0xFFFD : scalar, to: &key) }
            return scalar
        default:
            throw BoardSyntaxError(
                offset: cursor.offset - 1, reason: "invalid escape \"\\\(Self.describe(e, quoted: false))\"")
        }
        return nil
    }

    private mutating func literal(_ word: StaticString) throws(BoardSyntaxError) {
        let bytes = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
        for expected in bytes {
            guard let c = cursor.peek() else { throw fail("unexpected end of data inside \"\(word)\"") }
            guard c == expected else { throw fail("unexpected \(Self.describe(c)), \"\(word)\" was expected") }
            cursor.advance()
        }
    }

    /// Scans a number; one a `Double` cannot hold (`1e400`) is noted as a repair.
    private mutating func number() throws(BoardSyntaxError) {
        let start = cursor.offset
        numberText.removeAll(keepingCapacity: true)
        if cursor.peek() == UInt8(ascii: "-") { take() }
        guard let first = cursor.peek(), JSONText.isDigit(first) else { throw fail("a digit was expected in a number") }
        take()
        if first != UInt8(ascii: "0") { digits() }
        let integerDigits = numberText.count
        if cursor.peek() == UInt8(ascii: ".") {
            take()
            guard let c = cursor.peek(), JSONText.isDigit(c) else {
                throw fail("a digit was expected after the decimal point")
            }
            digits()
        }
        var exponent = false
        if let c = cursor.peek(), c == UInt8(ascii: "e") || c == UInt8(ascii: "E") {
            exponent = true
            take()
            if let sign = cursor.peek(), sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { take() }
            guard let d = cursor.peek(), JSONText.isDigit(d) else { throw fail("a digit was expected in the exponent") }
            digits()
        }
        // Only a number with an exponent or over 300 digits can overflow a Double.
        if exponent || integerDigits > 300 {
            let text = String(decoding: numberText, as: UTF8.self)
            if !(Double(text)?.isFinite ?? false) {
                layout.repairs.append(.init(offset: start, length: numberText.count, kind: .numberOutOfRange(text)))
            }
        }
    }

    @inline(__always) private mutating func take() {
        if let c = cursor.peek() { numberText.append(c) }
        cursor.advance()
    }

    @inline(__always) private mutating func digits() {
        while let c = cursor.peek(), JSONText.isDigit(c) { take() }
    }

    /// A byte for a message: the character itself when printable ASCII, else its hex value.
    static func describe(_ c: UInt8, quoted: Bool = true) -> String {
        if c >= 0x21 && c < 0x7F {
            let character = String(UnicodeScalar(c))
            return quoted ? "\"\(character)\"" : character
        }
        switch c {
        case 0x0A: return "newline"
        case 0x0D: return "carriage return"
        case 0x09: return "tab"
        case 0x20: return "space"
        default: return String(format: "byte 0x%02X", c)
        }
    }
}
