import Foundation
import GRDB
import Testing

@testable import AgentReport

/// The pieces under the pages: escaping, figures, the task replay, templates.
@Suite struct ReportModelTests {
    @Test func embeddedTemplatesEqualTheTemplatesFolder() throws {
        let folder = ReportTestSupport.packageRoot.appendingPathComponent("templates")
        let names = ReportTestSupport.goldenPaths(in: folder).filter {
            $0.hasSuffix(".mustache") || $0.hasSuffix(".css")
        }
        #expect(Set(names) == Set(DefaultTemplates.files.keys), "run scripts/embed-templates")
        for name in names {
            let text = String(decoding: try Data(contentsOf: folder.appendingPathComponent(name)), as: UTF8.self)
            #expect(
                DefaultTemplates.files[name] == text,
                "\(name) differs from its embedded copy: run scripts/embed-templates")
        }
    }

    @Test func userTemplateOverridesOneFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "agentreport-templates-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("partials"), withIntermediateDirectories: true)
        try Data("{{% CONTENT_TYPE: MARKDOWN}}\n# Custom {{title}}\n".utf8).write(
            to: folder.appendingPathComponent("index.md.mustache"))
        let templates = try TemplateSet(overridesFrom: folder.path)
        #expect(templates.overridden == ["index.md.mustache"])
        let files = try ReportRenderer(
            config: ReportConfig(baseDirectory: "/x"), templates: templates, now: ReportFixture.now
        )
        .render(from: try ReportStore.inMemory(), formats: [.markdown])
        #expect(files.first { $0.path == "index.md" }?.contents == "# Custom Agent team report\n")
        #expect(files.first { $0.path == "tasks.md" }?.contents.hasPrefix("# Tasks") == true)
    }

    static let escapingCases: [(input: String, escaped: String)] = [
        ("a | b", #"a \| b"#), ("<script>x</script>", #"\<script\>x\</script\>"#),
        ("[x](javascript:alert(1))", #"\[x\](javascript:alert(1))"#), ("`tick`", #"\`tick\`"#),
        ("one\ntwo", "one two"), ("# not a heading", ##"\# not a heading"##), (#"\<"#, #"\\\<"#),
        ("&lt;", #"\&lt;"#), ("![i](x)", #"\!\[i\](x)"#),
    ]

    @Test func markdownEscapingMakesInputsInert() {
        for (input, expected) in Self.escapingCases {
            #expect(MarkdownContentType.escape(input) == expected)
            let html = MarkdownToHTML.render("| c |\n|---|\n| " + MarkdownContentType.escape(input) + " |\n")
            #expect(!html.contains("<script") && !html.contains("href=") && !html.contains("<img"), "\(input)")
            #expect(html.components(separatedBy: "<td>").count == 2, "one cell: \(html)")
        }
    }

    @Test func escapingWorksOnBytesSoACombiningMarkCannotHideAPipe() {
        #expect(MarkdownContentType.escape("x\r\ny\r") == "x y ")
        #expect(MarkdownContentType.escape("\u{E9}|x") == "\u{E9}\\|x")
        // "|" + U+0301 is one Character; cmark-gfm still sees the "|" byte.
        let hidden = "a |\u{301} b <\u{301}script>"
        #expect(MarkdownContentType.escape(hidden) == "a \\|\u{301} b \\<\u{301}script\\>")
        let html = MarkdownToHTML.render("| c |\n|---|\n| " + MarkdownContentType.escape(hidden) + " |\n")
        #expect(html.components(separatedBy: "<td>").count == 2, "one cell: \(html)")
        #expect(MarkdownContentType.escape("#\u{301} title") == "\\#\u{301} title")
    }

    @Test func progressBodiesStayInsideTheirQuote() {
        let quoted = AgentActivity.quote(
            "## Title\n<script>x</script>\n`<b>` and \\\\<i>\n![a](https://e/x.png)\n```\n<kept>\n```")
        #expect(
            quoted
                == "> ## Title\n> \\<script>x\\</script>\n> `<b>` and \\\\\\<i>\n> \\![a](https://e/x.png)\n> ```\n> <kept>\n> ```"
        )
        let html = MarkdownToHTML.render(quoted + "\n\nafter")
        #expect(html.hasSuffix("</blockquote>\n<p>after</p>\n"))
        #expect(!html.contains("<script") && !html.contains("<img") && !html.contains("<i>"))
    }

    @Test func figuresAreFixedAndLocaleFree() {
        #expect(Figures.fixed(2.345, 1) == "2.3")
        #expect(Figures.fixed(2.35, 1) == "2.4")
        #expect(Figures.fixed(-0.04, 1) == "0.0")
        #expect(Figures.fixed(12, 0) == "12")
        #expect(Figures.fixed(nil as Double?, 1) == "—")
        #expect(Figures.duration(90) == "2 min")
        #expect(Figures.duration(5_400) == "1.5 h")
        #expect(Figures.duration(3 * 86_400) == "3.0 d")
        #expect(Figures.percentile(0.5, of: [4, 1, 3, 2]) == 2)
        #expect(Figures.percentile(0.9, of: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]) == 9)
        #expect(Figures.percentile(0.5, of: []) == nil)
        #expect(TaskFlow.monday(of: 0) == -3)
        #expect(Figures.date(ofDay: TaskFlow.monday(of: Figures.day(ReportFixture.now))) == "2026-03-16")
    }

    @Test func reopenedTaskCountsAgainAndTimesAreMeasuredFromFirstEvents() throws {
        let store = try ReportFixture.store()
        let flow = try store.queue.read { db in TaskFlow(try ReportQueries(db).taskEventLog()) }
        let schema = flow.completions.filter { $0.taskId == "TASK-103" }
        #expect(schema.count == 2)
        #expect(schema.last.flatMap(\.leadTime).map { Int($0) } == 12 * 86_400)
        #expect(schema.last.flatMap(\.cycleTime).map { Int($0) } == 6 * 86_400)
        let perDay = flow.completedPerDay(days: 30, now: ReportFixture.now)
        #expect(perDay.count == 30)
        #expect(perDay.reduce(0) { $0 + $1.count } == 5)
        let flowDays = flow.cumulativeFlow(days: 30, now: ReportFixture.now)
        #expect(flowDays.last?.counts["blocked"] == 1)
        #expect(flowDays.last?.counts.values.reduce(0, +) == 9, "the removed task left the flow")
    }

    @Test func svgChartsHaveTitleDescriptionAndDarkColours() throws {
        let files = try ReportTestSupport.render(try ReportFixture.store()).filter { $0.path.hasSuffix(".svg") }
        #expect(!files.isEmpty)
        for file in files {
            #expect(file.contents.contains("role=\"img\""), "\(file.path)")
            #expect(
                file.contents.contains("<title id=\"title\">") && file.contents.contains("<desc id=\"desc\">"),
                "\(file.path)")
            #expect(file.contents.contains("@media (prefers-color-scheme: dark)"), "\(file.path)")
            #expect(file.contents.range(of: #""-?(nan|inf)"#, options: .regularExpression) == nil, "\(file.path)")
        }
    }

    @Test func emptyStatesShowSentencesNotEmptyTablesOrCharts() throws {
        let files = try ReportTestSupport.render(try ReportStore.inMemory())
        #expect(!files.contains { $0.path.hasSuffix(".svg") })
        let index = try #require(files.first { $0.path == "index.md" }).contents
        #expect(index.contains("No agents known yet"))
        #expect(index.contains("No tasks were completed in the last 30 days."))
        for file in files where file.path.hasSuffix(".md") {
            let lines = file.contents.split(separator: "\n", omittingEmptySubsequences: false)
            for (number, line) in lines.enumerated() where line.hasPrefix("|---") || line.hasPrefix("|--:") {
                let next = number + 1 < lines.count ? lines[number + 1] : ""
                #expect(next.hasPrefix("|"), "\(file.path): a table without rows at line \(number + 1)")
            }
        }
    }

    @Test func staleSourcesAndRejectedInputsAreShown() throws {
        let index = try #require(
            try ReportTestSupport.render(try ReportFixture.store()).first { $0.path == "index.md" }
        ).contents
        #expect(index.contains("| git | 2026-03-18 12:00:00 | ⚠ stale, 2.0 d ago | ok | 40 |"))
        #expect(index.contains("| tasks | 2026-03-20 09:36:00 | 2.4 h ago | ok | 10 |"))
        #expect(index.contains("error: metrics/agents.jsonl:17:3 — not JSON"))
    }
}
