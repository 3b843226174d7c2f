import Foundation
import Testing

@testable import AgentReport

/// The report's layering: only `Report/Queries` reads the database; pages, views, models
/// and charts are plain code over plain values, and every view is reachable by name.
@Suite struct ReportArchitectureTests {
    static let reportFolder = ReportTestSupport.packageRoot.appendingPathComponent("Sources/AgentReport/Report")

    /// Every Swift file of the report outside `Queries/`.
    static func filesOutsideQueries() -> [URL] {
        ReportTestSupport.goldenPaths(in: reportFolder)
            .filter { $0.hasSuffix(".swift") && !$0.hasPrefix("Queries/") }
            .map { reportFolder.appendingPathComponent($0) }
    }

    @Test func onlyTheQueriesReadTheDatabase() throws {
        let forbidden = ["import GRDB", "Database", "sql:", "Row.fetch", "fetchOne", "fetchAll", "[String: Any]"]
        let files = Self.filesOutsideQueries()
        #expect(files.count > 20, "the report's files were found")
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8)
            for word in forbidden {
                #expect(
                    !text.contains(word),
                    "\(file.lastPathComponent) contains \(word): database access belongs in Report/Queries")
            }
        }
    }

    @Test func theArchitectureCheckCanFail() throws {
        // The scan above finds what it looks for: the queries themselves use it.
        let queries = Self.reportFolder.appendingPathComponent("Queries/TaskQueries.swift")
        let text = try String(contentsOf: queries, encoding: .utf8)
        #expect(text.contains("import GRDB") && text.contains("sql:"))
    }

    @Test func everyStoredFieldOfEveryViewIsReachableByItsName() throws {
        var checked: Set<String> = []
        let pages = try ReportFixture.store().queue.read { db in
            try ReportPages.build(ReportQueries(db), title: "t", now: ReportFixture.now)
        }
        for page in pages {
            try Self.checkFields(of: page.view, checked: &checked)
            try Self.checkFields(of: page.site, checked: &checked)
            try Self.checkFields(of: page.layout(siteTitle: "t", content: "c"), checked: &checked)
        }
        #expect(checked.count >= 30, "views checked: \(checked.sorted())")
    }

    /// Checks that `view.value(named:)` answers every stored property, and recurses.
    static func checkFields(of view: any TemplateView, checked: inout Set<String>) throws {
        let typeName = String(reflecting: type(of: view))
        let mirror = Mirror(reflecting: view)
        for child in mirror.children {
            guard let label = child.label else { continue }
            let stored = Mirror(reflecting: child.value)
            let isAbsent = stored.displayStyle == .optional && stored.children.isEmpty
            let found = view.value(named: label)
            if isAbsent {
                #expect(found == nil, "\(typeName).\(label) is absent but the view returns a value")
            } else {
                #expect(found != nil, "\(typeName).\(label) is not reachable by its name")
            }
            for nested in nestedViews(in: child.value) { try checkFields(of: nested, checked: &checked) }
        }
        checked.insert(typeName)
    }

    @Test func aFieldMissingFromTheSwitchIsFound() {
        struct Broken: TemplateView {
            var a: String
            var b: String

            func value(named name: String) -> Any? { name == "a" ? a : nil }
        }
        var checked: Set<String> = []
        withKnownIssue { try Self.checkFields(of: Broken(a: "x", b: "y"), checked: &checked) }
    }

    static func nestedViews(in value: Any) -> [any TemplateView] {
        if let view = value as? any TemplateView { return [view] }
        let mirror = Mirror(reflecting: value)
        if mirror.displayStyle == .optional, let wrapped = mirror.children.first {
            return nestedViews(in: wrapped.value)
        }
        if mirror.displayStyle == .collection { return mirror.children.prefix(3).flatMap { nestedViews(in: $0.value) } }
        return []
    }

    @Test func aStoredFlagWinsOverTheDerivedOneAndListsGetPresenceFlags() {
        struct Probe: TemplateView {
            var rows: [Int]
            var hasItems: Bool
            var items: [Int]
            var title: String

            func value(named name: String) -> Any? {
                switch name {
                case "rows": rows
                case "hasItems": hasItems
                case "items": items
                case "title": title
                default: nil
                }
            }
        }
        let probe = Probe(rows: [1], hasItems: false, items: [1, 2], title: "x")
        #expect(probe.child(named: "hasRows") as? Bool == true)
        #expect(probe.child(named: "hasItems") as? Bool == false, "the stored flag wins")
        #expect(probe.child(named: "hasTitle") == nil, "a string is not a list")
        #expect(probe.child(named: "hasNothing") == nil)
        #expect(Probe(rows: [], hasItems: true, items: [], title: "").child(named: "hasRows") as? Bool == false)
    }
}
