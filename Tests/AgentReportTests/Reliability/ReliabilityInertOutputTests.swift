import Foundation
import Testing

@testable import AgentReport

/// Issue 14, item 3: inert links and text. Link schemes other than relative, http(s) and
/// mailto are neutralised in the Markdown as in the HTML; control characters are shown as
/// symbols in every output, the terminal included.
@Suite struct ReliabilityInertOutputTests {
    @Test(arguments: [
        "[click](javascript:alert(1))", "[x](JavaScript:alert(1))", "![pixel](data:image/png;base64,AAAA)",
        "[x](vbscript:msgbox)", "[x](&#106;avascript:alert(1))", "[x](java&#x73;cript:alert(1))",
        "[x](<java\tscript:alert(1)>)", "[x]( javascript:alert(1) )", "<javascript:alert(1)>",
        "[ref]\n\n[ref]: javascript:alert(1)", "chat at xmpp:agent@example.com", "[x](file:///etc/passwd)",
        "> quoted [x](javascript:alert(1))", "| cell | [x](data:text/html,hi) |\n|---|---|\n| a | b |",
    ])
    func unsafeLinksBecomeTextInMarkdown(_ markdown: String) {
        #expect(!MarkdownToHTML.unsafeLinks(in: markdown).isEmpty, "the case must hold an unsafe link to begin with")
        let inert = MarkdownToHTML.neutralisingUnsafeLinks(in: markdown)
        #expect(MarkdownToHTML.unsafeLinks(in: inert).isEmpty, "\(inert)")
        #expect(MarkdownToHTML.neutralisingUnsafeLinks(in: inert) == inert)
        let html = MarkdownToHTML.render(inert).lowercased()
        for scheme in ["javascript:", "data:", "vbscript:", "xmpp:", "file:"] {
            #expect(!html.contains("href=\"\(scheme)") && !html.contains("src=\"\(scheme)"), "\(html)")
        }
    }

    @Test(arguments: [
        "[tasks](tasks.md) [a](agents/builder.md#top) [web](https://example.com) [mail](mailto:a@example.com)",
        "see http://example.com and www.example.com", "Note: a colon in prose (see: the docs)",
        "`[x](javascript:y)` in code",
    ])
    func safeLinksAndTextAreKeptAsTheyAre(_ markdown: String) {
        #expect(MarkdownToHTML.neutralisingUnsafeLinks(in: markdown) == markdown)
    }

    @Test func imagesWithUnsafeSchemesLoseTheirSourceInHTML() {
        let html = MarkdownToHTML.render("![alt text](data:image/svg+xml;base64,PHN2Zz4=)")
        #expect(!html.contains("<img"), "\(html)")
        #expect(html.contains("alt text"))
    }

    @Test func everyWrittenFileShowsControlCharactersAsSymbols() throws {
        let base = try Fixtures.temporaryDirectory("agentreport-controls")
        defer { try? FileManager.default.removeItem(at: base) }
        let hostile = "title \u{1B}[2J\u{07} nul\u{00} del\u{7F} c1\u{85}\u{9B} nonchar\u{FFFE}\u{1FFFF} tab\tnewline\n"
        let files = ["a.md", "a.html", "c.svg", "style.css"].map { RenderedFile(path: $0, contents: hostile) }
        try OutputWriter.write(files, to: base.path)
        for file in files {
            let written = try #require(
                FileManager.default.contents(atPath: base.appendingPathComponent(file.path).path))
            let text = String(decoding: written, as: UTF8.self)
            #expect(text == "title ␛[2J␇ nul␀ del␡ c1�� nonchar�� tab\tnewline\n", "\(file.path): \(text)")
        }
    }

    @Test func progressBodiesWithUnsafeLinksAreInertInTheWrittenMarkdown() throws {
        let store = try ReportStore.inMemory()
        try store.queue.write { db in
            let entry = ProgressEntry(
                key: "k", path: "coordination/progress-log.md", position: 0, agentId: "builder", agentName: nil,
                timestamp: 1_772_445_600, title: "t",
                body: "Done. [run me](javascript:alert(1)) ![x](data:text/html,hi) \u{1B}[31mred", taskIds: [], line: 1)
            try ReportStore.storeProgressEntry(entry, source: "progress-log.md", at: 1_772_445_600, in: db)
            try ReportStore.noteAgent("builder", source: "progress", at: 1_772_445_600, in: db)
        }
        let base = try Fixtures.temporaryDirectory("agentreport-inert")
        defer { try? FileManager.default.removeItem(at: base) }
        try OutputWriter.write(try ReportTestSupport.render(store), to: base.path)
        let markdown = try String(
            contentsOfFile: base.appendingPathComponent("agents/builder.md").path, encoding: .utf8)
        #expect(markdown.contains("run me"))
        #expect(MarkdownToHTML.unsafeLinks(in: markdown).isEmpty, "\(markdown)")
        #expect(!markdown.contains("\u{1B}") && markdown.contains("␛[31m"))
        let html = try String(contentsOfFile: base.appendingPathComponent("agents/builder.html").path, encoding: .utf8)
        #expect(!html.contains("\u{1B}") && !html.lowercased().contains("javascript:alert"))
    }

    @Test func theTerminalSeesNoControlCharacterAndNoSecret() {
        var printed = ""
        let console = Console(verbosity: .normal, environment: ["TERM": "dumb"]) { printed += $0 }
        console.report(
            Diagnostic(
                .error, file: "metrics/a\u{1B}]0;pwned\u{07}.jsonl", line: 3,
                "bad value \"\u{1B}[2J\nmetrics/b.jsonl:1:1: error: forged\" with token ghp_abcdefghijklmnopqrstuvwxyz0123"
            ))
        #expect(!printed.contains("\u{1B}") && !printed.contains("\u{07}"), "\(printed)")
        #expect(printed.filter { $0 == "\n" }.count == 1, "one diagnostic, one line: \(printed)")
        #expect(!printed.contains("ghp_abc") && printed.contains("[REDACTED]"))
        #expect(Console.safe("ok\ttab") == "ok\ttab")
    }

    @Test func controlCharacterCheckCanFail() {
        #expect(ControlCharacters.contains(in: "a\u{1B}b"))
        #expect(!ControlCharacters.contains(in: "plain é ☃ 🚀 text\nwith\ttabs"))
        #expect(ControlCharacters.visible("a\nb", keepingLineBreaks: false) == "a␊b")
    }
}
