import Foundation

/// Reads `git log -z --numstat` over a set of revisions, commit by commit, and lets no
/// unreadable object stop it: which commits there are comes from the commit graph, and a
/// diff git cannot compute is that commit's problem only.
///
/// The fast path streams one `git log` (split across two git processes when the walk is
/// long: git log is single-threaded and diffs are most of its work; the second half,
/// `--skip`, goes to a temporary file while the first is streamed). When git stops at a
/// blob or tree it cannot read (a partial clone, a damaged pack), the reader:
/// 1. settles the commit git was working on (the last header it printed: read alone, it
///    either has its whole numstat or is unreadable);
/// 2. lists the rest of the walk from the commit graph alone (`git log` without a diff
///    reads commits, never trees or blobs);
/// 3. reads those commits with `git log --no-walk=unsorted --stdin`, a slice at a time;
///    each time git stops, the commit it stopped at is handed over with `linesUnknown`
///    and the slice goes on after it. A restart costs one process, not a second walk.
/// Only a missing *commit* object breaks the walk itself (`walkFailed`).
struct GitLogReader {
    /// What the walk ended with.
    enum Outcome: Equatable {
        /// Every commit of the graph was read (some perhaps with unknown line counts).
        case complete
        /// The commit graph itself is broken (a commit object is missing): git cannot list
        /// the commits behind it.
        case walkFailed(String)
    }

    /// The repository's git runner.
    let git: GitProcess
    /// Revisions as `git log` takes them: tips, then `--not` and the tips already read; or
    /// commit hashes with `noWalk` (a retry of known commits).
    let revisions: [String]
    /// How many commits the walk has, when known (`rev-list --count`): enough of them, and
    /// more than one processor, and the walk is split across two git processes.
    var commitCount: Int?
    /// Whether `revisions` are the commits themselves, each read alone (no walk).
    var noWalk = false

    /// The smallest walk worth a second git process.
    var splitThreshold = 2000
    /// Commits per `git log --no-walk --stdin` when reading carefully.
    var sliceSize = 1000
    /// The second worker, once `startSecondWorker()` launched it.
    private var second: (worker: BackgroundGit, from: Int)?

    /// A reader of `revisions`, of `commitCount` commits when known.
    init(git: GitProcess, revisions: [String], commitCount: Int? = nil) {
        self.git = git
        self.revisions = revisions
        self.commitCount = commitCount
    }

    /// A reader of exactly these commits (for retrying commits whose lines were unknown).
    init(git: GitProcess, commits: [String]) {
        self.git = git
        revisions = commits
        noWalk = true
    }

    /// Starts the second git worker now when the walk is long enough, so that it diffs
    /// while the caller still prepares (branch claims); `read` starts it otherwise.
    mutating func startSecondWorker() throws {
        guard !noWalk, second == nil, let count = commitCount, count >= splitThreshold,
            ProcessInfo.processInfo.activeProcessorCount > 1
        else { return }
        let half = count / 2
        second = (try git.start(Self.logOptions + ["--skip=\(half)"] + revisions + ["--"]), half)
    }

    /// The options shared by every `git log` the reader runs.
    static let logOptions = [
        "-c", "log.showSignature=false", "log", "-z", "--no-color", "--no-ext-diff", "--no-textconv",
        "--diff-merges=off", "--numstat", "--find-renames", "--source", "--format=" + GitLogParser.format,
    ]

    /// Calls `onCommit` for each commit (with `linesUnknown` true for those whose diff git
    /// cannot compute) and `onUnreadable` with the commit and git's message for each of those.
    mutating func read(
        onCommit: (ParsedCommit, _ linesUnknown: Bool) throws -> Void,
        onUnreadable: (ParsedCommit, String) -> Void
    ) throws -> Outcome {
        try withoutActuallyEscaping(onCommit) { onCommit in
            try withoutActuallyEscaping(onUnreadable) { onUnreadable in
                var walk = Walk(reader: self, onCommit: onCommit, onUnreadable: onUnreadable)
                return try read(walk: &walk)
            }
        }
    }

    static func firstLine(_ stderr: String) -> String {
        let lines = stderr.split(separator: "\n").map(String.init)
        return lines.first(where: { $0.hasPrefix("fatal:") }) ?? lines.first ?? "git log failed"
    }
}

private extension GitLogReader {
    mutating func read(walk: inout Walk) throws -> Outcome {
        if noWalk {
            try walk.readCarefully(revisions.map { ($0, $0) })
            return .complete
        }
        try startSecondWorker()
        guard let (second, half) = second else {
            return try walk.stream(skip: 0, limit: nil)
        }
        self.second = nil
        let first = try walk.stream(skip: 0, limit: half)
        let (status, stderr) = second.wait()
        var parser = GitLogParser()
        try second.forEachLine(separator: 0) { record in
            if let done = parser.feed(record) { try walk.deliver(done) }
        }
        let rest: Outcome
        if status == 0 {
            if let last = parser.finish() { try walk.deliver(last) }
            rest = .complete
        } else {
            rest = try walk.recover(skip: half, limit: nil, pending: parser.pending, reason: Self.firstLine(stderr))
        }
        if case .walkFailed = first { return first }
        return rest
    }

    /// One read: the callbacks, and which commits were handed over (by the first 8 bytes
    /// of their hash), so that a recovery never hands a commit over twice.
    struct Walk {
        let reader: GitLogReader
        let onCommit: (ParsedCommit, Bool) throws -> Void
        let onUnreadable: (ParsedCommit, String) -> Void
        var delivered: Set<UInt64> = []

        var git: GitProcess { reader.git }

        mutating func deliver(_ commit: ParsedCommit, linesUnknown: Bool = false) throws {
            guard delivered.insert(BranchClaims.key(Array(commit.hash.utf8)[...])).inserted else { return }
            var commit = commit
            if commit.committerTime == nil { commit.committerTime = git.committerTime(of: commit.hash) ?? 0 }
            try onCommit(commit, linesUnknown)
        }

        mutating func unreadable(_ commit: ParsedCommit, _ reason: String) throws {
            guard !delivered.contains(BranchClaims.key(Array(commit.hash.utf8)[...])) else { return }
            var bare = commit
            bare.files = []
            onUnreadable(bare, reason)
            try deliver(bare, linesUnknown: true)
        }

        /// Streams the walk's commits at offsets `skip..<skip+limit` (to the end when nil).
        mutating func stream(skip: Int, limit: Int?) throws -> Outcome {
            var parser = GitLogParser()
            let arguments =
                GitLogReader.logOptions + (skip > 0 ? ["--skip=\(skip)"] : [])
                + (limit.map { ["--max-count=\($0)"] } ?? []) + reader.revisions + ["--"]
            let (status, stderr) = try git.stream(arguments, separator: 0) { record in
                if let done = parser.feed(record) { try deliver(done) }
            }
            if status == 0 {
                if let last = parser.finish() { try deliver(last) }
                return .complete
            }
            return try recover(
                skip: skip, limit: limit, pending: parser.pending, reason: GitLogReader.firstLine(stderr))
        }

        /// After git stopped inside `skip..<skip+limit`: settles `pending`, lists the range
        /// from the commit graph, and reads what was not handed over yet, carefully.
        mutating func recover(skip: Int, limit: Int?, pending: ParsedCommit?, reason: String) throws -> Outcome {
            if let pending { try settle(pending, source: pending.source, reason: reason) }
            var remaining: [(hash: String, source: String)] = []
            let arguments =
                ["-c", "log.showSignature=false", "log", "--no-color", "--source", "--format=%H%x1f%S"]
                + (skip > 0 ? ["--skip=\(skip)"] : []) + (limit.map { ["--max-count=\($0)"] } ?? []) + reader.revisions
                + ["--"]
            let delivered = self.delivered
            let (status, stderr) = try git.stream(arguments) { line in
                guard let separator = line.firstIndex(of: 0x1F),
                    !delivered.contains(BranchClaims.key(line[line.startIndex..<separator]))
                else { return }
                remaining.append(
                    (
                        String(decoding: line[..<separator], as: UTF8.self),
                        String(decoding: line[(separator + 1)...], as: UTF8.self)
                    ))
            }
            try readCarefully(remaining)
            return status == 0 ? .complete : .walkFailed(GitLogReader.firstLine(stderr))
        }

        /// Reads the listed commits a slice at a time, each slice restarted after any commit
        /// git stops at.
        mutating func readCarefully(_ commits: [(hash: String, source: String)]) throws {
            var index = 0
            while index < commits.count {
                let slice = commits[index..<min(index + reader.sliceSize, commits.count)]
                var sources: [String: String] = [:]
                for commit in slice { sources[commit.hash] = commit.source }
                var parser = GitLogParser()
                var completed = 0
                let input = Data((slice.map(\.hash).joined(separator: "\n") + "\n").utf8)
                let (status, stderr) = try git.stream(
                    GitLogReader.logOptions + ["--no-walk=unsorted", "--stdin", "--"], input: input, separator: 0
                ) { record in
                    if var done = parser.feed(record) {
                        done.source = sources[done.hash] ?? done.source
                        try deliver(done)
                        completed += 1
                    }
                }
                if status == 0 {
                    if var last = parser.finish() {
                        last.source = sources[last.hash] ?? last.source
                        try deliver(last)
                    }
                    index = slice.endIndex
                    continue
                }
                let reason = GitLogReader.firstLine(stderr)
                var bad = index + completed
                if let pending = parser.pending {
                    let source = sources[pending.hash] ?? pending.source
                    if try settle(pending, source: source, reason: reason) == false {
                        index = bad + 1  // the pending commit was the one git stopped at
                        continue
                    }
                    bad += 1
                }
                guard bad < slice.endIndex else {
                    index = slice.endIndex
                    continue
                }
                let commit = commits[bad]
                if var header = try header(of: commit.hash) {
                    header.source = commit.source
                    try unreadable(header, reason)
                }
                index = bad + 1
            }
        }

        /// Hands over the commit git printed last before it stopped: whole when git can read
        /// it alone (true), else with unknown lines (false).
        @discardableResult
        mutating func settle(_ pending: ParsedCommit, source: String, reason: String) throws -> Bool {
            if var whole = try readAlone(pending.hash) {
                whole.source = source
                try deliver(whole)
                return true
            }
            var commit = pending
            commit.source = source
            try unreadable(commit, reason)
            return false
        }

        /// The commit with its numstat when git can read it alone, else nil.
        func readAlone(_ hash: String) throws -> ParsedCommit? {
            var parser = GitLogParser()
            var result: ParsedCommit?
            let (status, _) = try git.stream(GitLogReader.logOptions + ["--no-walk", hash, "--"], separator: 0) {
                record in
                if let done = parser.feed(record) { result = done }
            }
            guard status == 0 else { return nil }
            return parser.finish() ?? result
        }

        /// The header (no diff: only the commit object is read) of one commit.
        func header(of hash: String) throws -> ParsedCommit? {
            var parser = GitLogParser()
            let arguments = [
                "-c", "log.showSignature=false", "log", "-z", "--no-color", "--no-walk",
                "--format=" + GitLogParser.format, hash, "--",
            ]
            let (status, _) = try git.stream(arguments, separator: 0) { record in _ = parser.feed(record) }
            guard status == 0 else { return nil }
            return parser.finish()
        }
    }
}
