import Foundation
import Testing

@testable import AgentReport

/// Input files are read only when they are regular files within their limit, without blocking.
@Suite struct InputFileTests {
    @Test func readsARegularFileWhole() throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("a.txt").path
        try Data("hello\r\n".utf8).write(to: URL(fileURLWithPath: path))
        #expect(try InputFile.read(path, limit: 100) == Data("hello\r\n".utf8))
    }

    @Test func aFIFOIsRejectedWithoutBlocking() throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("pipe.jsonl").path
        #expect(mkfifo(path, 0o644) == 0)
        #expect(throws: InputFile.Problem.notRegular(kind: "a FIFO")) { try InputFile.read(path, limit: 100) }
        #expect(!InputFile.isRegularFile(path))
    }

    @Test func aFolderAndAMissingFileAreNotRead() throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(throws: InputFile.Problem.notRegular(kind: "a directory")) {
            try InputFile.read(folder.path, limit: 100)
        }
        #expect(throws: InputFile.Problem.missing) { try InputFile.read(folder.path + "/none", limit: 100) }
    }

    @Test func aFileOverItsLimitIsRejectedWithItsSize() throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("big.json").path
        try Data(count: 2_000_001).write(to: URL(fileURLWithPath: path))
        #expect(throws: InputFile.Problem.tooLarge(size: 2_000_001, limit: 1_000_000)) {
            try InputFile.read(path, limit: 1_000_000)
        }
        let message = InputFile.Problem.tooLarge(size: 2_000_001, limit: 1_000_000).description
        #expect(message == "2.0 MB is larger than the 1.0 MB limit for this input; skipped")
    }
}
