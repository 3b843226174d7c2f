import Foundation
import Testing

@testable import AgentReport

/// Values from inputs land inert in Markdown tables and in the HTML made from them.
@Suite struct MarkdownSafetyTests {
    func cell(_ value: String) -> String {
        MarkdownToHTML.render("| a |\n|---|\n| \(MarkdownContentType.escape(value)) |\n")
    }

    @Test func aPipeCannotSplitATableCell() {
        let html = cell("left | right")
        #expect(html.contains("<td>left | right</td>"))
    }

    @Test func rawHTMLAndScriptsStayText() {
        let html = cell("<script>alert(1)</script><img src=x onerror=alert(1)>")
        #expect(!html.contains("<script"))
        #expect(!html.contains("<img"))
        #expect(html.contains("&lt;script&gt;"))
    }

    @Test func javascriptLinksDoNotBecomeLinks() {
        #expect(!cell("[x](javascript:alert(1))").contains("<a "))
        #expect(!MarkdownToHTML.render("[x](javascript:alert(1))").contains("javascript:"))
    }

    @Test func newlinesAndEmphasisDoNotChangeTheStructure() {
        let html = cell("one\ntwo *three* `four` # five")
        #expect(html.contains("<td>one two *three* `four` # five</td>"))
    }

    @Test func relativeMarkdownLinksPointToHTMLPages() {
        let html = MarkdownToHTML.render("[Tasks](tasks.md) [Builder](agents/builder.md#top) [Out](https://example.com/a.md)")
        #expect(html.contains(#"href="tasks.html""#))
        #expect(html.contains(#"href="agents/builder.html#top""#))
        #expect(html.contains(#"href="https://example.com/a.md""#))
    }
}
