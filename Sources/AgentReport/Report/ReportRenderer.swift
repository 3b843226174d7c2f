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

    /// Every file of the report in the requested formats: pages, charts, stylesheet.
    public func render(from store: ReportStore, formats: [ReportConfig.ReportFormat]) throws -> [RenderedFile] {
        let library = try templates.library()
        // Pages are independent once built: each is rendered (Mustache, cmark-gfm, its charts)
        // on another core while the following pages are read from the database.
        let pipeline = RenderPipeline { [self] page in
            try renderPage(page, library: library, formats: formats)
        }
        do {
            try ReportQueries.read(from: store) { queries in
                try ReportPages.build(queries, title: config.title, now: now) { pipeline.submit($0) }
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
            let layout = page.layout(siteTitle: config.title, content: MarkdownToHTML.render(markdown))
            guard let html = library.render(layout, withTemplate: "layout.html") else {
                throw TemplateError(description: "no template named layout.html.mustache")
            }
            files.append(RenderedFile(path: page.path + ".html", contents: html))
        }
        return files
    }

    /// Markdown with the blank lines template sections leave behind collapsed to one, no
    /// trailing spaces at line ends, and exactly one newline at the end.
    static func tidy(_ markdown: String) -> String {
        var lines: [Substring] = []
        var blank = false
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = line
            while line.last == " " || line.last == "\t" || line.last == "\r" { line = line.dropLast() }
            if line.isEmpty {
                if blank || lines.isEmpty { continue }
                blank = true
            } else {
                blank = false
            }
            lines.append(line)
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines.joined(separator: "\n") + "\n"
    }
}
