import Foundation

/// Reads `git log --numstat` over a set of revisions, commit by commit, and keeps going
/// past commits whose objects git cannot read.
///
/// When a blob or tree is missing (a partial clone, a damaged pack), `git log` stops with
/// "unable to read <object>". The reader then finds which commit it was working on — the
/// last one whose header it printed, or the next one — hands that commit over with
/// `linesUnknown`, and restarts the same walk with `--skip` past it. Skipped commits are
/// walked again but not diffed, so a restart costs a revision walk, not a second diff.
///
/// A long walk is split across two git processes (git log is single-threaded; diffs are
/// most of its work): the second half (`--skip`) goes to a temporary file while the first
/// is streamed, then the file is read. Both walk the same revisions, fixed as hashes, in
/// the same order, so the halves are exact. If the second worker fails, its half is read
/// again the careful way.
struct GitLogReader {
    /// What the walk ended with.
    enum Outcome: Equatable {
        /// Every commit was read (some perhaps with unknown line counts).
        case complete
        /// The walk itself broke (a commit object is missing): commits after it are unknown.
        case walkFailed(String)
    }

    /// The repository's git runner.
    let git: GitProcess
    /// Revisions as `git log` takes them: tips, then `--not` and the tips already read.
    let revisions: [String]
    /// How many commits the walk has, when known (`rev-list --count`): enough of them, and
    /// more than one processor, and the walk is split across two git processes.
    var commitCount: Int?

    /// The smallest walk worth a second git process.
    var splitThreshold = 2000
    /// The second worker, once `startSecondWorker()` launched it.
    private var second: (worker: BackgroundGit, from: Int)?

    /// A reader of `revisions`, of `commitCount` commits when known.
    init(git: GitProcess, revisions: [String], commitCount: Int? = nil) {
        self.git = git
        self.revisions = revisions
        self.commitCount = commitCount
    }

    /// Starts the second git worker now when the walk is long enough, so that it diffs
    /// while the caller still prepares (branch claims); `read` starts it otherwise.
    mutating func startSecondWorker() throws {
        guard second == nil, let count = commitCount, count >= splitThreshold,
            ProcessInfo.processInfo.activeProcessorCount > 1
        else { return }
        let half = count / 2
        second = (try git.start(Self.logOptions + ["--skip=\(half)"] + revisions + ["--"]), half)
    }

    /// The options shared by every `git log` the reader runs.
    static let logOptions = [
        "-c", "log.showSignature=false", "-c", "core.quotePath=true", "log", "--no-color", "--no-ext-diff",
        "--no-textconv", "--diff-merges=off", "--numstat", "--find-renames", "--source",
        "--format=" + GitLogParser.format,
    ]

    /// Calls `onCommit` for each commit (with `linesUnknown` true for unreadable ones) and
    /// `onUnreadable` with the commit and git's message for each of those.
    mutating func read(
        onCommit: (ParsedCommit, _ linesUnknown: Bool) throws -> Void,
        onUnreadable: (ParsedCommit, String) -> Void
    ) throws -> Outcome {
        try startSecondWorker()
        guard let (second, half) = second else {
            return try read(from: 0, to: nil, onCommit: onCommit, onUnreadable: onUnreadable)
        }
        self.second = nil
        let first = try read(from: 0, to: half, onCommit: onCommit, onUnreadable: onUnreadable)
        let (status, _) = second.wait()
        // A walk broken in the first half cannot be walked past, in either half.
        if case .walkFailed = first { return first }
        guard status == 0 else {
            return try read(from: half, to: nil, onCommit: onCommit, onUnreadable: onUnreadable)
        }
        var parser = GitLogParser()
        try second.forEachLine { line in
            if let done = parser.feed(line) { try onCommit(done, false) }
        }
        if let last = parser.finish() { try onCommit(last, false) }
        return .complete
    }
}

private extension GitLogReader {
    /// Reads the commits at offsets `start..<end` of the walk (to its end when `end` is nil),
    /// restarting past each commit git cannot read.
    func read(
        from start: Int, to end: Int?,
        onCommit: (ParsedCommit, _ linesUnknown: Bool) throws -> Void,
        onUnreadable: (ParsedCommit, String) -> Void
    ) throws -> Outcome {
        var skip = start
        while true {
            if let end, skip >= end { return .complete }
            var parser = GitLogParser()
            var completed = 0
            let limit = end.map { ["--max-count=\($0 - skip)"] } ?? []
            let arguments = Self.logOptions + (skip > 0 ? ["--skip=\(skip)"] : []) + limit + revisions + ["--"]
            let (status, stderr) = try git.stream(arguments) { line in
                if let done = parser.feed(line) {
                    try onCommit(done, false)
                    completed += 1
                }
            }
            if status == 0 {
                if let last = parser.finish() { try onCommit(last, false) }
                return .complete
            }
            let reason = Self.firstLine(stderr)
            // Which commit did git die on? The one it printed the header of, unless that one
            // reads fine alone — then the next one, whose header it never printed.
            var badOffset = completed
            if let pending = parser.pending {
                if let whole = try readAlone(pending.hash) {
                    var commit = whole
                    commit.source = pending.source
                    try onCommit(commit, false)
                    badOffset = completed + 1
                } else {
                    onUnreadable(pending, reason)
                    try onCommit(pending, true)
                    skip += completed + 1
                    continue
                }
            }
            if let end, skip + badOffset >= end { return .complete }
            guard let bad = try header(at: skip + badOffset) else {
                return .walkFailed(reason)
            }
            onUnreadable(bad, reason)
            try onCommit(bad, true)
            skip += badOffset + 1
        }
    }

    /// The commit with its numstat when git can read it alone, else nil.
    func readAlone(_ hash: String) throws -> ParsedCommit? {
        var parser = GitLogParser()
        var result: ParsedCommit?
        let (status, _) = try git.stream(Self.logOptions + ["--max-count=1", hash, "--"]) { line in
            if let done = parser.feed(line) { result = done }
        }
        guard status == 0 else { return nil }
        return parser.finish() ?? result
    }

    /// The header (no diff) of the commit at `offset` in the walk, or nil when even that
    /// cannot be read (the walk itself is broken there).
    func header(at offset: Int) throws -> ParsedCommit? {
        var parser = GitLogParser()
        let arguments = Self.logOptions + ["--no-patch", "--skip=\(offset)", "--max-count=1"] + revisions + ["--"]
        let (status, _) = try git.stream(arguments) { line in _ = parser.feed(line) }
        guard status == 0 else { return nil }
        return parser.finish()
    }

    static func firstLine(_ stderr: String) -> String {
        let lines = stderr.split(separator: "\n").map(String.init)
        return lines.first(where: { $0.hasPrefix("fatal:") }) ?? lines.first ?? "git log failed"
    }
}
