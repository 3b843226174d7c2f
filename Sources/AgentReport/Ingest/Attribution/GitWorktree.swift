import Foundation

/// One checkout of a configured repository, as `git worktree list --porcelain -z` lists it:
/// the main working tree (or the bare repository) first, then every linked worktree —
/// `git worktree add` ones, Claude Code's `.claude/worktrees/<name>` (branch
/// `worktree-<name>`), the Codex app's detached ones under `~/.codex/worktrees/`.
///
/// A value other sources reuse: git ingest reads every worktree's HEAD, the attribution
/// service answers "whose checkout is this path in?" from the list, and `init` proposes
/// agents from it. `agent` is filled in by `AgentAttribution` (nil in a list that has not
/// been through it, and for checkouts no rule attributes, such as the main one on `main`).
public struct GitWorktree: Sendable, Hashable {
    /// The configured repository it belongs to (`repositories[].path` as written).
    public var repository: String
    /// Its folder: absolute, symlinks resolved when the folder exists.
    public var path: String
    /// The commit checked out; nil in a repository without commits, or for a bare entry.
    public var head: String?
    /// The checked-out branch as a full ref (`refs/heads/worktree-x`); nil when detached or bare.
    public var branch: String?
    /// Whether HEAD is detached (a CI checkout, the Codex app, `git worktree add --detach`).
    public var isDetached: Bool
    /// Whether this entry is the bare repository itself (no files checked out).
    public var isBare: Bool
    /// Whether it is the main working tree (the first entry), not a linked one.
    public var isMain: Bool
    /// Whether git marks it prunable (its folder is gone).
    public var isPrunable: Bool
    /// Its folder's name under `<git-common-dir>/worktrees/` (linked worktrees only): the
    /// `<name>` of the ref `worktrees/<name>/HEAD` git knows it by.
    public var administrativeName: String?
    /// The agent it belongs to, by the attribution service's path rules.
    public var agent: Attribution?

    /// A worktree entry; `agent` starts unknown.
    public init(
        repository: String, path: String, head: String?, branch: String?, isDetached: Bool, isBare: Bool = false,
        isMain: Bool, isPrunable: Bool = false, administrativeName: String? = nil
    ) {
        self.repository = repository
        self.path = path
        self.head = head
        self.branch = branch
        self.isDetached = isDetached
        self.isBare = isBare
        self.isMain = isMain
        self.isPrunable = isPrunable
        self.administrativeName = administrativeName
    }

    /// The branch's short name (`worktree-x`), as the branch rules see it.
    public var branchName: String? {
        branch.map { $0.hasPrefix("refs/heads/") ? String($0.dropFirst("refs/heads/".count)) : $0 }
    }

    /// The name of the ref that reaches its HEAD from any worktree of the repository: the
    /// branch when one is checked out, else `main-worktree/HEAD` or `worktrees/<name>/HEAD`
    /// (git's per-worktree refs); nil for a bare entry or an empty repository.
    public var headRef: String? {
        guard head != nil, !isBare else { return nil }
        if let branch { return branch }
        if isMain { return "main-worktree/HEAD" }
        return administrativeName.map { "worktrees/\($0)/HEAD" }
    }
}

extension GitWorktree {
    /// Lists the worktrees of the repository `git` runs in. `administrativeFolders` maps a
    /// worktree's `.git` file path to its folder name under `<git-common-dir>/worktrees/`.
    ///
    /// Throws what git throws (not a repository, git too old for `-z`: callers treat that as
    /// "no worktrees").
    static func list(git: GitProcess, repository: String) throws -> [GitWorktree] {
        let output = try git.run(["worktree", "list", "--porcelain", "-z"])
        let listed = parse(porcelain: output, repository: repository)
        // Linked worktrees only: a lone main checkout needs no names (and no second process).
        let names = listed.count > 1 ? administrativeNames(git: git) : [:]
        return listed.map { worktree in
            var worktree = worktree
            if !worktree.isMain {
                worktree.administrativeName = names[worktree.path] ?? names[CanonicalPath.resolve(worktree.path)]
            }
            worktree.path = CanonicalPath.resolve(worktree.path)
            return worktree
        }
    }

    /// Parses `git worktree list --porcelain -z`: attributes (`worktree <path>`, `HEAD <hash>`,
    /// `branch <ref>`, `detached`, `bare`, `prunable …`) each ended by a NUL, an empty one
    /// ending the entry. The first entry is the main working tree.
    static func parse(porcelain output: Data, repository: String) -> [GitWorktree] {
        var result: [GitWorktree] = []
        var current: GitWorktree?
        func finish() {
            if let entry = current { result.append(entry) }
            current = nil
        }
        for field in output.split(separator: 0, omittingEmptySubsequences: false) {
            let text = String(decoding: field, as: UTF8.self)
            if text.isEmpty {
                finish()
                continue
            }
            let (key, value) =
                text.firstIndex(of: " ").map { (String(text[..<$0]), String(text[text.index(after: $0)...])) } ?? (
                    text, ""
                )
            switch key {
            case "worktree":
                finish()
                current = GitWorktree(
                    repository: repository, path: value, head: nil, branch: nil, isDetached: false,
                    isMain: result.isEmpty)
            case "HEAD": current?.head = value.allSatisfy({ $0 == "0" }) ? nil : value
            case "branch": current?.branch = value
            case "detached": current?.isDetached = true
            case "bare": current?.isBare = true
            case "prunable": current?.isPrunable = true
            default: break
            }
        }
        finish()
        return result
    }

    /// Worktree folder (as its `gitdir` file names it, without the `/.git`) → administrative name.
    private static func administrativeNames(git: GitProcess) -> [String: String] {
        guard let common = try? git.text(["rev-parse", "--path-format=absolute", "--git-common-dir"]), !common.isEmpty
        else {
            return [:]
        }
        let folder = (common as NSString).appendingPathComponent("worktrees")
        var names: [String: String] = [:]
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] {
            let file = ((folder as NSString).appendingPathComponent(name) as NSString).appendingPathComponent("gitdir")
            guard let data = try? InputFile.read(file, limit: InputFile.Limit.gitMetadata) else { continue }
            var target = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            if target.hasSuffix("/.git") { target.removeLast("/.git".count) }
            names[target] = name
            names[CanonicalPath.resolve(target)] = name
        }
        return names
    }
}
