import Foundation
import Mustache

/// Escaping for values that land in Markdown, registered as the Mustache content type
/// `MARKDOWN` (templates select it with `{{% CONTENT_TYPE: MARKDOWN}}`).
///
/// Every value is made inert inline text that is also safe in a table cell: Markdown
/// punctuation is backslash-escaped, `|` cannot end a cell, newlines become spaces, and
/// `<` can never open raw HTML.
public struct MarkdownContentType: MustacheContentType {
    public init() {}

    public func escapeText(_ text: String) -> String { Self.escape(text) }

    /// The escaped form of `text`.
    public static func escape(_ text: String) -> String {
        escapeASCII(text) ?? escapeCharacters(text)
    }

    /// `escape(text)` for any text, `Character` by `Character`.
    static func escapeCharacters(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count + 8)
        var atLineStart = true
        for character in text {
            switch character {
            case "\\", "`", "*", "_", "[", "]", "<", ">", "|", "~", "&", "!", "{", "}":
                result.append("\\")
                result.append(character)
            case "#", "+", "-", "=":
                // Only block markers at the very start could change the structure.
                if atLineStart { result.append("\\") }
                result.append(character)
            case "\n", "\r", "\r\n", "\t":
                result.append(" ")
            default:
                result.append(character)
            }
            atLineStart = false
        }
        return result
    }

    /// `escape(text)` for an ASCII-only `text` (most values: ids, times, numbers), byte by
    /// byte; nil for any other text. In ASCII every byte is one `Character` except "\r\n",
    /// which becomes one space as in the `Character` loop.
    static func escapeASCII(_ text: String) -> String? {
        var text = text
        return text.withUTF8 { bytes -> String? in
            var needsWork = false
            for byte in bytes {
                if byte >= 0x80 { return nil }
                if escapesOrReplaces(byte) { needsWork = true }
            }
            if !needsWork, let first = bytes.first, !startsBlock(first) { return String(decoding: bytes, as: UTF8.self) }
            if bytes.isEmpty { return "" }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + 8)
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                switch byte {
                case UInt8(ascii: "\\"), UInt8(ascii: "`"), UInt8(ascii: "*"), UInt8(ascii: "_"), UInt8(ascii: "["),
                    UInt8(ascii: "]"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "|"), UInt8(ascii: "~"),
                    UInt8(ascii: "&"), UInt8(ascii: "!"), UInt8(ascii: "{"), UInt8(ascii: "}"):
                    out.append(UInt8(ascii: "\\"))
                    out.append(byte)
                case UInt8(ascii: "\r"):
                    // "\r\n" is one Character: one space for both.
                    if index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "\n") { index += 1 }
                    out.append(UInt8(ascii: " "))
                case UInt8(ascii: "\n"), UInt8(ascii: "\t"):
                    out.append(UInt8(ascii: " "))
                default:
                    if index == 0, startsBlock(byte) { out.append(UInt8(ascii: "\\")) }
                    out.append(byte)
                }
                index += 1
            }
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// A byte `escape` always changes: punctuation it backslash-escapes, line breaks, tabs.
    private static func escapesOrReplaces(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "\\"), UInt8(ascii: "`"), UInt8(ascii: "*"), UInt8(ascii: "_"), UInt8(ascii: "["),
            UInt8(ascii: "]"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "|"), UInt8(ascii: "~"),
            UInt8(ascii: "&"), UInt8(ascii: "!"), UInt8(ascii: "{"), UInt8(ascii: "}"),
            UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t"):
            return true
        default:
            return false
        }
    }

    /// A block marker `escape` escapes only as the first character.
    private static func startsBlock(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "#") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "=")
    }

    /// Registers the content type with swift-mustache (before any template is parsed).
    static let registerOnce: Bool = {
        MustacheContentTypes.register(MarkdownContentType(), named: "MARKDOWN")
        return true
    }()
}
