/// The `Key: value` lines of a commit message that attribution looks at: the first one whose
/// key is a configured trailer (`Agent: builder`), and the first `Co-authored-by:` naming a
/// known tool. Every line after the subject is looked at (agents do not always keep trailers
/// in the last paragraph); keys are compared without regard to case.
///
/// Scans bytes: most messages have no such line, and this runs for every commit no config
/// rule attributed.
struct MessageTrailers {
    /// The value of the first configured trailer, trimmed.
    var configured: String?
    /// The tool of the first `Co-authored-by:` trailer `ToolConventions` knows.
    var coAuthorTool: String?

    /// Scans `message` for `keys` (lower-cased trailer keys) and co-author trailers.
    init(message: String, keys: [[UInt8]]) {
        var message = message
        var configured: String?
        var tool: String?
        message.withUTF8 { bytes in
            guard var lineStart = bytes.firstIndex(of: 0x0A).map({ $0 + 1 }) else { return }
            while lineStart < bytes.count, configured == nil || tool == nil {
                let lineEnd = bytes[lineStart...].firstIndex(of: 0x0A) ?? bytes.count
                defer { lineStart = lineEnd + 1 }
                guard let colon = bytes[lineStart..<lineEnd].firstIndex(of: 0x3A) else { continue }
                let key = Self.trimmed(bytes, lineStart, colon)
                if configured == nil, keys.contains(where: { Self.equalFolded(key, $0) }) {
                    let value = Self.text(Self.trimmed(bytes, colon + 1, lineEnd))
                    if !value.isEmpty { configured = value }
                } else if tool == nil, Self.equalFolded(key, Self.coAuthoredBy) {
                    tool = Self.coAuthorTool(Self.trimmed(bytes, colon + 1, lineEnd))
                }
            }
        }
        self.configured = configured
        coAuthorTool = tool
    }

    static let coAuthoredBy = Array("co-authored-by".utf8)

    /// `Name <email>` → the tool of the e-mail address.
    static func coAuthorTool(_ value: UnsafeBufferPointer<UInt8>.SubSequence) -> String? {
        guard let open = value.lastIndex(of: 0x3C), let close = value[open...].firstIndex(of: 0x3E) else { return nil }
        return ToolConventions.coAuthorTool(email: text(value[(open + 1)..<close]))
    }

    static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int)
        -> UnsafeBufferPointer<UInt8>.SubSequence
    {
        var start = start
        var end = end
        while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
        while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 || bytes[end - 1] == 0x0D { end -= 1 }
        return bytes[start..<end]
    }

    /// ASCII case-insensitive equality with a lower-cased key.
    static func equalFolded(_ bytes: UnsafeBufferPointer<UInt8>.SubSequence, _ lowered: [UInt8]) -> Bool {
        guard bytes.count == lowered.count else { return false }
        for (byte, key) in zip(bytes, lowered) {
            let folded = byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte
            if folded != key { return false }
        }
        return true
    }

    static func text(_ bytes: UnsafeBufferPointer<UInt8>.SubSequence) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes), as: UTF8.self)
    }
}
