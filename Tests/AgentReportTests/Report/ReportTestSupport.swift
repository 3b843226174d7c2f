import Foundation
import Testing
@testable import AgentReport

/// Rendering, golden files and HTML validation shared by the report tests.
enum ReportTestSupport {
    /// The test sources' folder (goldens are read and recorded there, not in the bundle copy).
    static let testsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    /// The package root.
    static let packageRoot = testsDirectory.deletingLastPathComponent().deletingLastPathComponent()

    /// Every file of the report of `store` at `now`, defaults templates, both formats.
    static func render(_ store: ReportStore, now: Int64 = ReportFixture.now, config: ReportConfig? = nil) throws -> [RenderedFile] {
        let config = config ?? ReportConfig(baseDirectory: "/nonexistent")
        return try ReportRenderer(config: config, templates: TemplateSet(), now: now).render(from: store, formats: [.markdown, .html])
    }

    /// Compares `files` byte for byte with the golden folder `name`; with `RECORD_GOLDEN=1`
    /// rewrites the folder instead (and the test then fails, so a recording is never silent).
    static func compareWithGolden(_ files: [RenderedFile], folder name: String) throws {
        let folder = testsDirectory.appendingPathComponent("Fixtures/golden/\(name)")
        if ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1" {
            try? FileManager.default.removeItem(at: folder)
            for file in files {
                let url = folder.appendingPathComponent(file.path)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(file.contents.utf8).write(to: url)
            }
            Issue.record("recorded \(files.count) golden files in \(folder.path); run again without RECORD_GOLDEN")
            return
        }
        let recorded = Set(goldenPaths(in: folder))
        #expect(recorded == Set(files.map(\.path)), "the set of files differs from the golden folder \(name)")
        for file in files {
            let url = folder.appendingPathComponent(file.path)
            guard let data = FileManager.default.contents(atPath: url.path) else {
                Issue.record("no golden file \(name)/\(file.path) (record with RECORD_GOLDEN=1)")
                continue
            }
            #expect(String(decoding: data, as: UTF8.self) == file.contents, "\(name)/\(file.path) differs from its golden file")
        }
    }

    static func goldenPaths(in folder: URL) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: folder.path) else { return [] }
        var paths: [String] = []
        while let path = enumerator.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: folder.appendingPathComponent(path).path, isDirectory: &isDirectory),
               !isDirectory.boolValue { paths.append(path) }
        }
        return paths
    }

    /// The path of `tidy`, or nil when it is not installed.
    static var tidyPath: String? {
        ["/usr/bin/tidy", "/usr/local/bin/tidy", "/opt/homebrew/bin/tidy"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// What `tidy -q -e --doctype html5` says about `html` (empty when it is valid).
    static func tidyReport(_ html: String, tidy: String) throws -> String {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("agentreport-tidy-\(UUID().uuidString).html")
        try Data(html.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tidy)
        process.arguments = ["-q", "-e", "--doctype", "html5", file.path]
        let pipe = Pipe()
        process.standardError = pipe
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: output, as: UTF8.self)
        return process.terminationStatus == 0 && text.isEmpty ? "" : "exit \(process.terminationStatus): \(text)"
    }

    /// Every `src`/`href`/`url(` that points at an absolute http(s) URL, outside inert user links.
    static func externalResources(in text: String) -> [String] {
        let patterns = [#"src\s*=\s*"?https?:"#, #"<link[^>]*href\s*=\s*"?https?:"#, #"url\(\s*['"]?https?:"#, #"@import"#,
                        #"(?<!\\)!\[[^\]]*\]\(\s*<?https?:"#, #"<script"#]
        return patterns.compactMap { pattern in
            text.range(of: pattern, options: [.regularExpression, .caseInsensitive]).map { String(text[$0]) }
        }
    }
}
