import Foundation
import Mustache

/// Renders the report pages from the database (opened read-only) and the templates.
///
/// Pure apart from reading the database: it returns `(path, contents)` values and the
/// `OutputWriter` puts them on disk. Same database + same "now" → same bytes.
public struct ReportRenderer: Sendable {
    public let config: ReportConfig
    public let templates: TemplateSet
    public let now: Int64

    public init(config: ReportConfig, templates: TemplateSet, now: Int64) {
        self.config = config
        self.templates = templates
        self.now = now
    }

    /// Every file of the report in the requested formats: pages, charts, stylesheet;
    /// `progress` is told how many pages were built so far. With `staging`, each page's and
    /// chart's file is also staged there as soon as it is rendered (the caller stages the
    /// rest, e.g. the stylesheet, and commits).
    public func render(
        from store: ReportStore, formats: [ReportConfig.ReportFormat], staging: OutputStaging? = nil,
        progress: (Int) -> Void = { _ in }
    ) throws -> [RenderedFile] {
        // The templates are parsed and checked on a thread of their own while the first
        // pages are read; the first page to render waits for them (a template error is
        // thrown from there).
        let templates = templates
        let library = BackgroundWork { try templates.library() }
        // Pages are independent once built: each is rendered (Mustache, cmark-gfm, its charts)
        // and written on another core while the following pages are read from the database.
        var stage: (@Sendable (RenderedFile) throws -> Void)?
        if let staging { stage = { file in try staging.stage(file) } }
        let pipeline = RenderPipeline(
            render: { [self] page in try renderPage(page, library: library.value(), formats: formats) }, stage: stage)
        do {
            try ReportQueries.read(from: store, now: now) { queries in
                var built = 0
                try ReportPages.build(queries, config: config) { build in
                    pipeline.submit(build)
                    built += 1
                    progress(built)
                }
            }
        } catch {
            pipeline.abandon()
            throw error
        }
        let outputs = try pipeline.finish()
        var files: [RenderedFile] = outputs.flatMap(\.pages)
        if !formats.isEmpty { files += outputs.flatMap(\.charts).sorted { $0.path < $1.path } }
        if formats.contains(.html), let css = templates.files["style.css"] {
            files.append(RenderedFile(path: "style.css", contents: css))
        }
        return files
    }

    /// The Markdown and/or HTML file of one page.
    func renderPage(_ page: ReportPage, library: MustacheLibrary, formats: [ReportConfig.ReportFormat]) throws
        -> [RenderedFile]
    {
        var files: [RenderedFile] = []
        guard let rendered = library.render(page.context, withTemplate: page.template + ".md") else {
            throw TemplateError(description: "no template named \(page.template).md.mustache")
        }
        let markdown = Self.tidy(rendered)
        if formats.contains(.markdown) {
            files.append(RenderedFile(path: page.path + ".md", contents: markdown))
        }
        if formats.contains(.html) {
            let layout = page.layout(
                siteTitle: config.title, content: MarkdownToHTML.render(Self.bodyForHTML(markdown)))
            guard let html = library.render(layout, withTemplate: "layout.html") else {
                throw TemplateError(description: "no template named layout.html.mustache")
            }
            files.append(RenderedFile(path: page.path + ".html", contents: html))
        }
        return files
    }

    /// The Markdown of a page without what precedes its title: the navigation line the
    /// Markdown pages carry for GitHub, which the HTML layout replaces with its own menu.
    static func bodyForHTML(_ markdown: String) -> String {
        var start = markdown.startIndex
        for _ in 0..<4 {
            if markdown[start...].hasPrefix("# ") { return String(markdown[start...]) }
            guard let newline = markdown[start...].firstIndex(of: "\n") else { break }
            start = markdown.index(after: newline)
        }
        return markdown
    }

    /// Markdown with the blank lines template sections leave behind collapsed to one, no
    /// trailing spaces, tabs or carriage returns at line ends, and exactly one newline at
    /// the end. Lines end at a line feed that is a character of its own (as splitting the
    /// `String` on `"\n"` would: a CR LF pair is one character, left inside its line).
    ///
    /// Hand-written over the UTF-8 bytes: it runs on every page (a measured 3 % of a
    /// large render when it split the page into substrings).
    static func tidy(_ markdown: String) -> String {
        var markdown = markdown
        return markdown.withUTF8 { bytes in
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + 1)
            var blankBefore = false
            var start = 0
            while start <= bytes.count {
                var end = start
                while end < bytes.count, !(bytes[end] == 0x0A && (end == 0 || bytes[end - 1] != 0x0D)) { end += 1 }
                var last = end
                while last > start, bytes[last - 1] == 0x20 || bytes[last - 1] == 0x09 || bytes[last - 1] == 0x0D {
                    last -= 1
                }
                if last == start {
                    blankBefore = !out.isEmpty
                } else {
                    if !out.isEmpty { out.append(contentsOf: blankBefore ? [0x0A, 0x0A] : [0x0A]) }
                    blankBefore = false
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<last]))
                }
                start = end + 1
            }
            out.append(0x0A)
            return String(decoding: out, as: UTF8.self)
        }
    }
}
