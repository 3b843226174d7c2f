/// One commit as `git log` printed it with `GitLogParser.format`, before attribution.
struct ParsedCommit {
    /// The full hash.
    var hash: String
    /// How many parents it has (a merge has two or more).
    var parentCount: Int
    /// Committer time, seconds since the epoch.
    var committerTime: Int64
    /// The author's name, as git records it.
    var authorName: String
    /// The author's e-mail, as git records it.
    var authorEmail: String
    /// The tip given on the command line through which git reached it (`--source`).
    var source: String
    /// The raw message: subject, blank line, body, trailers.
    var message: String
    /// The files it changed (empty for a merge: git shows merges without a diff).
    var files: [NumstatEntry] = []

    /// The first line of the message.
    var subject: String {
        message.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
    }
}
