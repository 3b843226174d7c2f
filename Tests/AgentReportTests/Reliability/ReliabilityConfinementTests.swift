import Foundation
import Testing

@testable import AgentReport

/// Issue 14, item 2: nothing is written outside the output folder. No write follows a
/// symbolic link inside it, folder or file; the output folder itself may be a link. The
/// same for backups.
@Suite struct ReliabilityConfinementTests {
    static let files = [
        RenderedFile(path: "index.md", contents: "# index\n"),
        RenderedFile(path: "agents/builder.md", contents: "# builder\n"),
        RenderedFile(path: "charts/a.svg", contents: "<svg/>"),
    ]

    /// A temporary folder with `output/` and `elsewhere/` (holding `target.txt`).
    static func folders() throws -> (base: URL, output: String, elsewhere: String) {
        let base = try Fixtures.temporaryDirectory("agentreport-confine")
        let output = base.appendingPathComponent("output").path
        let elsewhere = base.appendingPathComponent("elsewhere").path
        try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: elsewhere, withIntermediateDirectories: true)
        try Data("untouched".utf8).write(to: URL(fileURLWithPath: elsewhere + "/target.txt"))
        return (base, output, elsewhere)
    }

    static func contents(of folder: String) -> [String] {
        (FileManager.default.subpaths(atPath: folder) ?? []).sorted()
    }

    @Test func aFolderLinkInsideTheOutputStopsTheWriteAndNothingLandsElsewhere() throws {
        let (base, output, elsewhere) = try Self.folders()
        defer { try? FileManager.default.removeItem(at: base) }
        try FileManager.default.createSymbolicLink(atPath: output + "/agents", withDestinationPath: elsewhere)
        let error = try #require(throws: OutputError.self) { try OutputWriter.write(Self.files, to: output) }
        #expect(error.description.contains("agents is a symbolic link"), "\(error)")
        #expect(Self.contents(of: elsewhere) == ["target.txt"])
        // All or nothing: no page was replaced either.
        #expect(try FileManager.default.contentsOfDirectory(atPath: output) == ["agents"])
    }

    @Test func aFileLinkAtAPageNameIsReplacedNotFollowed() throws {
        let (base, output, elsewhere) = try Self.folders()
        defer { try? FileManager.default.removeItem(at: base) }
        try FileManager.default.createSymbolicLink(
            atPath: output + "/index.md", withDestinationPath: elsewhere + "/target.txt")
        // A link planted where the temporary file will be written, too.
        try FileManager.default.createSymbolicLink(
            atPath: output + "/.index.md.tmp", withDestinationPath: elsewhere + "/planted.txt")
        try OutputWriter.write(Self.files, to: output)
        #expect(try String(contentsOfFile: elsewhere + "/target.txt", encoding: .utf8) == "untouched")
        #expect(Self.contents(of: elsewhere) == ["target.txt"])
        let attributes = try FileManager.default.attributesOfItem(atPath: output + "/index.md")
        #expect(attributes[.type] as? FileAttributeType == .typeRegular)
        #expect(try String(contentsOfFile: output + "/index.md", encoding: .utf8) == "# index\n")
    }

    @Test func theOutputFolderItselfMayBeALink() throws {
        let (base, _, elsewhere) = try Self.folders()
        defer { try? FileManager.default.removeItem(at: base) }
        let link = base.appendingPathComponent("published").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: elsewhere)
        try OutputWriter.write(Self.files, to: link)
        #expect(
            Self.contents(of: elsewhere) == [
                "agents", "agents/builder.md", "charts", "charts/a.svg", "index.md", "target.txt",
            ])
    }

    @Test func renderThroughAPlantedLinkExitsOneWithNothingOutside() throws {
        let (base, output, elsewhere) = try Self.folders()
        defer { try? FileManager.default.removeItem(at: base) }
        try FileManager.default.createSymbolicLink(atPath: output + "/agents", withDestinationPath: elsewhere)
        var options = RunOptions()
        options.workingDirectory = base.path
        options.databasePath = base.appendingPathComponent("db.sqlite").path
        options.outputPath = output
        options.now = "2026-03-03T00:00:00Z"
        options.verbosity = .quiet
        options.environment = [:]
        #expect(Engine.build(options) == .fatal)
        #expect(Self.contents(of: elsewhere) == ["target.txt"])
    }

    @Test func aBackupNeverWritesThroughALink() throws {
        let (base, _, elsewhere) = try Self.folders()
        defer { try? FileManager.default.removeItem(at: base) }
        let store = try ReportStore.openForWriting(at: base.appendingPathComponent("db.sqlite").path)
        let destination = base.appendingPathComponent("nightly.sqlite").path
        try FileManager.default.createSymbolicLink(atPath: destination, withDestinationPath: elsewhere + "/target.txt")
        let result = try DatabaseBackup.backup(store, to: destination)
        #expect(result.bytes > 0)
        #expect(try String(contentsOfFile: elsewhere + "/target.txt", encoding: .utf8) == "untouched")
        let attributes = try FileManager.default.attributesOfItem(atPath: destination)
        #expect(attributes[.type] as? FileAttributeType == .typeRegular)
        #expect(!Self.contents(of: base.path).contains { $0.hasSuffix(".partial") })
    }
}
