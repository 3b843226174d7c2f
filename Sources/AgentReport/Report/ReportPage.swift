import Foundation

/// One page to render: which template, where, the values it receives and its charts.
public struct ReportPage {
    /// Output path without extension (`index`, `agents/builder`).
    public var path: String
    /// Template name without `.md.mustache` (`index`, `agent`).
    public var template: String
    public var title: String
    public var context: [String: Any]
    /// The SVG charts the page references (written once, whatever the formats).
    var charts: [SVGChart] = []

    /// The values of `layout.html.mustache`: title, relative root, navigation.
    func layoutContext(config: ReportConfig) -> [String: Any] {
        let root = Self.root(of: path)
        let section = path.hasPrefix("agents/") ? "agents/index" : path
        let navigation: [[String: Any]] = ReportPages.navigation.map { item in
            ["href": root + item.path + ".html", "label": item.label, "current": item.path == section]
        }
        return ["pageTitle": title, "siteTitle": config.title, "root": root, "nav": navigation,
                "generatedFor": context["generatedFor"] ?? ""]
    }

    /// `../` once per folder level of `path`, so links stay relative.
    static func root(of path: String) -> String {
        String(repeating: "../", count: path.split(separator: "/").count - 1)
    }
}

/// What a chart becomes in a page's values: the image, or the sentence shown instead.
extension SVGChart {
    /// `["src", "alt"]` for a chart with data, for a page at `pagePath`; nil when empty.
    func reference(from pagePath: String) -> [String: Any]? {
        guard hasData else { return nil }
        return ["src": ReportPage.root(of: pagePath) + path, "alt": title + ". " + summary]
    }
}
