import Foundation
import Testing

@testable import AgentReport

@Suite struct GitLogReaderTests {
    func history(commits: Int) throws -> TestRepository {
        let repository = try TestRepository()
        for index in 1...commits {
            try repository.commit("Commit \(index)", files: ["f\(index % 5).txt": String(repeating: "line \(index)\n", count: index % 4 + 1)])
        }
        return repository
    }

    func readAll(_ reader: GitLogReader) throws -> (commits: [String], unknown: [String], outcome: GitLogReader.Outcome) {
        var reader = reader
        var commits: [String] = []
        var unknown: [String] = []
        let outcome = try reader.read(
            onCommit: { commit, linesUnknown in
                commits.append("\(commit.subject) \(commit.files.map { "\($0.added ?? -1)/\($0.deleted ?? -1)" })")
                if linesUnknown { unknown.append(commit.subject) }
            },
            onUnreadable: { _, _ in })
        return (commits, unknown, outcome)
    }

    @Test func splitAcrossTwoWorkersReadsEveryCommitOnceInTheSameOrder() throws {
        let repository = try history(commits: 21)
        let git = try GitProcess(repository: repository.path)
        let tip = try repository.git(["rev-parse", "main"])
        let sequential = try readAll(GitLogReader(git: git, revisions: [tip]))
        var split = GitLogReader(git: git, revisions: [tip], commitCount: 21)
        split.splitThreshold = 4
        let parallel = try readAll(split)
        #expect(sequential.commits.count == 21)
        #expect(parallel.commits == sequential.commits)
        #expect(parallel.outcome == .complete)
    }

    @Test func unreadableCommitsInEitherHalfAreMarkedAndTheRestRead() throws {
        let repository = try history(commits: 20)
        for subject in ["Commit 4", "Commit 15"] {
            let hash = try repository.git(["log", "--format=%H", "--grep=^\(subject)$", "main"])
            try repository.deleteObject(try repository.git(["rev-parse", "\(hash):f\(Int(subject.dropFirst(7))! % 5).txt"]))
        }
        let git = try GitProcess(repository: repository.path)
        var reader = GitLogReader(git: git, revisions: [try repository.git(["rev-parse", "main"])], commitCount: 20)
        reader.splitThreshold = 4
        let result = try readAll(reader)
        #expect(result.outcome == .complete)
        #expect(result.commits.count == 20)
        // The next commits to change those files need the lost blobs for their diffs too.
        #expect(Set(result.unknown) == ["Commit 4", "Commit 9", "Commit 15", "Commit 20"])
    }
}
