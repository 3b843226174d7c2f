/// One ref of a repository as `git for-each-ref` lists it, peeled to its commit.
public struct GitRef: Sendable, Hashable {
    /// The full name: `refs/heads/agents/validator`.
    public let name: String
    /// The commit it points at (annotated tags peeled).
    public let tip: String

    /// A ref from its full name and tip.
    public init(name: String, tip: String) {
        self.name = name
        self.tip = tip
    }

    /// The name people use, stored as `git_commits.branch`: `main`, `agents/validator`,
    /// `origin/main` for a remote-tracking ref, `v1.0` for a tag.
    public var shortName: String {
        for prefix in ["refs/heads/", "refs/remotes/", "refs/tags/"] where name.hasPrefix(prefix) {
            return String(name.dropFirst(prefix.count))
        }
        return name
    }

    /// The branch name that attribution rules see: the short name without the remote of a
    /// remote-tracking ref (`origin/agent-builder-1` → `agent-builder-1`).
    public var branchName: String {
        guard name.hasPrefix("refs/remotes/") else { return shortName }
        let short = shortName
        guard let slash = short.firstIndex(of: "/") else { return short }
        return String(short[short.index(after: slash)...])
    }

    /// Parses one `for-each-ref` line of `GitRef.listFormat`; nil for refs that do not end at
    /// a commit (a tag of a tree or blob).
    static func parse(listLine line: String) -> GitRef? {
        let fields = line.split(separator: " ", omittingEmptySubsequences: false)
        guard fields.count == 5 else { return nil }
        if fields[1] == "commit" { return GitRef(name: String(fields[4]), tip: String(fields[0])) }
        if fields[1] == "tag", fields[3] == "commit" { return GitRef(name: String(fields[4]), tip: String(fields[2])) }
        return nil
    }

    /// The `for-each-ref --format` that `parse(listLine:)` reads.
    static let listFormat = "%(objectname) %(objecttype) %(*objectname) %(*objecttype) %(refname)"
}
