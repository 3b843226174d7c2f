import Foundation

@testable import AgentReport

/// A temporary git repository that a test writes history into, with fixed dates so that
/// hashes and stored times are the same on every run.
final class TestRepository {
    /// The repository's folder (a temporary directory, removed on deinit).
    let path: String
    private let root: String
    private var clock: Int64 = 1_772_445_600  // 2026-03-02T10:00:00Z

    /// A new repository with `main` checked out (bare: no work tree).
    init(bare: Bool = false) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("agentreport-git-\(UUID().uuidString)").path
        path = root + "/repo"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        try git(["init", "-q", "-b", "main"] + (bare ? ["--bare"] : []))
    }

    deinit { try? FileManager.default.removeItem(atPath: root) }

    /// A sibling folder inside the test's temporary directory.
    func scratch(_ name: String) -> String { root + "/" + name }

    /// Runs git in the repository with fixed author and committer dates.
    @discardableResult
    func git(_ arguments: [String], in directory: String? = nil) throws -> String {
        let date = "\(clock) +0000"
        let process = try GitProcess(
            repository: directory ?? path,
            environment: ["GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date, "GIT_CONFIG_NOSYSTEM": "1", "HOME": root])
        return try process.text(["-c", "user.name=Orchestrator", "-c", "user.email=orchestrator@example.com",
                                 "-c", "commit.gpgsign=false"] + arguments)
    }

    /// Writes files (text or bytes), stages everything and commits; returns the hash.
    @discardableResult
    func commit(_ message: String, files: [String: String] = [:], binary: [String: [UInt8]] = [:],
                author: String? = nil, minutesLater: Int64 = 10) throws -> String {
        clock += minutesLater * 60
        for (file, text) in files { try write(file, Data(text.utf8)) }
        for (file, bytes) in binary { try write(file, Data(bytes)) }
        try git(["add", "-A"])
        try git(["commit", "-q", "--allow-empty", "-m", message] + (author.map { ["--author", $0] } ?? []))
        return try git(["rev-parse", "HEAD"])
    }

    /// Merges `branch` into the current branch with a merge commit; returns its hash.
    @discardableResult
    func merge(_ branch: String, message: String) throws -> String {
        clock += 600
        try git(["merge", "-q", "--no-ff", "-m", message, branch])
        return try git(["rev-parse", "HEAD"])
    }

    /// Checks out a branch, creating it from `start` when given.
    func checkout(_ branch: String, from start: String? = nil) throws {
        try git(start.map { ["checkout", "-q", "-b", branch, $0] } ?? ["checkout", "-q", branch])
    }

    /// Removes the loose object file of `object` (a blob, tree or commit hash), as a damaged
    /// or partial clone would lack it.
    func deleteObject(_ object: String) throws {
        let file = path + "/.git/objects/" + object.prefix(2) + "/" + object.dropFirst(2)
        try FileManager.default.removeItem(atPath: file)
    }

    private func write(_ file: String, _ data: Data) throws {
        let url = URL(fileURLWithPath: path + "/" + file)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
    }
}
