/// The values every page shows: the title, the run's "now", the relative root, the
/// freshness of each source and the last run's problems.
struct SiteView: TemplateView {
    /// Config `title`.
    var title: String
    /// The run's "now", `YYYY-MM-DD HH:MM:SS UTC`.
    var generatedFor: String
    /// `""` or `"../"`: the path from the page to the site root.
    var root: String
    /// One row per source.
    var sources: [SourceRow]
    /// How many sources are stale.
    var staleCount: Int
    /// Whether any source is stale.
    var hasStale: Bool
    /// The stale threshold in hours, as text.
    var staleHours: String
    /// The sentence that defines the windows ("last 7 days" …).
    var windows: String
    /// The Markdown navigation line: every page, relative to this one.
    var nav: [MarkdownNavigationItem] = []
    /// The last run's errors and warnings.
    var problems: [ProblemRow]
    /// Whether there are any.
    var hasProblems: Bool

    func value(named name: String) -> Any? {
        switch name {
        case "title": title
        case "generatedFor": generatedFor
        case "root": root
        case "sources": sources
        case "staleCount": staleCount
        case "hasStale": hasStale
        case "staleHours": staleHours
        case "windows": windows
        case "nav": nav
        case "problems": problems
        case "hasProblems": hasProblems
        default: nil
        }
    }

    /// The same values for the page at `path` (its root and its navigation line).
    func at(path: String) -> SiteView {
        var copy = self
        copy.root = ReportPage.root(of: path)
        let section = path.hasPrefix("agents/") ? "agents/index" : path
        copy.nav = ReportPages.navigation.enumerated().map { index, item in
            MarkdownNavigationItem(
                label: item.label, href: copy.root + item.path + ".md", current: item.path == section, first: index == 0
            )
        }
        return copy
    }
}

/// One row of the freshness table: a source's newest data point and its last ingest.
struct SourceRow: TemplateView {
    /// The source (`tasks`, `git`, `git <repository>`, …).
    var name: String
    /// The newest data point up to "now", `YYYY-MM-DD HH:MM:SS`, or `no data`.
    var newest: String
    /// How old the newest data point is ("2.0 d ago"), or `—`.
    var age: String
    /// Whether the newest data point is older than the stale threshold.
    var stale: Bool
    /// `YYYY-MM-DD HH:MM:SS` of the last successful ingest, or `never`.
    var lastSuccess: String
    /// `ok`, `failed` or `never run`.
    var status: String
    /// New rows on the last run.
    var rows: Int
    /// Why the last run failed (only when it did).
    var detail: String?
    /// Rows dated after "now" (stored, counted in no window); absent when none.
    var future: Int?

    func value(named name: String) -> Any? {
        switch name {
        case "name": self.name
        case "newest": newest
        case "age": age
        case "stale": stale
        case "lastSuccess": lastSuccess
        case "status": status
        case "rows": rows
        case "detail": detail
        case "future": future
        default: nil
        }
    }
}

/// One page in the navigation line of the Markdown pages.
struct MarkdownNavigationItem: TemplateView {
    var label: String
    /// The page's Markdown path relative to the current page.
    var href: String
    /// Whether it is the current page (or its section): printed bold, not linked.
    var current: Bool
    /// Whether it is the first item (no separator before it).
    var first: Bool

    func value(named name: String) -> Any? {
        switch name {
        case "label": label
        case "href": href
        case "current": current
        case "first": first
        default: nil
        }
    }
}

/// One error or warning of the last run.
struct ProblemRow: TemplateView {
    /// `error` or `warning`.
    var severity: String
    /// `file:line:column`, else the stage.
    var location: String
    /// What went wrong.
    var message: String

    func value(named name: String) -> Any? {
        switch name {
        case "severity": severity
        case "location": location
        case "message": message
        default: nil
        }
    }
}

extension SiteView {
    /// The shared values for a page at the site root: the freshness of each source at `now`
    /// (its newest data point; stale past `staleHours`), the last run's `problems`.
    init(
        title: String, now: Int64, staleHours: Double, sources: [SourceState], freshness: [DataFreshness],
        problems: [RunProblem]
    ) {
        let states = Dictionary(sources.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        let known = Dictionary(freshness.map { ($0.source, $0) }, uniquingKeysWith: { a, _ in a })
        // The standard sources, each followed by its per-repository rows, then any other source.
        var names: [String] = []
        for source in sources.map(\.name) + freshness.map(\.source) where !names.contains(source) {
            names.append(source)
        }
        names = names.filter { !$0.contains(" ") }.flatMap { name in
            [name] + freshness.map(\.source).filter { $0.hasPrefix(name + " ") }
        }
        let rows = names.map { name -> SourceRow in
            let state = states[name] ?? states[String(name.prefix { $0 != " " })]
            let data = known[name]
            let newest = data?.newest
            let dataAge = Figures.seconds(newest).map { now - $0 }
            let ingestAge = Figures.seconds(state?.lastSuccess).map { now - $0 }
            // A source that holds data is judged by its newest point; one we cannot look into
            // (no freshness known) by its last successful ingest.
            let age = data == nil ? ingestAge : dataAge
            let stale = age.map { Double($0) > staleHours * 3_600 } ?? (data == nil)
            return SourceRow(
                name: name, newest: newest ?? (data == nil ? "—" : "no data"),
                age: age.map { Figures.duration(Double(max($0, 0))) + " ago" } ?? "—", stale: stale,
                lastSuccess: name.contains(" ") ? "—" : state?.lastSuccess ?? "never",
                status: name.contains(" ") ? "—" : state?.status ?? "never run",
                rows: name.contains(" ") ? 0 : state?.rows ?? 0,
                detail: state?.status == "failed" && !name.contains(" ") ? state?.detail : nil,
                future: (data?.future ?? 0) > 0 ? data?.future : nil)
        }
        let staleCount = rows.filter(\.stale).count
        self.init(
            title: title, generatedFor: UTCTime.format(now) + " UTC", root: "", sources: rows, staleCount: staleCount,
            hasStale: staleCount > 0, staleHours: Figures.fixed(staleHours, staleHours == staleHours.rounded() ? 0 : 1),
            windows: ReportWindow.definition(now: now),
            problems: problems.map { ProblemRow(severity: $0.severity, location: $0.location, message: $0.message) },
            hasProblems: !problems.isEmpty)
    }
}
