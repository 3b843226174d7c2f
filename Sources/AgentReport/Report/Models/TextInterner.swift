import Foundation

/// Gives each distinct text read from SQLite a small integer code, from the column's bytes,
/// without building a Swift `String` per row (only one per distinct text).
///
/// Codes follow Swift's `String` equality: two byte sequences that are different but
/// canonically equivalent (`é` composed or not) get the same code, exactly as a
/// `[String: …]` dictionary keyed by the text would treat them.
struct TextInterner {
    /// The text of each code.
    private(set) var names: [String] = []
    private var byName: [String: Int32] = [:]
    /// Open addressing over byte sequences: slot → index into `keys`, or -1.
    private var slots = [Int32](repeating: -1, count: 64)
    private var keys: [(hash: UInt64, start: Int, count: Int, code: Int32)] = []
    private var bytes: [UInt8] = []

    /// The code of `text` (inserted when new).
    mutating func code(of text: String) -> Int32 {
        var text = text
        return text.withUTF8 { code(of: $0) }
    }

    /// The code of the text in `buffer` (inserted when new).
    mutating func code(of buffer: UnsafeBufferPointer<UInt8>) -> Int32 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in buffer { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] >= 0 {
            let key = keys[Int(slots[slot])]
            if key.hash == hash, key.count == buffer.count, equal(key.start, buffer) { return key.code }
            slot = (slot + 1) & mask
        }
        let name = String(decoding: buffer, as: UTF8.self)
        let code: Int32
        if let existing = byName[name] {
            code = existing
        } else {
            code = Int32(names.count)
            names.append(name)
            byName[name] = code
        }
        slots[slot] = Int32(keys.count)
        keys.append((hash, bytes.count, buffer.count, code))
        bytes.append(contentsOf: buffer)
        if keys.count * 2 > slots.count { grow() }
        return code
    }

    /// The interner with its byte index released, once every text is coded: `names` and
    /// `existingCode(of:)` still answer (the latter only when `keepingLookup`), `code(of:)`
    /// starts a new index. A 100,000-task history's index holds several megabytes.
    func compacted(keepingLookup: Bool) -> TextInterner {
        var copy = TextInterner()
        copy.names = names
        if keepingLookup { copy.byName = byName }
        return copy
    }

    /// The code of `text` if it was seen, without inserting it.
    func existingCode(of text: String) -> Int32? { byName[text] }

    private func equal(_ start: Int, _ buffer: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.withUnsafeBufferPointer { stored in
            guard let base = stored.baseAddress, let other = buffer.baseAddress else { return buffer.isEmpty }
            return memcmp(base + start, other, buffer.count) == 0
        }
    }

    private mutating func grow() {
        slots = [Int32](repeating: -1, count: slots.count * 2)
        let mask = slots.count - 1
        for (index, key) in keys.enumerated() {
            var slot = Int(truncatingIfNeeded: key.hash) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(index)
        }
    }
}
