/// One file line of `git log --numstat`: lines added and deleted (nil for a binary file,
/// which git shows as `-`) and the file's path (the new path of a rename).
struct NumstatEntry: Equatable {
    /// Lines added; nil for a binary file.
    var added: Int?
    /// Lines deleted; nil for a binary file.
    var deleted: Int?
    /// The path (after a rename, the new one), unquoted.
    var path: String

    /// Whether git counted no lines because the file is binary.
    var isBinary: Bool { added == nil || deleted == nil }

    /// Parses `12\t3\tpath`, `-\t-\tpath`, `0\t0\told => new` or `1\t1\tsrc/{a => b}/f.c`;
    /// nil when the line is not a numstat line.
    init?(line: ArraySlice<UInt8>) {
        guard let firstTab = line.firstIndex(of: 0x09) else { return nil }
        let rest = line[line.index(after: firstTab)...]
        guard let secondTab = rest.firstIndex(of: 0x09) else { return nil }
        guard let added = Self.count(line[line.startIndex..<firstTab]),
            let deleted = Self.count(rest[rest.startIndex..<secondTab])
        else { return nil }
        self.added = added.value
        self.deleted = deleted.value
        let pathBytes = rest[rest.index(after: secondTab)...]
        let rawPath = String(decoding: pathBytes, as: UTF8.self)
        // Most lines are a plain path: look for a rename arrow or quoting before paying for them.
        path = Self.hasArrow(pathBytes) || pathBytes.first == 0x22 ? Self.newPath(of: rawPath) : rawPath
    }

    /// An entry from its parts.
    init(added: Int?, deleted: Int?, path: String) {
        self.added = added
        self.deleted = deleted
        self.path = path
    }
}

private extension NumstatEntry {
    /// Whether the bytes hold ` => `.
    static func hasArrow(_ bytes: ArraySlice<UInt8>) -> Bool {
        var index = bytes.startIndex
        while let equals = bytes[index...].firstIndex(of: 0x3D) {
            if equals > bytes.startIndex, equals + 2 < bytes.endIndex, bytes[equals - 1] == 0x20,
                bytes[equals + 1] == 0x3E, bytes[equals + 2] == 0x20
            {
                return true
            }
            index = equals + 1
        }
        return false
    }

    /// `-` (binary) or a decimal count; nil for anything else.
    static func count(_ bytes: ArraySlice<UInt8>) -> (value: Int?, Void)? {
        if bytes.count == 1, bytes.first == 0x2D { return (nil, ()) }
        guard !bytes.isEmpty else { return nil }
        var value = 0
        for byte in bytes {
            guard byte >= 0x30, byte <= 0x39 else { return nil }
            value = value &* 10 &+ Int(byte - 0x30)
        }
        return (value, ())
    }

    /// The path after a rename, unquoted: `a => b` → `b`; `dir/{a => b}/f` → `dir/b/f`.
    static func newPath(of raw: String) -> String {
        guard let arrow = raw.range(of: " => ") else { return unquote(raw) }
        if let open = raw[..<arrow.lowerBound].lastIndex(of: "{"),
            let close = raw[arrow.upperBound...].firstIndex(of: "}")
        {
            let joined = String(raw[..<open]) + String(raw[arrow.upperBound..<close]) + String(raw[raw.index(after: close)...])
            return unquote(joined.replacingOccurrences(of: "//", with: "/"))
        }
        return unquote(String(raw[arrow.upperBound...]))
    }

    /// Undoes git's C-style quoting of unusual file names (`"a\tb"`, octal UTF-8 bytes).
    static func unquote(_ text: String) -> String {
        let bytes = Array(text.utf8)
        guard bytes.count >= 2, bytes.first == 0x22, bytes.last == 0x22 else { return text }
        var output: [UInt8] = []
        var i = 1
        while i < bytes.count - 1 {
            let byte = bytes[i]
            guard byte == 0x5C, i + 1 < bytes.count - 1 else {
                output.append(byte)
                i += 1
                continue
            }
            let next = bytes[i + 1]
            let escapes: [UInt8: UInt8] = [0x6E: 0x0A, 0x74: 0x09, 0x72: 0x0D, 0x22: 0x22, 0x5C: 0x5C, 0x61: 0x07, 0x62: 0x08, 0x66: 0x0C, 0x76: 0x0B]
            if let mapped = escapes[next] {
                output.append(mapped)
                i += 2
            } else if next >= 0x30, next <= 0x37, i + 3 < bytes.count {
                let digits = bytes[(i + 1)...(i + 3)].map { Int($0) - 0x30 }
                output.append(UInt8(truncatingIfNeeded: digits[0] * 64 + digits[1] * 8 + digits[2]))
                i += 4
            } else {
                output.append(byte)
                i += 1
            }
        }
        return String(decoding: output, as: UTF8.self)
    }
}
