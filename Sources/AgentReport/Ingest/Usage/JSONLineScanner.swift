import Foundation

/// A JSON reader for one line of a session log that finds the few values usage needs and
/// skips everything else — hand-written for a measured hot path (`scripts/bench-usage`).
///
/// Session-log lines are large (a tool result, a file written by the agent, the model's
/// reasoning) and almost all of their bytes are string contents nobody needs: a string is
/// skipped with `memchr` for its closing quote, nested values by counting brackets outside
/// strings, and nothing is materialised until a caller asks for a value. Structure is
/// checked as far as it is walked (brackets, quotes, commas, colons, a value where one is
/// due): a line cut short (a torn write) or garbled fails with the byte offset; the contents
/// of skipped strings are not validated, and neither are numbers no one reads.
struct JSONLineScanner {
    /// Why a line could not be read, and where.
    struct Failure: Error, Equatable {
        /// Byte offset in the line.
        var offset: Int
        /// What was wrong.
        var message: String
    }

    /// The line (without its newline).
    let bytes: UnsafeBufferPointer<UInt8>

    /// A scanner over `bytes`.
    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// The index of the first non-whitespace byte at or after `index`.
    @inline(__always)
    func skipSpace(_ index: Int) -> Int {
        var i = index
        while i < bytes.count {
            let c = bytes[i]
            guard c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D else { return i }
            i += 1
        }
        return i
    }

    /// The byte at `index`, or 0 past the end.
    @inline(__always)
    func byte(_ index: Int) -> UInt8 { index < bytes.count ? bytes[index] : 0 }

    /// The end (index after the closing quote) of the string whose opening quote is at `index`.
    func endOfString(at index: Int) throws(Failure) -> Int {
        guard let base = bytes.baseAddress else { throw Failure(offset: index, message: "unterminated string") }
        var i = index + 1
        while i < bytes.count {
            guard let hit = memchr(base + i, 0x22, bytes.count - i) else { break }
            let quote = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            // Escaped when preceded by an odd number of backslashes.
            var backslashes = 0
            var k = quote - 1
            while k > index, bytes[k] == 0x5C {
                backslashes += 1
                k -= 1
            }
            if backslashes % 2 == 0 { return quote + 1 }
            i = quote + 1
        }
        throw Failure(offset: index, message: "unterminated string (the line may be cut short)")
    }

    /// The end of the value starting at `index` (after leading whitespace is skipped).
    func endOfValue(at index: Int) throws(Failure) -> Int {
        let start = skipSpace(index)
        switch byte(start) {
        case 0x22: return try endOfString(at: start)
        case 0x7B, 0x5B: return try endOfNested(at: start)
        case 0x74, 0x66, 0x6E, 0x2D, 0x30...0x39:  // true false null, numbers
            var i = start
            while i < bytes.count {
                let c = bytes[i]
                if c == 0x2C || c == 0x7D || c == 0x5D || c == 0x20 || c == 0x09 || c == 0x0D || c == 0x0A { break }
                i += 1
            }
            return i
        case 0 where start >= bytes.count:
            throw Failure(
                offset: start, message: "a value was expected before the end of the line (the line may be cut short)")
        default:
            throw Failure(offset: start, message: "invalid value")
        }
    }

    /// The end of the object or array whose bracket is at `index`: brackets are counted
    /// outside strings.
    func endOfNested(at index: Int) throws(Failure) -> Int {
        var depth = 0
        var i = index
        while i < bytes.count {
            switch bytes[i] {
            case 0x22:
                i = try endOfString(at: i)
                continue
            case 0x7B, 0x5B:
                depth += 1
                guard depth <= 512 else { throw Failure(offset: i, message: "nested more than 512 levels deep") }
            case 0x7D, 0x5D:
                depth -= 1
                if depth == 0 { return i + 1 }
            default: break
            }
            i += 1
        }
        throw Failure(offset: index, message: "unterminated object or array (the line may be cut short)")
    }

    /// Calls `body` with each member of the object at `index` — the key's content range and
    /// where its value starts — and returns the index after the object. `body` returns the
    /// end of the value when it consumed it, or nil to have it skipped.
    @discardableResult
    func forEachMember(
        ofObjectAt index: Int, _ body: (_ keyStart: Int, _ keyEnd: Int, _ value: Int) throws(Failure) -> Int?
    ) throws(Failure) -> Int {
        var i = skipSpace(index)
        guard byte(i) == 0x7B else { throw Failure(offset: i, message: "expected a JSON object") }
        i = skipSpace(i + 1)
        if byte(i) == 0x7D { return i + 1 }
        while true {
            guard byte(i) == 0x22 else {
                throw Failure(
                    offset: i,
                    message: i >= bytes.count
                        ? "the line ends inside an object (cut short?)" : "expected a key in double quotes")
            }
            let keyEnd = try endOfString(at: i)
            var j = skipSpace(keyEnd)
            guard byte(j) == 0x3A else { throw Failure(offset: j, message: "expected ':' after a key") }
            j = skipSpace(j + 1)
            let consumed = try body(i + 1, keyEnd - 1, j)
            let end: Int
            if let consumed { end = consumed } else { end = try endOfValue(at: j) }
            i = skipSpace(end)
            if byte(i) == 0x2C {
                i = skipSpace(i + 1)
                continue
            }
            guard byte(i) == 0x7D else {
                throw Failure(
                    offset: i,
                    message: i >= bytes.count ? "the line ends inside an object (cut short?)" : "expected ',' or '}'")
            }
            return i + 1
        }
    }

    /// Calls `body` with where each element of the array at `index` starts; returns the index
    /// after the array. `body` returns the element's end when it consumed it, or nil.
    @discardableResult
    func forEachElement(ofArrayAt index: Int, _ body: (_ value: Int) throws(Failure) -> Int?) throws(Failure) -> Int {
        var i = skipSpace(index)
        guard byte(i) == 0x5B else { return try endOfValue(at: i) }
        i = skipSpace(i + 1)
        if byte(i) == 0x5D { return i + 1 }
        while true {
            let consumed = try body(i)
            let end: Int
            if let consumed { end = consumed } else { end = try endOfValue(at: i) }
            i = skipSpace(end)
            if byte(i) == 0x2C {
                i = skipSpace(i + 1)
                continue
            }
            guard byte(i) == 0x5D else {
                throw Failure(
                    offset: i,
                    message: i >= bytes.count ? "the line ends inside an array (cut short?)" : "expected ',' or ']'")
            }
            return i + 1
        }
    }

    // MARK: - Values

    /// Whether the key `start..<end` is `name` (keys are compared as written: the logs'
    /// keys have no escapes).
    @inline(__always)
    func key(_ start: Int, _ end: Int, is name: StaticString) -> Bool {
        let count = name.utf8CodeUnitCount
        guard end - start == count, let base = bytes.baseAddress else { return false }
        return memcmp(base + start, name.utf8Start, count) == 0
    }

    /// The string at `index` as a Swift string (escapes decoded), and its end; nil for any
    /// other value (null, a number).
    func string(at index: Int) throws(Failure) -> (value: String?, end: Int) {
        let start = skipSpace(index)
        guard byte(start) == 0x22 else { return (nil, try endOfValue(at: start)) }
        let end = try endOfString(at: start)
        let content = UnsafeBufferPointer(rebasing: bytes[(start + 1)..<(end - 1)])
        let escaped = content.contains(0x5C)
        return (JSONText.string(content, escaped: escaped), end)
    }

    /// Whether the string at `index` is exactly `text`, and the value's end.
    func stringEquals(at index: Int, _ text: StaticString) throws(Failure) -> (Bool, end: Int) {
        let start = skipSpace(index)
        guard byte(start) == 0x22 else { return (false, try endOfValue(at: start)) }
        let end = try endOfString(at: start)
        return (key(start + 1, end - 1, is: text), end)
    }

    /// The integer at `index` (nil for anything else), and the value's end.
    func int64(at index: Int) throws(Failure) -> (value: Int64?, end: Int) {
        let start = skipSpace(index)
        let end = try endOfValue(at: start)
        guard start < end, byte(start) == 0x2D || JSONText.isDigit(byte(start)) else { return (nil, end) }
        let value =
            JSONText.int64(UnsafeBufferPointer(rebasing: bytes[start..<end]))
            ?? JSONText.double(UnsafeBufferPointer(rebasing: bytes[start..<end])).map {
                Int64(exactly: $0.rounded()) ?? 0
            }
        return (value, end)
    }

    /// The Boolean at `index` (nil for anything else), and the value's end.
    func bool(at index: Int) throws(Failure) -> (value: Bool?, end: Int) {
        let start = skipSpace(index)
        let end = try endOfValue(at: start)
        switch byte(start) {
        case 0x74: return (true, end)
        case 0x66: return (false, end)
        default: return (nil, end)
        }
    }

    /// The time of the ISO 8601 string at `index` in seconds since 1970 (nil when it is not
    /// one), and the value's end.
    func time(at index: Int) throws(Failure) -> (value: Int64?, end: Int) {
        let start = skipSpace(index)
        guard byte(start) == 0x22 else { return (nil, try endOfValue(at: start)) }
        let end = try endOfString(at: start)
        return (UTCTime.parse(UnsafeBufferPointer(rebasing: bytes[(start + 1)..<(end - 1)])), end)
    }
}

/// Searching a line's raw bytes before any parse: the byte pre-filter.
enum ByteSearch {
    /// Whether any quote in `line` opens or closes one of `keys` (each written with its
    /// closing quote, e.g. `usage"`; a key starting with `_` is matched as the end of a
    /// quoted word, e.g. `_call"` in `"function_call"`). One `memchr` pass over the quotes:
    /// the long texts of a log line have few of them.
    static func hasQuoted(_ line: UnsafeBufferPointer<UInt8>, _ keys: [StaticString]) -> Bool {
        guard let base = line.baseAddress else { return false }
        var i = 0
        while i < line.count {
            guard let hit = memchr(base + i, 0x22, line.count - i) else { return false }
            let quote = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            // Each candidate's first (or, for an ending, last) letter is compared in place
            // before `memcmp`: most quotes match no key, and a call per quote and key was a
            // twentieth of the usage ingest.
            for key in keys {
                let count = key.utf8CodeUnitCount
                if key.utf8Start[0] == UInt8(ascii: "_") {
                    // The key ends at this quote.
                    if quote + 1 >= count, base[quote - 1] == key.utf8Start[count - 2],
                        memcmp(base + quote + 1 - count, key.utf8Start, count) == 0
                    {
                        return true
                    }
                } else if quote + 1 + count <= line.count, base[quote + 1] == key.utf8Start[0],
                    memcmp(base + quote + 1, key.utf8Start, count) == 0
                {
                    return true
                }
            }
            i = quote + 1
        }
        return false
    }

    /// Whether `needle` occurs in `haystack`.
    @inline(__always)
    static func contains(_ haystack: UnsafeBufferPointer<UInt8>, _ needle: StaticString) -> Bool {
        index(of: needle, in: haystack) != nil
    }

    /// The index of the first `needle` in `haystack`, or nil: `memchr` for its first byte,
    /// then `memcmp` (glibc's `memmem` is a GNU extension Swift does not import).
    static func index(of needle: StaticString, in haystack: UnsafeBufferPointer<UInt8>) -> Int? {
        let count = needle.utf8CodeUnitCount
        guard count > 0, let base = haystack.baseAddress, haystack.count >= count else { return nil }
        let first = Int32(needle.utf8Start[0])
        var i = 0
        let last = haystack.count - count
        while i <= last {
            guard let hit = memchr(base + i, first, last - i + 1) else { return nil }
            let at = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            if memcmp(base + at, needle.utf8Start, count) == 0 { return at }
            i = at + 1
        }
        return nil
    }
}
