import Foundation

/// Finds task ids in commit messages: the config's `attribution.taskIdPattern` through
/// NSRegularExpression, or — for the default pattern `\b[A-Z][A-Z0-9]*-[A-Z0-9-]*[0-9]+\b`,
/// which nearly every commit of an agent team matches — a byte scanner that gives the same
/// matches at a fraction of the cost (git ingest runs it on every commit).
struct TaskIdScanner {
    private let regex: NSRegularExpression?
    private let usesDefault: Bool

    /// A scanner for `pattern` (nil when it does not compile; the config loader checks it).
    init(pattern: String) {
        usesDefault = pattern == ReportConfig.Attribution().taskIdPattern
        regex = usesDefault ? nil : try? NSRegularExpression(pattern: pattern)
    }

    /// The distinct ids in `text`, in order of appearance, each at most 50 characters (the
    /// seed's `task_id` is `VARCHAR(50)`).
    func taskIds(in text: String) -> [String] {
        var ids: [String] = []
        for id in matches(in: text) {
            let id = String(id.prefix(50))
            if !ids.contains(id) { ids.append(id) }
        }
        return ids
    }

    /// Every match, in order, duplicates included.
    func matches(in text: String) -> [String] {
        if !usesDefault {
            guard let regex else { return [] }
            let range = NSRange(text.startIndex..., in: text)
            return regex.matches(in: text, range: range).compactMap {
                Range($0.range, in: text).map { String(text[$0]) }
            }
        }
        var text = text
        return text.withUTF8 { Self.defaultMatches(in: $0) }
    }
}

private extension TaskIdScanner {
    static func isUpper(_ b: UInt8) -> Bool { b >= 0x41 && b <= 0x5A }
    static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
    /// `[A-Z0-9-]`, the characters an id is made of after its first.
    static func isIdByte(_ b: UInt8) -> Bool { isUpper(b) || isDigit(b) || b == 0x2D }

    /// `\b[A-Z][A-Z0-9]*-[A-Z0-9-]*[0-9]+\b`, greedy, leftmost, non-overlapping — as ICU runs it.
    static func defaultMatches(in s: UnsafeBufferPointer<UInt8>) -> [String] {
        var found: [String] = []
        var i = 0
        while i < s.count {
            guard isUpper(s[i]), !isWordCharacter(before: i, in: s) else {
                i += 1
                continue
            }
            var end = i + 1
            while end < s.count, isIdByte(s[end]) { end += 1 }
            // The longest prefix of the run s[i..<end] that has a `-` after its first
            // character, ends with a digit and is followed by a word boundary.
            var best: Int?
            var e = end - 1
            while e > i {
                let next = e + 1
                let boundary = next < end ? s[next] == 0x2D : !isWordCharacter(at: next, in: s)
                if isDigit(s[e]), boundary, s[(i + 1)..<e].contains(0x2D) {
                    best = e
                    break
                }
                e -= 1
            }
            if let best {
                found.append(String(decoding: UnsafeBufferPointer(rebasing: s[i...best]), as: UTF8.self))
                i = best + 1
            } else {
                i += 1
            }
        }
        return found
    }

    static func isWordCharacter(before index: Int, in s: UnsafeBufferPointer<UInt8>) -> Bool {
        guard index > 0 else { return false }
        var start = index - 1
        while start > 0, s[start] & 0xC0 == 0x80 { start -= 1 }
        return isWordCharacter(at: start, in: s)
    }

    /// ICU's `\w`: letters, marks, decimal digits, connector punctuation (`_`), ZWNJ/ZWJ.
    static func isWordCharacter(at index: Int, in s: UnsafeBufferPointer<UInt8>) -> Bool {
        guard index < s.count else { return false }
        let b = s[index]
        if b < 0x80 { return isUpper(b) || isDigit(b) || (b >= 0x61 && b <= 0x7A) || b == 0x5F }
        var iterator = UnsafeBufferPointer(rebasing: s[index...]).makeIterator()
        var decoder = UTF8()
        guard case .scalarValue(let scalar) = decoder.decode(&iterator) else { return false }
        let properties = scalar.properties
        switch properties.generalCategory {
        case .decimalNumber, .connectorPunctuation, .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return properties.isAlphabetic || scalar.value == 0x200C || scalar.value == 0x200D
        }
    }
}
