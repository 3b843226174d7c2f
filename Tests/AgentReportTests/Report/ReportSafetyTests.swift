import Foundation
import Testing
@testable import AgentReport

/// Valid, self-contained HTML; hostile inputs inert; nothing written outside the output folder.
@Suite struct ReportSafetyTests {
    @Test(arguments: ["fixture", "empty", "example"])
    func everyHTMLPageIsValidHTML5(_ dataset: String) throws {
        guard let tidy = ReportTestSupport.tidyPath else {
            // Allowed to skip only when the validator is absent: say so loudly.
            Issue.record("tidy is not installed (run scripts/install-deps): HTML validation did not run")
            return
        }
        let files = try Self.files(dataset)
        let pages = files.filter { $0.path.hasSuffix(".html") }
        #expect(pages.count >= 7)
        for page in pages {
            let report = try ReportTestSupport.tidyReport(page.contents, tidy: tidy)
            #expect(report.isEmpty, "\(dataset)/\(page.path): \(report)")
        }
    }

    @Test func tidyCheckCanFail() throws {
        let tidy = try #require(ReportTestSupport.tidyPath, "tidy is not installed (run scripts/install-deps)")
        let report = try ReportTestSupport.tidyReport("<!DOCTYPE html><html><body><p><table></p></body>", tidy: tidy)
        #expect(!report.isEmpty)
    }

    @Test(arguments: ["fixture", "empty", "example"])
    func noExternalResourceIsReferenced(_ dataset: String) throws {
        for file in try Self.files(dataset) {
            var text = file.contents
            if file.path.hasSuffix(".svg") {
                text = text.replacingOccurrences(of: #"xmlns="http://www.w3.org/2000/svg""#, with: "")
                #expect(!text.contains("http://") && !text.contains("https://"), "\(file.path)")
            }
            let markdownSafe = file.path.hasSuffix(".md")
                ? text.replacingOccurrences(of: #"\<"#, with: "") : text
            #expect(ReportTestSupport.externalResources(in: markdownSafe).isEmpty,
                    "\(dataset)/\(file.path): \(ReportTestSupport.externalResources(in: markdownSafe))")
        }
    }

    @Test func hostileInputsRenderInert() throws {
        let files = try Self.files("fixture")
        for file in files where file.path.hasSuffix(".html") {
            #expect(!file.contents.contains("<script"), "\(file.path) has a script tag")
            #expect(!file.contents.lowercased().contains("href=\"javascript:"), "\(file.path) has a javascript link")
            #expect(!file.contents.contains("<b>"), "\(file.path) passes input HTML through")
            #expect(!file.contents.contains("<img src=\"https"), "\(file.path) loads a remote image")
        }
        let tasks = try #require(files.first { $0.path == "tasks.html" })
        #expect(tasks.contents.contains("<td>Fix | pipe &lt;script&gt;alert(1)&lt;/script&gt; [x](javascript:alert(1)) `code` ![img]("))
        // The pipe stayed inside its cell: the blocked table's row has exactly six cells.
        let markdown = try #require(files.first { $0.path == "tasks.md" }).contents
        let row = try #require(markdown.split(separator: "\n").first { $0.hasPrefix("| TASK-104 ") && $0.contains("Reason") == false })
        #expect(row.replacingOccurrences(of: "\\|", with: "").filter { $0 == "|" }.count == 7)
        #expect(!markdown.contains("second line\n"), "a newline in a title must not end the table row")
        let agentPage = try #require(files.first { $0.path == "agents/architect.html" })
        #expect(agentPage.contents.contains("&lt;script&gt;alert('body')&lt;/script&gt;") || agentPage.contents.contains("&lt;script&gt;alert(&#39;body&#39;)&lt;/script&gt;"))
    }

    @Test func hostileAgentIdWritesNothingOutsideTheOutputFolder() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("agentreport-out-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: base) }
        let output = base.appendingPathComponent("a/b/output")
        let files = try Self.files("fixture")
        let written = try OutputWriter.write(files, to: output.path)
        #expect(written.allSatisfy { !$0.split(separator: "/").contains("..") })
        #expect(written.contains("agents/_.._x.html"))
        let everything = FileManager.default.subpaths(atPath: base.path) ?? []
        #expect(everything.allSatisfy { $0.hasPrefix("a/b/output") || ["a", "a/b"].contains($0) }, "\(everything)")
        #expect(!FileManager.default.fileExists(atPath: base.appendingPathComponent("a/x.md").path))
        #expect(throws: OutputError.self) { try OutputWriter.write([RenderedFile(path: "../x.md", contents: "")], to: output.path) }
    }

    static func files(_ dataset: String) throws -> [RenderedFile] {
        switch dataset {
        case "fixture": try ReportTestSupport.render(try ReportFixture.store())
        case "empty": try ReportTestSupport.render(try ReportStore.inMemory())
        default: try ExampleWorkspace.render()
        }
    }
}
