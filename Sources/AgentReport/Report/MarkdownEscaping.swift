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

    /// The escaped form of `text`, byte by byte over its UTF-8. Every character Markdown
    /// gives a meaning is ASCII, and the bytes of a non-ASCII character are never ASCII, so
    /// those pass through. Working on bytes rather than `Character`s matters: `|` followed
    /// by a combining mark is one `Character`, but cmark-gfm still sees the `|`.
    public static func escape(_ text: String) -> String {
        var text = text
        return text.withUTF8 { bytes -> String in
            var needsWork = false
            for byte in bytes where escapesOrReplaces(byte) {
                needsWork = true
                break
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
                    // "\r\n" is one line break: one space for both.
                    if index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "\n") { index += 1 }
                    out.append(UInt8(ascii: " "))
                case UInt8(ascii: "\n"), UInt8(ascii: "\t"):
                    out.append(UInt8(ascii: " "))
                default:
                    // Only block markers at the very start could change the structure.
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
