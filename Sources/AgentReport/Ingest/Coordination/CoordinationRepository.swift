import Foundation

/// A git repository holding coordination files: where they are inside it, the tips of the
/// configured refs, and their versions at any commit. Read-only: only `git log`,
/// `for-each-ref`, `cat-file` and `ls-tree` are run.
public struct CoordinationRepository: Sendable {
    /// The repository as configured (absolute), the key under which its state is remembered.
    public let path: String
    /// The top level of its working tree (symlinks resolved).
    public let root: String
    /// The ref patterns of the config (`refs/heads/*`).
    public let refPatterns: [String]
    /// `repositories[].path` as written in the config (the repository's key, and what its
    /// worktrees are listed under).
    public let configuredPath: String
    /// The git runner.
    public let git: GitProcess
    /// One `git cat-file --batch` for every blob this repository is asked for.
    let blobs: GitBlobReader

    /// Opens the configured repository; nil when the path is not a git work tree (the
    /// caller decides whether that deserves a diagnostic).
    public static func open(_ repository: ReportConfig.Repository, config: ReportConfig) throws
        -> CoordinationRepository?
    {
        let path = config.resolve(repository.path)
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        let git = try GitProcess(repository: path)
        guard let root = try? git.text(["rev-parse", "--show-toplevel"]), !root.isEmpty else { return nil }
        return CoordinationRepository(
            path: path, root: CanonicalPath.resolve(root), refPatterns: repository.refs,
            configuredPath: repository.path, git: git,
            blobs: GitBlobReader(git: git))
    }

    /// The path of `file` relative to the repository root, or nil when it lies outside. The
    /// file, and its folder, need not exist (a board that only branches have).
    public func relativePath(of file: String) -> String? {
        let full = CanonicalPath.resolve(file)
        guard CanonicalPath.isInside(full, root), full != root else { return nil }
        return String(decoding: full.utf8.dropFirst(root == "/" ? 1 : root.utf8.count + 1), as: UTF8.self)
    }

    /// The configured refs and their tips, sorted by ref name; HEAD is added when
    /// `includingHead` (the working copy's own history is always part of the story).
    public func refTips(includingHead: Bool = false) throws -> [(ref: String, commit: String)] {
        // for-each-ref's `*` stops at a slash, so `refs/heads/*` would miss `agents/builder`;
        // a trailing `/*` means "everything below", which the bare prefix matches.
        let patterns = refPatterns.map { $0.hasSuffix("/*") ? String($0.dropLast(2)) : $0 }
        let output = try git.text(["for-each-ref", "--format=%(objectname) %(refname)"] + patterns)
        var tips: [(ref: String, commit: String)] = output.split(separator: "\n").compactMap { line in
            let parts = line.split(separator: " ", maxSplits: 1)
            guard parts.count == 2 else { return nil }
            return (String(parts[1]), String(parts[0]))
        }
        tips.sort { $0.ref < $1.ref }
        if includingHead, let head = try? git.text(["rev-parse", "--verify", "-q", "HEAD^{commit}"]), !head.isEmpty {
            tips.append(("HEAD", head))
        }
        return tips
    }

    /// The blob ids of `specs` (`<commit>:<path>`); a spec with no such file maps to nil.
    public func blobIds(_ specs: [String]) throws -> [String: String] {
        guard !specs.isEmpty else { return [:] }
        var result: [String: String] = [:]
        // One cat-file for all of them: a process per commit would dominate long histories.
        let input = Data(specs.joined(separator: "\n").appending("\n").utf8)
        let output = String(
            decoding: try git.run(["cat-file", "--batch-check=%(objectname) %(objecttype)"], input: input),
            as: UTF8.self)
        for (spec, line) in zip(specs, output.split(separator: "\n", omittingEmptySubsequences: false)) {
            let parts = line.split(separator: " ")
            if parts.count == 2, parts[1] == "blob" { result[spec] = String(parts[0]) }
        }
        return result
    }

    /// The contents of a blob.
    public func blob(_ id: String) throws -> Data {
        try blobs.blob(id)
    }

    /// The files under `folder` at `commit`, as (path relative to the root, blob id).
    public func files(under folder: String, at commit: String) throws -> [(path: String, blob: String)] {
        let prefix = folder.hasSuffix("/") ? folder : folder + "/"
        let output = try git.run(["ls-tree", "-r", "-z", commit, "--", prefix])
        return output.split(separator: 0).compactMap { entry in
            let text = String(decoding: entry, as: UTF8.self)
            guard let tab = text.firstIndex(of: "\t") else { return nil }
            let meta = text[..<tab].split(separator: " ")
            guard meta.count == 3, meta[1] == "blob" else { return nil }
            return (String(text[text.index(after: tab)...]), String(meta[2]))
        }
    }

    /// A path with symlinks resolved (`/tmp` → `/private/tmp` on macOS), as far as it exists.
    static func realPath(_ path: String) -> String {
        CanonicalPath.resolve(path)
    }
}
