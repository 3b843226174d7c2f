import CCmarkGFM
import Foundation

/// Turns GitHub-flavoured Markdown into HTML with cmark-gfm and its extensions.
///
/// Runs without `CMARK_OPT_UNSAFE`: raw HTML from inputs becomes a comment and
/// `javascript:` links are emptied. Relative links to `.md` pages are rewritten to `.html`
/// so the same Markdown works on GitHub and on the static site.
public enum MarkdownToHTML {
    /// The HTML body for `markdown`.
    public static func render(_ markdown: String) -> String {
        withDocument(markdown) { parser, document in
            rewriteMarkdownLinks(in: document)
            guard let html = cmark_render_html(document, options, cmark_parser_get_syntax_extensions(parser)) else {
                return ""
            }
            defer { free(html) }
            return HeadingAnchors.addIdentifiers(to: String(cString: html))
        } ?? ""
    }

    /// `markdown` with every link, image and autolink whose scheme is not relative, http,
    /// https or mailto made inert text, as the HTML makes them (`hasUnsafeScheme`).
    ///
    /// The Markdown is parsed with the same extensions the HTML uses; each unsafe link is
    /// found with its source position and its opening `[`, `![` or `<` is backslash-escaped,
    /// so it reads as the text it was. An autolink cmark gives no position (GFM's `xmpp:`)
    /// gets a word joiner (U+2060) between its scheme and `:`. Then the text is parsed
    /// again, until no unsafe link is left. A cheap scan skips all this for the pages that
    /// cannot hold one (most of them).
    public static func neutralisingUnsafeLinks(in markdown: String) -> String {
        guard mayHoldUnsafeLink(markdown) else { return markdown }
        var text = markdown
        for _ in 0..<8 {
            let unsafe = unsafeLinks(in: text)
            if unsafe.isEmpty { return text }
            text = neutralising(unsafe, in: text)
        }
        // Pathological input only: every bracket and angle bracket of the page escaped.
        return escapingEveryOpener(in: text)
    }
}

// MARK: - Link schemes

extension MarkdownToHTML {
    /// Schemes a link in the report may use; any other (`javascript:`, `data:`, `vbscript:`,
    /// `file:`, `xmpp:`…) is neutralised, in the HTML (unwrapped to its text) as in the
    /// Markdown (`neutralisingUnsafeLinks`).
    static let allowedSchemes: Set<String> = ["http", "https", "mailto"]

    /// Whether `url` names a scheme other than http, https and mailto. Browsers drop tabs
    /// and line breaks anywhere in a URL and leading blanks and controls, so this does too
    /// before reading the scheme (`java\tscript:` is `javascript:` to them). A `:` before
    /// any `/`, `?` or `#` makes what precedes it a scheme.
    static func hasUnsafeScheme(_ url: String) -> Bool {
        var scheme: [UInt8] = []
        var started = false
        for byte in url.utf8 {
            if byte == 0x09 || byte == 0x0A || byte == 0x0D { continue }
            if !started, byte <= 0x20 { continue }
            started = true
            switch byte {
            case UInt8(ascii: ":"):
                let name = String(decoding: scheme, as: UTF8.self).lowercased()
                return !allowedSchemes.contains(name)
            case UInt8(ascii: "/"), UInt8(ascii: "?"), UInt8(ascii: "#"):
                return false
            default:
                scheme.append(byte)
            }
        }
        return false
    }
}

private extension MarkdownToHTML {
    /// `agents/builder.md` → `agents/builder.html`, `tasks.md#blocked` → `tasks.html#blocked`,
    /// for relative links only; links and images with a scheme that is not allowed are
    /// unwrapped to their text (an image to its alternative text).
    static func rewriteMarkdownLinks(in document: OpaquePointer) {
        var unwrap: [OpaquePointer] = []
        forEachLink(in: document) { node, isImage, url in
            if hasUnsafeScheme(url) || (!isImage && url.isEmpty) {
                unwrap.append(node)
                return
            }
            guard !isImage, !url.contains(":"), !url.hasPrefix("/") else { return }
            let parts = url.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
            guard let path = parts.first, path.hasSuffix(".md") else { return }
            var rewritten = path.dropLast(3) + ".html"
            if parts.count == 2 { rewritten += "#" + parts[1] }
            cmark_node_set_url(node, String(rewritten))
        }
        // Changed only after the walk: the iterator must not see a tree that moves under it.
        for link in unwrap {
            while let child = cmark_node_first_child(link) {
                cmark_node_insert_before(link, child)
            }
            cmark_node_unlink(link)
            cmark_node_free(link)
        }
    }

    static let registered: Bool = {
        cmark_gfm_core_extensions_ensure_registered()
        return true
    }()

    /// Style attributes instead of `align` (not valid HTML5) on table cells; invalid UTF-8
    /// in inputs is replaced rather than passed through.
    static let options =
        CMARK_OPT_DEFAULT | CMARK_OPT_STRIKETHROUGH_DOUBLE_TILDE | CMARK_OPT_TABLE_PREFER_STYLE_ATTRIBUTES
        | CMARK_OPT_VALIDATE_UTF8

    /// Calls `body` with every link and image node of `document` (whether it is an image, and
    /// its URL), in document order. The tree must not be changed during the walk.
    static func forEachLink(in document: OpaquePointer, _ body: (OpaquePointer, Bool, String) -> Void) {
        guard let iterator = cmark_iter_new(document) else { return }
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            guard type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE else { continue }
            body(node, type == CMARK_NODE_IMAGE, cmark_node_get_url(node).map { String(cString: $0) } ?? "")
        }
    }

    /// One conversion at a time: cmark-gfm keeps the table of special inline characters that
    /// extensions add (the autolink extension's `:` and `w`) in a global, added when a parser
    /// processes inlines and removed afterwards (github/cmark-gfm#176), so two conversions on
    /// two threads sometimes autolinked a URL and sometimes not: the same data gave different HTML.
    private static let lock = NSLock()

    /// Parses `markdown` with the report's extensions and hands the parser and document to
    /// `body`; nil when cmark-gfm could not allocate them. One parse at a time (`lock`).
    static func withDocument<T>(_ markdown: String, _ body: (OpaquePointer, OpaquePointer) -> T) -> T? {
        _ = registered
        lock.lock()
        defer { lock.unlock() }
        guard let parser = cmark_parser_new(options) else { return nil }
        defer { cmark_parser_free(parser) }
        for name in ["table", "strikethrough", "autolink", "tasklist", "tagfilter"] {
            if let extensionPointer = cmark_find_syntax_extension(name) {
                cmark_parser_attach_syntax_extension(parser, extensionPointer)
            }
        }
        markdown.withCString { pointer in
            cmark_parser_feed(parser, pointer, strlen(pointer))
        }
        guard let document = cmark_parser_finish(parser) else { return nil }
        defer { cmark_node_free(document) }
        return body(parser, document)
    }
}

// MARK: - Inert links in Markdown

extension MarkdownToHTML {
    /// An unsafe link: where cmark says it starts (1-based line and byte column; 0 when it
    /// does not know) and its URL.
    struct UnsafeLink {
        var line: Int
        var column: Int
        var url: String
    }

    /// Every link or image of `markdown` (as cmark-gfm with the report's extensions reads
    /// it) whose scheme is not allowed.
    static func unsafeLinks(in markdown: String) -> [UnsafeLink] {
        withDocument(markdown) { _, document in
            var found: [UnsafeLink] = []
            forEachLink(in: document) { node, _, url in
                guard hasUnsafeScheme(url) else { return }
                let line = Int(cmark_node_get_start_line(node))
                found.append(UnsafeLink(line: line, column: Int(cmark_node_get_start_column(node)), url: url))
            }
            return found
        } ?? []
    }

}

private extension MarkdownToHTML {
    /// `markdown` with the opener of each link escaped (see `neutralisingUnsafeLinks`).
    static func neutralising(_ links: [UnsafeLink], in markdown: String) -> String {
        var bytes = Array(markdown.utf8)
        var lineStarts = [0]
        for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") { lineStarts.append(index + 1) }
        var inserts: [(offset: Int, bytes: [UInt8])] = []
        var unplaced: [String] = []
        for link in links {
            guard link.line >= 1, link.line <= lineStarts.count, link.column >= 1 else {
                unplaced.append(link.url)
                continue
            }
            let offset = lineStarts[link.line - 1] + link.column - 1
            if offset < bytes.count, bytes[offset] == UInt8(ascii: "[") || bytes[offset] == UInt8(ascii: "<") {
                inserts.append((offset, [UInt8(ascii: "\\")]))
            } else if offset + 1 < bytes.count, bytes[offset] == UInt8(ascii: "!"),
                bytes[offset + 1] == UInt8(ascii: "[")
            {
                inserts.append((offset + 1, [UInt8(ascii: "\\")]))
            } else {
                unplaced.append(link.url)
            }
        }
        for insert in inserts.sorted(by: { $0.offset > $1.offset }) {
            bytes.insert(contentsOf: insert.bytes, at: insert.offset)
        }
        var text = String(decoding: bytes, as: UTF8.self)
        for url in Set(unplaced) { text = breakingScheme(of: url, in: text) }
        return text
    }

    /// `text` with a word joiner between the scheme of `url` and its colon wherever that
    /// scheme is followed by a colon: no parser sees a scheme there any more.
    static func breakingScheme(of url: String, in text: String) -> String {
        guard let colon = url.firstIndex(of: ":") else { return text }
        let scheme = String(url[..<colon]).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !scheme.isEmpty else { return text }
        let pattern = "(?i)(" + NSRegularExpression.escapedPattern(for: scheme) + "):"
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return text }
        return regex.stringByReplacingMatches(
            in: text, range: NSRange(text.startIndex..., in: text), withTemplate: "$1\u{2060}:")
    }

    static func escapingEveryOpener(in text: String) -> String {
        var out = ""
        var previous: Character = " "
        for character in text {
            if (character == "[" || character == "<") && previous != "\\" { out.append("\\") }
            out.append(character)
            previous = character
        }
        return out
    }

    /// Whether `markdown` may hold a link with an unsafe scheme: a `scheme:` other than
    /// http, https and mailto right after `(`, `<` or a reference definition's `]:` (blanks
    /// and blockquote markers between allowed), an `xmpp:` anywhere (GFM autolinks it), or
    /// an entity (`&#58;` spells a colon in a link destination). False for nearly every
    /// page of the report, which then is not parsed at all.
    static func mayHoldUnsafeLink(_ markdown: String) -> Bool {
        var markdown = markdown
        return markdown.withUTF8 { bytes -> Bool in
            let count = bytes.count
            var index = 0
            while index < count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "&"), index + 1 < count,
                    bytes[index + 1] == UInt8(ascii: "#") || isLetter(bytes[index + 1]),
                    index == 0 || bytes[index - 1] != UInt8(ascii: "\\")
                {
                    return true
                }
                if byte == UInt8(ascii: ":"), schemeBefore(index, in: bytes) { return true }
                index += 1
            }
            return false
        }
    }

    /// Whether the `:` at `colon` ends a scheme other than http(s)/mailto in a place where a
    /// link destination can start.
    static func schemeBefore(_ colon: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var start = colon
        while start > 0, isSchemeByte(bytes[start - 1]) { start -= 1 }
        guard start < colon else { return false }
        let scheme = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<colon]), as: UTF8.self)
            .filter { !$0.isWhitespace }.lowercased()
        guard !scheme.isEmpty, !allowedSchemes.contains(scheme) else { return false }
        if scheme.hasSuffix("xmpp") { return true }
        var before = start
        while before > 0, isBlank(bytes[before - 1]) { before -= 1 }
        guard before > 0 else { return false }
        switch bytes[before - 1] {
        case UInt8(ascii: "("), UInt8(ascii: "<"): return true
        case UInt8(ascii: ":"): return before >= 2 && bytes[before - 2] == UInt8(ascii: "]")
        default: return false
        }
    }

    static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) &- 0x61 < 26 }

    /// Letters, digits, `+ . -`, and the tab and line breaks browsers drop from URLs.
    static func isSchemeByte(_ byte: UInt8) -> Bool {
        isLetter(byte) || byte &- 0x30 < 10 || byte == UInt8(ascii: "+") || byte == UInt8(ascii: ".")
            || byte == UInt8(ascii: "-") || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    /// What may sit between a link's `(`, `<` or `]:` and its destination.
    static func isBlank(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == UInt8(ascii: ">")
    }
}
