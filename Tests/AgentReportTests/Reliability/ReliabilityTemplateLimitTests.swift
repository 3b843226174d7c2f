import Foundation
import Testing

@testable import AgentReport

/// Issue 14, item 5: templates fail cleanly. A partial that includes itself, a cycle of
/// partials, sections nested thousands deep or a dynamic partial are errors that name the
/// template, and `render` exits 1 instead of dying of a stack overflow.
@Suite struct ReliabilityTemplateLimitTests {
    static func set(_ files: [String: String]) throws -> TemplateSet {
        let folder = try Fixtures.temporaryDirectory("agentreport-templates")
        defer { try? FileManager.default.removeItem(at: folder) }
        for (name, text) in files {
            let url = folder.appendingPathComponent(name)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        return try TemplateSet(overridesFrom: folder.path)
    }

    @Test(arguments: [
        (["partials/sources.md.mustache": "{{> partials/sources.md}}"], "partials/sources.md.mustache includes itself"),
        (
            [
                "a.md.mustache": "{{#x}}{{> b.md}}{{/x}}", "b.md.mustache": "{{> a.md}}",
                "index.md.mustache": "{{> a.md}}",
            ],
            "includes itself through partials"
        ),
        (
            ["index.md.mustache": String(repeating: "{{#a}}", count: 5000) + String(repeating: "{{/a}}", count: 5000)],
            "index.md.mustache: sections nest more than"
        ),
        (
            [
                "index.md.mustache": "{{=<% %>=}}" + String(repeating: "<%#a%>", count: 300)
                    + String(repeating: "<%/a%>", count: 300)
            ],
            "index.md.mustache: sections nest more than"
        ),
        (["index.md.mustache": "{{>*name}}"], "dynamic partials"),
    ])
    func brokenTemplatesAreErrorsThatNameThem(_ files: [String: String], _ message: String) throws {
        let templates = try Self.set(files)
        let error = try #require(throws: TemplateError.self) { try templates.library() }
        #expect(error.description.contains(message), "\(error)")
    }

    @Test func partialsNestedTooDeepAcrossFilesAreAnError() throws {
        var files: [String: String] = [:]
        for level in 0..<60 { files["p\(level).mustache"] = "{{#a}}{{> p\(level + 1)}}{{/a}}" }
        let error = try #require(throws: TemplateError.self) { try Self.set(files).library() }
        #expect(error.description.contains("nest more than"), "\(error)")
    }

    @Test func theDefaultTemplatesAndOrdinaryNestingPass() throws {
        _ = try TemplateSet().library()
        let templates = try Self.set([
            "index.md.mustache": String(repeating: "{{#a}}", count: 20) + "x" + String(repeating: "{{/a}}", count: 20)
        ])
        _ = try templates.library()
    }

    @Test func renderWithASelfIncludingPartialExitsOne() throws {
        let root = try Fixtures.temporaryDirectory("agentreport-render")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(
            at: root.appendingPathComponent("templates"), withIntermediateDirectories: true)
        try Data("{{> index.md}}".utf8).write(to: root.appendingPathComponent("templates/index.md.mustache"))
        try Data(#"{"templates": "templates"}"#.utf8).write(to: root.appendingPathComponent("agentreport.json"))
        var options = RunOptions()
        options.workingDirectory = root.path
        options.configPath = root.appendingPathComponent("agentreport.json").path
        options.now = "2026-03-03T00:00:00Z"
        options.verbosity = .quiet
        options.environment = [:]
        #expect(Engine.ingest(options, only: ["metrics"]) == .success)
        #expect(Engine.render(options, formats: nil) == .fatal)
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("output/index.md").path))
    }
}
