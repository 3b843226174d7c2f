/// A synthetic source file, kept as one number per line (the text is derived from it), so
/// that edits give `git` real additions and deletions at little memory cost.
struct DemoSourceFile {
    /// One seed per line.
    var lines: [UInt64] = []
    /// Whether the file is binary (an image): numstat shows `-` for it.
    var binary = false

    /// Deletes a few lines and inserts new ones; returns (added, deleted).
    mutating func edit(using random: inout DemoRandom, size: Int) -> (added: Int, deleted: Int) {
        var deleted = 0
        if !lines.isEmpty, random.chance(0.6) {
            deleted = min(lines.count, random.heavyTail(median: max(1, size / 3), max: 60))
            let at = random.int(0...(lines.count - deleted))
            lines.removeSubrange(at..<(at + deleted))
        }
        let at = lines.isEmpty ? 0 : random.int(0...lines.count)
        lines.insert(contentsOf: (0..<size).map { _ in random.next() }, at: at)
        // Files do not grow without bound: agents split and trim them.
        if lines.count > 400 {
            deleted += lines.count - 300
            lines.removeFirst(lines.count - 300)
        }
        return (size, deleted)
    }

    /// The file's bytes.
    func render(path: String) -> [UInt8] {
        if binary {
            var bytes: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00]
            for seed in lines { withUnsafeBytes(of: seed.littleEndian) { bytes.append(contentsOf: $0) } }
            return bytes
        }
        var text = "// \(path)\n\nimport Foundation\n\n"
        for seed in lines {
            text += Self.line(seed)
            text += "\n"
        }
        return Array(text.utf8)
    }

    /// The text of a line from its seed: plausible Swift, varied enough to diff line by line.
    static func line(_ v: UInt64) -> String {
        let words = DemoText.identifiers
        let a = words[Int(v % UInt64(words.count))]
        let b = words[Int((v >> 8) % UInt64(words.count))]
        let n = (v >> 16) % 1000
        switch (v >> 32) % 7 {
        case 0: return "    let \(a)\(b.prefix(1).uppercased())\(b.dropFirst()) = \(b)(\(n))"
        case 1: return "    // \(a) \(b): keep \(n) entries"
        case 2: return "    if \(a).isEmpty { return \(n) }"
        case 3: return "    func \(a)\(b.prefix(1).uppercased())\(b.dropFirst())() -> Int { \(n) }"
        case 4: return ""
        case 5: return "    \(a).append(\(b), count: \(n))"
        default: return "    guard \(a) < \(n) else { throw \(b.prefix(1).uppercased())\(b.dropFirst())Error() }"
        }
    }
}
