import Foundation

/// Shows control characters from inputs as visible symbols instead of passing them on, in
/// every output: report files (`OutputWriter`) and the terminal (`Console`).
///
/// A title carrying `ESC [ 2 J` must not clear the terminal of whoever reads the nightly
/// log, and a C0 or C1 character in an HTML page is a parse error (HTML5 §13.2.3.5), in an
/// SVG it makes the XML ill-formed. Each C0 character becomes its Unicode control picture
/// (U+2400–U+241F: `␛`, `␀`, …) and DEL `␡` (U+2421); C1 characters (U+0080–U+009F) and
/// noncharacters (U+FDD0–U+FDEF, U+xFFFE, U+xFFFF) become `�` (U+FFFD).
public enum ControlCharacters {
    /// `text` with control characters shown as symbols. Tab, line feed and carriage return
    /// are kept when `keepingLineBreaks` (documents), replaced too otherwise (one-line
    /// terminal messages, where a line break could forge another diagnostic).
    public static func visible(_ text: String, keepingLineBreaks: Bool = true) -> String {
        var text = text
        return text.withUTF8 { bytes in
            guard let first = firstControl(in: bytes, keepingLineBreaks: keepingLineBreaks) else {
                return String(decoding: bytes, as: UTF8.self)
            }
            return String(decoding: replacing(bytes, from: first, keepingLineBreaks: keepingLineBreaks), as: UTF8.self)
        }
    }

    /// Whether `text` holds any character `visible` would replace.
    public static func contains(in text: String, keepingLineBreaks: Bool = true) -> Bool {
        var text = text
        return text.withUTF8 { firstControl(in: $0, keepingLineBreaks: keepingLineBreaks) != nil }
    }
}

private extension ControlCharacters {
    /// The byte offset of the first character to replace, if any: a scan that costs one
    /// compare per ASCII byte.
    static func firstControl(in bytes: UnsafeBufferPointer<UInt8>, keepingLineBreaks: Bool) -> Int? {
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte < 0x20 || byte == 0x7F {
                let kept = keepingLineBreaks ? isLineBreakOrTab(byte) : byte == 0x09
                if !kept { return index }
            } else if byte >= 0xC2, replacementLength(bytes, at: index) > 0 {
                return index
            }
            index += 1
        }
        return nil
    }

    static func isLineBreakOrTab(_ byte: UInt8) -> Bool { byte == 0x09 || byte == 0x0A || byte == 0x0D }

    /// The length of a C1 character or noncharacter starting at `index` (its UTF-8 bytes),
    /// or 0 when the character there is ordinary.
    static func replacementLength(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
        let rest = bytes.count - index
        let lead = bytes[index]
        if lead == 0xC2, rest >= 2, (0x80...0x9F).contains(bytes[index + 1]) { return 2 }  // C1
        if lead == 0xEF, rest >= 3 {
            let second = bytes[index + 1]
            let third = bytes[index + 2]
            if second == 0xB7, (0x90...0xAF).contains(third) { return 3 }  // U+FDD0–U+FDEF
            if second == 0xBF, third == 0xBE || third == 0xBF { return 3 }  // U+FFFE, U+FFFF
        }
        // U+nFFFE and U+nFFFF of the supplementary planes: F0–F4, xF, BF, BE/BF.
        if (0xF0...0xF4).contains(lead), rest >= 4, bytes[index + 1] & 0x0F == 0x0F, bytes[index + 2] == 0xBF,
            bytes[index + 3] == 0xBE || bytes[index + 3] == 0xBF
        {
            return 4
        }
        return 0
    }

    static func replacing(_ bytes: UnsafeBufferPointer<UInt8>, from first: Int, keepingLineBreaks: Bool) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 16)
        out.append(contentsOf: bytes[..<first])
        var index = first
        while index < bytes.count {
            let byte = bytes[index]
            if byte < 0x20 || byte == 0x7F {
                let kept = keepingLineBreaks ? isLineBreakOrTab(byte) : byte == 0x09
                if kept {
                    out.append(byte)
                } else {
                    // U+2400 + code (U+2421 for DEL): E2 90 80+code, in UTF-8.
                    let picture = byte == 0x7F ? 0x21 : byte
                    out.append(contentsOf: [0xE2, 0x90, 0x80 + picture])
                }
                index += 1
            } else if byte >= 0xC2, case let length = replacementLength(bytes, at: index), length > 0 {
                out.append(contentsOf: [0xEF, 0xBF, 0xBD])  // U+FFFD
                index += length
            } else {
                out.append(byte)
                index += 1
            }
        }
        return out
    }
}
