import Foundation
import GRDB
import Mustache

/// Renders the report pages from the database (opened read-only) and the templates.
///
/// Pure apart from reading the database: it returns `(path, contents)` values and the
/// `OutputWriter` puts them on disk. Same database + same "now" → same bytes.
public struct ReportRenderer {
    public let config: ReportConfig
    public let templates: TemplateSet
    public let now: Int64

    public init(config: ReportConfig, templates: TemplateSet, now: Int64) {
        self.config = config
        self.templates = templates
        self.now = now
    }

    /// Every file of the report in the requested formats.
    public func render(from store: ReportStore, formats: [ReportConfig.ReportFormat]) throws -> [RenderedFile] {
        let library = try templates.library()
        let pages = try store.queue.read { db in try ReportPages.build(db, config: config, now: now) }
        var files: [RenderedFile] = []
        for page in pages {
            guard let markdown = library.render(page.context, withTemplate: page.template + ".md") else {
                throw TemplateError(description: "no template named \(page.template).md.mustache")
            }
            if formats.contains(.markdown) {
                files.append(RenderedFile(path: page.path + ".md", contents: markdown))
            }
            if formats.contains(.html) {
                let body = MarkdownToHTML.render(markdown)
                var layout = page.layoutContext(config: config)
                layout["content"] = body
                guard let html = library.render(layout, withTemplate: "layout.html") else {
                    throw TemplateError(description: "no template named layout.html.mustache")
                }
                files.append(RenderedFile(path: page.path + ".html", contents: html))
            }
        }
        if formats.contains(.html), let css = templates.files["style.css"] {
            files.append(RenderedFile(path: "style.css", contents: css))
        }
        return files
    }
}

/// One page to render: which template, where, and the values it receives.
public struct ReportPage {
    /// Output path without extension (`index`, `agents/builder`).
    public var path: String
    /// Template name without `.md.mustache` (`index`, `agent`).
    public var template: String
    public var title: String
    public var context: [String: Any]

    /// The values of `layout.html.mustache`: title, relative root, navigation.
    func layoutContext(config: ReportConfig) -> [String: Any] {
        let depth = path.split(separator: "/").count - 1
        let root = String(repeating: "../", count: depth)
        let navigation: [[String: Any]] = ReportPages.navigation.map { item in
            ["href": root + item.path + ".html", "label": item.label, "current": item.path == path]
        }
        return ["pageTitle": title, "siteTitle": config.title, "root": root, "nav": navigation,
                "generatedFor": context["generatedFor"] ?? ""]
    }
}
