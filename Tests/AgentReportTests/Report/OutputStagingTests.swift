import Foundation
import Testing

@testable import AgentReport

/// `OutputStaging`: pages written as they are rendered, put in place only by `commit`.
@Suite struct OutputStagingTests {
    func temporaryFolder() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("agentreport-staging-\(UUID().uuidString)").path
    }

    func contents(_ path: String) -> String? {
        (try? Data(contentsOf: URL(fileURLWithPath: path))).map { String(decoding: $0, as: UTF8.self) }
    }

    @Test func nothingReplacesTheOldReportBeforeCommit() throws {
        let root = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try OutputWriter.write([RenderedFile(path: "index.md", contents: "old\n")], to: root)
        let staging = try OutputStaging(directory: root)
        try staging.stage(RenderedFile(path: "index.md", contents: "new\n"))
        try staging.stage(RenderedFile(path: "agents/a.md", contents: "a\n"))
        #expect(contents(root + "/index.md") == "old\n")
        #expect(contents(root + "/agents/a.md") == nil)
        try staging.commit()
        #expect(contents(root + "/index.md") == "new\n")
        #expect(contents(root + "/agents/a.md") == "a\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: root).sorted() == ["agents", "index.md"])
    }

    @Test func aStagingDroppedWithoutCommitLeavesNothingBehind() throws {
        let root = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        do {
            let staging = try OutputStaging(directory: root)
            try staging.stage(RenderedFile(path: "agents/deep/a.md", contents: "a\n"))
            try staging.stage(RenderedFile(path: "index.md", contents: "i\n"))
        }
        #expect(!FileManager.default.fileExists(atPath: root), "a failed render creates no output folder")
        // An existing folder, and what was in it, stay.
        try OutputWriter.write([RenderedFile(path: "index.md", contents: "old\n")], to: root)
        do {
            let staging = try OutputStaging(directory: root)
            try staging.stage(RenderedFile(path: "index.md", contents: "new\n"))
            try staging.stage(RenderedFile(path: "charts/c.svg", contents: "<svg/>"))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: root) == ["index.md"])
        #expect(contents(root + "/index.md") == "old\n")
    }

    @Test func pagesStagedFromSeveralThreadsAreAllWrittenOnce() throws {
        let root = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let staging = try OutputStaging(directory: root)
        let files = (0..<200).map { RenderedFile(path: "agents/\($0 % 7)/p\($0).md", contents: "page \($0)\n") }
        DispatchQueue.concurrentPerform(iterations: files.count) { index in
            try? staging.stage(files[index])
            try? staging.stage(files[index])  // a second time: written once
        }
        try staging.commit()
        for file in files { #expect(contents(root + "/" + file.path) == file.contents) }
        let leftovers = FileManager.default.enumerator(atPath: root)?.compactMap { $0 as? String }
            .filter { $0.hasSuffix(".tmp") }
        #expect(leftovers == [])
    }
}
