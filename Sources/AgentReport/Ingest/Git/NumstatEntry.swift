/// One file of `git log -z --numstat`: lines added and deleted (nil for a binary file, which
/// git shows as `-`) and the file's path (the new path of a rename), exactly as stored.
struct NumstatEntry: Equatable {
    /// Lines added; nil for a binary file.
    var added: Int?
    /// Lines deleted; nil for a binary file.
    var deleted: Int?
    /// The path (after a rename, the new one), as its bytes are in the repository.
    var path: String

    /// Whether git counted no lines because the file is binary.
    var isBinary: Bool { added == nil || deleted == nil }

    /// Parses one `-z` record `12\t3\tpath` or `-\t-\tpath`; a rename's record
    /// `1\t1\t` has an empty path (its old and new names follow as records of their own).
    /// Nil when the record is no numstat entry.
    init?(record: ArraySlice<UInt8>) {
        guard let firstTab = record.firstIndex(of: 0x09) else { return nil }
        let rest = record[record.index(after: firstTab)...]
        guard let secondTab = rest.firstIndex(of: 0x09) else { return nil }
        guard let added = Self.count(record[record.startIndex..<firstTab]),
            let deleted = Self.count(rest[rest.startIndex..<secondTab])
        else { return nil }
        self.added = added.value
        self.deleted = deleted.value
        path = String(decoding: rest[rest.index(after: secondTab)...], as: UTF8.self)
    }

    /// An entry from its parts.
    init(added: Int?, deleted: Int?, path: String) {
        self.added = added
        self.deleted = deleted
        self.path = path
    }
}

private extension NumstatEntry {
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
}
