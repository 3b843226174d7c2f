import Mustache

/// A typed value a Mustache template renders: a page, a table row, a link, a chart.
///
/// Views are plain structs of strings, numbers, Booleans, optionals, arrays and other views.
/// `value(named:)` maps each name a template uses to its stored property with a `switch`:
/// swift-mustache's fallback, reflection through `Mirror`, costs about 40 µs a lookup here,
/// and a 50-agent report makes a few hundred thousand. `TemplateViewTests` checks that
/// every stored property of every view is reachable under its own name.
protocol TemplateView: MustacheParent, Sendable {
    /// The value of the field a template calls `name`; nil when the view has no such field
    /// (Mustache then looks in the enclosing sections) or when an optional field is absent.
    func value(named name: String) -> Any?
}

extension TemplateView {
    /// swift-mustache's lookup: the field `name`; else, for `hasXs`, whether the list `xs`
    /// has rows — the flag templates test before printing a table header. A stored field
    /// of that name wins over the derived flag.
    func child(named name: String) -> Any? {
        if let value = value(named: name) { return value }
        return Self.presenceFlag(named: name) { value(named: $0) }
    }

    /// For `hasXs`: whether the list `xs` that `lookup` finds has rows; nil for any other name.
    static func presenceFlag(named name: String, lookup: (String) -> Any?) -> Bool? {
        // Most names asked for are not flags (every name a row lacks is asked of it before
        // the enclosing sections): the byte test rejects them before any Character work.
        guard name.utf8.starts(with: "has".utf8), name.count > 3, name.hasPrefix("has") else { return nil }
        let rest = name.dropFirst(3)
        guard let first = rest.first, first.isUppercase else { return nil }
        guard let list = lookup(first.lowercased() + rest.dropFirst()) as? any TemplateList else { return nil }
        return !list.isEmpty
    }
}

/// A list in a view (every `Array`), for the derived `hasXs` flags.
protocol TemplateList {
    /// Whether the list has no rows.
    var isEmpty: Bool { get }
}

extension Array: TemplateList {}

/// What a page's template sees: the page's own view first, then the values every page
/// shares (title, "now", freshness, problems).
struct PageContext: TemplateView {
    /// The page's own values.
    let page: any TemplateView
    /// The values every page shows.
    let site: SiteView

    func value(named name: String) -> Any? {
        page.child(named: name) ?? site.child(named: name)
    }

    func child(named name: String) -> Any? { value(named: name) }
}
