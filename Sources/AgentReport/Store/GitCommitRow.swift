/// One row of the seed's `git_commits`, ready to store.
struct GitCommitRow {
    /// The full commit hash.
    var hash: String
    /// The attributed agent, or `unattributed`.
    var agentId: String
    /// The author's name, secrets redacted.
    var authorName: String
    /// The author's e-mail.
    var authorEmail: String
    /// The subject line, secrets redacted.
    var message: String
    /// The claimed branch (short name).
    var branch: String?
    /// Files changed, excluded paths left out.
    var filesChanged: Int
    /// Lines added, excluded paths and binary files left out.
    var linesAdded: Int
    /// Lines deleted, excluded paths and binary files left out.
    var linesDeleted: Int
    /// Committer time, seconds since the epoch.
    var committedAt: Int64
    /// The repository's key.
    var repository: String
    /// Whether it has two or more parents.
    var isMerge: Bool
    /// Whether git could not give its line counts.
    var linesUnknown: Bool
    /// The rule that named the agent.
    var attributedBy: String
}
