import CCmarkGFM
import Foundation

/// Turns GitHub-flavoured Markdown into HTML with cmark-gfm and its extensions.
///
/// Runs without `CMARK_OPT_UNSAFE`: raw HTML from inputs becomes a comment and
/// `javascript:` links are emptied. Relative links to `.md` pages are rewritten to `.html`
/// so the same Markdown works on GitHub and on the static site.
public enum MarkdownToHTML {
    private static let registered: Bool = {
        cmark_gfm_core_extensions_ensure_registered()
        return true
    }()

    /// One conversion at a time: cmark-gfm keeps the table of special inline characters that
    /// extensions add (the autolink extension's `:` and `w`) in a global, added when a parser
    /// processes inlines and removed afterwards (github/cmark-gfm#176), so two conversions on
    /// two threads sometimes autolinked a URL and sometimes not: the same data gave different HTML.
    private static let lock = NSLock()

    /// The HTML body for `markdown`.
    public static func render(_ markdown: String) -> String {
        _ = registered
        lock.lock()
        defer { lock.unlock() }
        // Style attributes instead of `align` (not valid HTML5) on table cells; invalid UTF-8
        // in inputs is replaced rather than passed through.
        let options =
            CMARK_OPT_DEFAULT | CMARK_OPT_STRIKETHROUGH_DOUBLE_TILDE | CMARK_OPT_TABLE_PREFER_STYLE_ATTRIBUTES
            | CMARK_OPT_VALIDATE_UTF8
        guard let parser = cmark_parser_new(options) else { return "" }
        defer { cmark_parser_free(parser) }
        for name in ["table", "strikethrough", "autolink", "tasklist", "tagfilter"] {
            if let extensionPointer = cmark_find_syntax_extension(name) {
                cmark_parser_attach_syntax_extension(parser, extensionPointer)
            }
        }
        markdown.withCString { pointer in
            cmark_parser_feed(parser, pointer, strlen(pointer))
        }
        guard let document = cmark_parser_finish(parser) else { return "" }
        defer { cmark_node_free(document) }
        rewriteMarkdownLinks(in: document)
        guard let html = cmark_render_html(document, options, cmark_parser_get_syntax_extensions(parser)) else {
            return ""
        }
        defer { free(html) }
        return HeadingAnchors.addIdentifiers(to: String(cString: html))
    }
}

private extension MarkdownToHTML {
    /// Schemes a link in the report may use; any other (`javascript:`, `data:`, `file:`…)
    /// is unwrapped to its text rather than left as an empty, broken link.
    static let allowedSchemes: Set<String> = ["http", "https", "mailto"]

    /// `agents/builder.md` → `agents/builder.html`, `tasks.md#blocked` → `tasks.html#blocked`,
    /// for relative links only; links with a scheme that is not allowed lose their link.
    static func rewriteMarkdownLinks(in document: OpaquePointer) {
        var unwrap: [OpaquePointer] = []
        if let iterator = cmark_iter_new(document) {
            defer { cmark_iter_free(iterator) }
            while true {
                let event = cmark_iter_next(iterator)
                if event == CMARK_EVENT_DONE { break }
                guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator),
                    cmark_node_get_type(node) == CMARK_NODE_LINK
                else { continue }
                let url = cmark_node_get_url(node).map { String(cString: $0) } ?? ""
                if let colon = url.firstIndex(of: ":") {
                    let scheme = url[..<colon].lowercased()
                    let looksLikeScheme = !scheme.isEmpty && !scheme.contains("/") && !scheme.contains("#")
                    if url.isEmpty || (looksLikeScheme && !allowedSchemes.contains(scheme)) { unwrap.append(node) }
                    continue
                }
                if url.isEmpty { unwrap.append(node); continue }
                guard !url.hasPrefix("/") else { continue }
                let parts = url.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
                guard let path = parts.first, path.hasSuffix(".md") else { continue }
                var rewritten = path.dropLast(3) + ".html"
                if parts.count == 2 { rewritten += "#" + parts[1] }
                cmark_node_set_url(node, String(rewritten))
            }
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
}
