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

    /// Registers the content type with swift-mustache (before any template is parsed).
    static let registerOnce: Bool = {
        MustacheContentTypes.register(MarkdownContentType(), named: "MARKDOWN")
        return true
    }()
}
