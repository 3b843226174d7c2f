/// A link to an agent's page, as templates print it:
/// `{{#hasPage}}[{{name}}]({{href}}){{/hasPage}}{{^hasPage}}{{name}}{{/hasPage}}`.
struct AgentLink: TemplateView, Equatable {
    /// The agent id, or `team` for the whole team.
    var name: String
    /// The relative path of the agent's Markdown page, when it has one.
    var href: String?
    /// Whether `href` is set.
    var hasPage: Bool

    func value(named name: String) -> Any? {
        switch name {
        case "name": self.name
        case "href": href
        case "hasPage": hasPage
        default: nil
        }
    }
}

/// A chart as a page references it: the SVG file and its text alternative.
struct ChartReference: TemplateView, Equatable {
    /// The SVG's path relative to the page.
    var src: String
    /// The chart's title and summary, for `![alt](src)`.
    var alt: String

    func value(named name: String) -> Any? {
        switch name {
        case "src": src
        case "alt": alt
        default: nil
        }
    }
}

/// The values of `layout.html.mustache`.
struct LayoutView: TemplateView {
    /// The page's title.
    var pageTitle: String
    /// Config `title`.
    var siteTitle: String
    /// The path to the site root.
    var root: String
    /// The site's navigation.
    var nav: [NavigationItem]
    /// The run's "now", as on the pages.
    var generatedFor: String
    /// The page's HTML, inserted raw.
    var content: String

    func value(named name: String) -> Any? {
        switch name {
        case "pageTitle": pageTitle
        case "siteTitle": siteTitle
        case "root": root
        case "nav": nav
        case "generatedFor": generatedFor
        case "content": content
        default: nil
        }
    }
}

/// One entry of the site's navigation.
struct NavigationItem: TemplateView {
    /// The page's HTML path, relative to the current page.
    var href: String
    /// The label.
    var label: String
    /// Whether it is the current page (or its section).
    var current: Bool

    func value(named name: String) -> Any? {
        switch name {
        case "href": href
        case "label": label
        case "current": current
        default: nil
        }
    }
}
