import Foundation
import Testing

@testable import AgentReport

/// The binary carries the default templates; the embedded copy must be the `templates/` folder.
@Suite struct EmbeddedTemplatesTests {
    @Test func embeddedTemplatesEqualTheTemplatesFolder() throws {
        let folder = Fixtures.packageRoot.appendingPathComponent("templates")
        var onDisk: [String: String] = [:]
        let enumerator = try #require(FileManager.default.enumerator(atPath: folder.path))
        while let name = enumerator.nextObject() as? String {
            guard name.hasSuffix(".mustache") || name.hasSuffix(".css") else { continue }
            onDisk[name] = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
        }
        #expect(!onDisk.isEmpty)
        #expect(Set(DefaultTemplates.files.keys) == Set(onDisk.keys), "run scripts/embed-templates")
        for (name, text) in onDisk {
            #expect(DefaultTemplates.files[name] == text, "\(name) differs from its embedded copy: run scripts/embed-templates")
        }
    }

    @Test func aUserTemplateOverridesItsDefaultFileByFile() throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("/* mine */\n".utf8).write(to: folder.appendingPathComponent("style.css"))
        let set = try TemplateSet(overridesFrom: folder.path)
        #expect(set.files["style.css"] == "/* mine */\n")
        #expect(set.files["index.md.mustache"] == DefaultTemplates.files["index.md.mustache"])
        #expect(set.overridden == ["style.css"])
    }
}
