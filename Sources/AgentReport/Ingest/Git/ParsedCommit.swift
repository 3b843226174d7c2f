/// One commit as `git log` printed it with `GitLogParser.format`, before attribution.
struct ParsedCommit {
    /// The full hash.
    var hash: String
    /// How many parents it has (a merge has two or more; a shallow clone's boundary none).
    var parentCount: Int
    /// Committer time, seconds since the epoch (negative before 1970); nil when git printed
    /// none (git before 2.46 prints nothing for times before 1970: `GitLogReader` then reads
    /// the commit object's own header).
    var committerTime: Int64?
    /// The author's name as git prints it, `.mailmap` applied (`%aN`).
    var authorName: String
    /// The author's e-mail as git prints it, `.mailmap` applied (`%aE`).
    var authorEmail: String
    /// The tip given on the command line through which git reached it (`--source`).
    var source: String
    /// The raw message: subject, blank line, body, trailers.
    var message: String
    /// The files it changed (empty for a merge: git shows merges without a diff).
    var files: [NumstatEntry] = []
    /// Whether its author or message held bytes that are not UTF-8 (replaced by U+FFFD).
    var hasInvalidUTF8 = false

    /// The first line of the message.
    var subject: String {
        message.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
    }
}
