import Foundation

/// One page to render: which template, where, its typed view and its charts.
struct ReportPage: Sendable {
    /// Output path without extension (`index`, `agents/builder`).
    var path: String
    /// Template name without `.md.mustache` (`index`, `agent`).
    var template: String
    /// The page's title (the HTML `<title>`).
    var title: String
    /// What the page's template sees of the page.
    var view: any TemplateView
    /// The page's own view, without the sections another source adds to it (`WithUsage`):
    /// the typed value its page function built (`IndexPage.View`, …).
    var ownView: any TemplateView { (view as? WithUsage)?.page ?? view }
    /// The values every page shows, for this page's depth.
    var site: SiteView
    /// The SVG charts the page references (written once, whatever the formats).
    var charts: [SVGChart] = []

    /// The template's values: the page's view, then the shared ones.
    var context: PageContext { PageContext(page: view, site: site) }

    /// The values of `layout.html.mustache` around the page's HTML `content`.
    func layout(siteTitle: String, content: String) -> LayoutView {
        let root = Self.root(of: path)
        let section = path.hasPrefix("agents/") ? "agents/index" : path
        return LayoutView(
            pageTitle: title, siteTitle: siteTitle, root: root,
            nav: ReportPages.navigation.map { item in
                NavigationItem(href: root + item.path + ".html", label: item.label, current: item.path == section)
            },
            generatedFor: site.generatedFor, content: content)
    }

    /// `../` once per folder level of `path`, so links stay relative.
    static func root(of path: String) -> String {
        String(repeating: "../", count: path.split(separator: "/").count - 1)
    }
}

/// What a chart becomes in a page's view: the image, or nothing (the page then shows the
/// sentence instead).
extension SVGChart {
    /// The chart as seen from a page at `pagePath`; nil when it has no data.
    func reference(from pagePath: String) -> ChartReference? {
        guard hasData else { return nil }
        return ChartReference(src: ReportPage.root(of: pagePath) + path, alt: title + ". " + summary)
    }
}
