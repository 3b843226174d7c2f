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

    /// The HTML body for `markdown`.
    public static func render(_ markdown: String) -> String {
        _ = registered
        let options = CMARK_OPT_DEFAULT | CMARK_OPT_STRIKETHROUGH_DOUBLE_TILDE
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
        return String(cString: html)
    }
}

private extension MarkdownToHTML {
    /// `agents/builder.md` → `agents/builder.html`, `tasks.md#blocked` → `tasks.html#blocked`,
    /// for relative links only.
    static func rewriteMarkdownLinks(in document: OpaquePointer) {
        guard let iterator = cmark_iter_new(document) else { return }
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator),
                cmark_node_get_type(node) == CMARK_NODE_LINK, let urlPointer = cmark_node_get_url(node)
            else { continue }
            let url = String(cString: urlPointer)
            guard !url.contains(":"), !url.hasPrefix("/") else { continue }
            let parts = url.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
            guard let path = parts.first, path.hasSuffix(".md") else { continue }
            var rewritten = path.dropLast(3) + ".html"
            if parts.count == 2 { rewritten += "#" + parts[1] }
            cmark_node_set_url(node, String(rewritten))
        }
    }
}
