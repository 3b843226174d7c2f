/// One commit as `git log` printed it with `GitLogParser.format`, before attribution.
struct ParsedCommit {
    /// The full hash.
    var hash: String
    /// How many parents it has (a merge has two or more).
    var parentCount: Int
    /// Committer time, seconds since the epoch.
    var committerTime: Int64
    var authorName: String
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
