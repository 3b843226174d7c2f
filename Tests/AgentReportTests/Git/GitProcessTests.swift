import Foundation
import Testing

@testable import AgentReport

@Suite struct GitProcessTests {
    /// `cat-file --batch-check` answers line by line; an input much longer than a pipe's
    /// buffer once deadlocked the board-history replay of a year-long demo workspace.
    @Test func inputLongerThanAPipeIsAnsweredWithoutDeadlock() throws {
        let repository = try TestRepository()
        let commit = try repository.commit("first", files: ["a.txt": "a\n"])
        let lines = 50_000  // ~2 MB in, ~2.4 MB out: far beyond a 64 KB pipe either way
        let input = Data(String(repeating: commit + "\n", count: lines).utf8)
        let output = try GitProcess(repository: repository.path).run(["cat-file", "--batch-check"], input: input)
        let answers = String(decoding: output, as: UTF8.self).split(separator: "\n")
        #expect(answers.count == lines)
        #expect(answers.allSatisfy { $0.hasPrefix(commit + " commit ") })
    }

    @Test func aGitThatStopsReadingEarlyIsAnErrorNotAHang() throws {
        let repository = try TestRepository()
        _ = try repository.commit("first", files: ["a.txt": "a\n"])
        let input = Data(String(repeating: "not-an-option\n", count: 100_000).utf8)
        #expect(throws: GitError.self) {
            try GitProcess(repository: repository.path).run(["cat-file", "--no-such-option"], input: input)
        }
    }
}
