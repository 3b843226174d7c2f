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
        case "problems": problems
        case "hasProblems": hasProblems
        default: nil
        }
    }

    /// The same values for a page at another depth.
    func at(root: String) -> SiteView {
        var copy = self
        copy.root = root
        return copy
    }
}

/// One row of the freshness table.
struct SourceRow: TemplateView {
    /// The source (`tasks`, `git`, …).
    var name: String
    /// `YYYY-MM-DD HH:MM:SS` of the last successful ingest, or `never`.
    var lastSuccess: String
    /// `ok`, `failed` or `never run`.
    var status: String
    /// New rows on the last run.
    var rows: Int
    /// Whether the source counts as stale.
    var stale: Bool
    /// "2.0 d ago", or `—`.
    var age: String
    /// Why the last run failed (only when it did).
    var detail: String?

    func value(named name: String) -> Any? {
        switch name {
        case "name": self.name
        case "lastSuccess": lastSuccess
        case "status": status
        case "rows": rows
        case "stale": stale
        case "age": age
        case "detail": detail
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
    /// Older than this, a source's last success is flagged stale.
    static let staleAfter: Int64 = 86_400

    /// The shared values for a page at the site root: freshness of `sources` at `now`, the
    /// last run's `problems`.
    init(title: String, now: Int64, sources: [SourceState], problems: [RunProblem]) {
        let rows = sources.map { source -> SourceRow in
            let age = Figures.seconds(source.lastSuccess).map { now - $0 }
            return SourceRow(
                name: source.name, lastSuccess: source.lastSuccess ?? "never", status: source.status ?? "never run",
                rows: source.rows, stale: age.map { $0 > Self.staleAfter } ?? true,
                age: age.map { Figures.duration(Double(max($0, 0))) + " ago" } ?? "—",
                detail: source.status == "failed" ? source.detail : nil)
        }
        let staleCount = rows.filter(\.stale).count
        self.init(
            title: title, generatedFor: UTCTime.format(now) + " UTC", root: "", sources: rows, staleCount: staleCount,
            hasStale: staleCount > 0,
            problems: problems.map { ProblemRow(severity: $0.severity, location: $0.location, message: $0.message) },
            hasProblems: !problems.isEmpty)
    }
}
