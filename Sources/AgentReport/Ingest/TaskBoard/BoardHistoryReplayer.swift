import Foundation
import GRDB

/// Replays the git history of a task board (DESIGN §3.2, "History from git").
///
/// The commits of the configured refs that changed the board are taken once each, in
/// committer-time order. A task *changed in* a commit when its version there differs from
/// its version in every parent (so a merge repeats nothing its parents had); a change
/// becomes an event only when it differs from the team-wide latest state, which it then
/// updates (so a board copied to another branch by a sync script repeats no event).
struct BoardHistoryReplayer {
    /// One commit that touched the board.
    struct Commit {
        var hash: String
        var time: Int64
        var parents: [String]
        /// The author's name and e-mail, `.mailmap` applied (`%aN`, `%aE`).
        var authorName: String
        var authorEmail: String
        /// The whole message (for trailers).
        var message: String
        /// The tip git reached it through (`--source`).
        var source: String
    }

    let repository: CoordinationRepository
    /// The repository's key in the database (`RepositoryIdentity`): what the replayed
    /// commits are remembered under, so that moving the workspace replays nothing again.
    var repositoryKey: String
    /// Whether some replayed ref still has the board at its tip: then a commit that deletes
    /// the board file (a clean-up on `main`) removes no task — the board lives on elsewhere.
    var boardOnSomeTip = false
    /// The board's path inside the repository.
    let boardPath: String
    /// The board as shown in diagnostics and stored in `tasks.board`.
    let display: String
    /// The attribution service: names a commit's agent as git ingest does.
    let attribution: AgentAttribution
    /// The refs replayed (configured refs and worktree HEADs, as git ingest reads them).
    let refs: [GitRef]
    /// The agent git ingest stored for each commit (when it did): one answer for a commit
    /// and the board events it wrote.
    var storedAgent: (String) throws -> String?
    var cache = BoardVersionCache()
    /// Commits whose blob ids are asked for at once.
    static let blobBatch = 2_000
    /// The version (memo token and sprint) of each task row this run last wrote.
    var written: [String: (token: Int, sprintId: String?)] = [:]
    /// Commits whose board version cannot be known (a tree on the way to it is unreadable):
    /// replayed as nothing, and not remembered as replayed, so a run after the objects came
    /// back replays them.
    var unreadableVersions: Set<String> = []
    /// Branch claims over `refs`, computed the first time a commit needs its branch.
    private var claims: BranchClaims?

    /// A replayer of the board at `boardPath` in `repository`, over `refs`.
    init(
        repository: CoordinationRepository, boardPath: String, display: String, attribution: AgentAttribution,
        refs: [GitRef], storedAgent: @escaping (String) throws -> String? = { _ in nil }
    ) {
        self.repository = repository
        repositoryKey = repository.configuredPath
        self.boardPath = boardPath
        self.display = display
        self.attribution = attribution
        self.refs = refs
        self.storedAgent = storedAgent
    }

    /// The commits reachable from `refs` that changed the board, committer-time order. When
    /// git cannot read a tree on the way (a damaged or partial clone), they are listed the
    /// careful way (`commitsCarefully`), and `diagnostics` says so.
    mutating func commits(diagnostics: inout [Diagnostic]) throws -> [Commit] {
        let tips = Array(Set(refs.map(\.tip))).sorted()
        guard !tips.isEmpty else { return [] }
        var commits: [Commit] = []
        let (status, stderr) = try repository.git.stream(
            [
                "-c", "log.showSignature=false", "log", "-z", "--full-history", "--topo-order", "--reverse",
                "--no-color", "--source",
                Self.commitFormat,
            ]
                + tips + ["--", ":(literal)" + boardPath], separator: 0
        ) { record in
            if let commit = commit(from: record, keepingSource: true) { commits.append(commit) }
        }
        if status != 0 {
            let reason = stderr.split(separator: "\n").first.map(String.init) ?? "git log failed"
            diagnostics.append(
                Diagnostic(
                    .warning, file: display,
                    "git cannot follow the board through the history (\(reason)); its versions were listed from the commit graph instead, and versions whose trees are unreadable are skipped",
                    hint: "fetch the missing objects or repair the clone"))
            commits = try commitsCarefully(tips: tips)
        }
        // Stable: parents stay before children among commits with the same committer time.
        return commits.enumerated().sorted { a, b in
            a.element.time != b.element.time ? a.element.time < b.element.time : a.offset < b.offset
        }.map(\.element)
    }

    /// The board's commits without `git log -- <path>` (which dies at the first tree it cannot
    /// read): the commit graph from `rev-list` (commits only), the board's blob in every
    /// commit from one `cat-file --batch-check`, the commits whose blob differs from a
    /// parent's, then their headers. A commit that seems to delete the board is looked at
    /// with `ls-tree`: when its tree cannot be read, its version is unknown, not deleted
    /// (`unreadableVersions`).
    mutating func commitsCarefully(tips: [String]) throws -> [Commit] {
        var graph: [(hash: String, parents: [String])] = []
        let listing: (ArraySlice<UInt8>) throws -> Void = { line in
            let hashes = line.split(separator: 0x20).map { String(decoding: $0, as: UTF8.self) }
            if let first = hashes.first { graph.append((first, Array(hashes.dropFirst()))) }
        }
        _ = try repository.git.stream(
            ["rev-list", "--topo-order", "--reverse", "--parents"] + tips + ["--"], onLine: listing)
        let blobs = try repository.blobIds(graph.map { "\($0.hash):\(boardPath)" })
        func blob(_ hash: String) -> String? { blobs["\(hash):\(boardPath)"] }
        var changed: [String] = []
        for commit in graph {
            let own = blob(commit.hash)
            let parents = commit.parents.map(blob)
            guard parents.isEmpty ? own != nil : parents.contains(where: { $0 != own }) else { continue }
            if own == nil {
                // Deleted, or a tree on the way that cannot be read?
                let (status, _) = try repository.git.stream(
                    ["ls-tree", "--name-only", commit.hash, "--", boardPath], onLine: { _ in })
                if status != 0 { unreadableVersions.insert(commit.hash) }
            }
            changed.append(commit.hash)
        }
        guard !changed.isEmpty else { return [] }
        var commits: [Commit] = []
        let input = Data((changed.joined(separator: "\n") + "\n").utf8)
        _ = try repository.git.stream(
            [
                "-c", "log.showSignature=false", "log", "-z", "--no-walk=unsorted", "--stdin", "--no-color",
                Self.commitFormat, "--",
            ], input: input, separator: 0
        ) { record in
            if let commit = commit(from: record, keepingSource: false) { commits.append(commit) }
        }
        return commits
    }

    /// The agent of a board commit: what git ingest stored for it, else the attribution
    /// service on the same facts git ingest gives it (mailmapped author, message, claimed
    /// branch, worktree); nil when it is `unattributed`.
    mutating func agent(of commit: Commit) throws -> String? {
        if let stored = try storedAgent(commit.hash) {
            return stored == AgentAttribution.unattributed ? nil : stored
        }
        var facts = CommitFacts(
            authorName: commit.authorName, authorEmail: commit.authorEmail, message: commit.message, branch: nil)
        var answer = attribution.attribute(facts)
        // Only an author rule answers before the branch is looked at: claims are walked only
        // when a commit needs them (git ingest usually stored the answer already).
        if answer.rule != .configAuthor {
            if claims == nil {
                claims = try BranchClaims(
                    git: repository.git, refs: refs, isAgentRef: { attribution.attribution(for: $0) != nil },
                    alreadyRead: [])
            }
            let ref = claims?.branch(of: commit.hash, foundOn: commit.source)
            facts.branch = ref?.attributionBranch
            facts.worktree = ref?.worktree
            answer = attribution.attribute(facts)
        }
        return answer.isAgent ? answer.agent : nil
    }

    /// Replays `commits` not yet in `replayed` into the database, updating `latest`;
    /// returns the number of events written and the agents the board versions named.
    ///
    /// `progress` is told how many of the commits to replay are done, after each slice.
    mutating func replay(
        _ commits: [Commit], skipping replayed: Set<String>, latest: inout [String: TaskState],
        now: Int64, diagnostics: inout [Diagnostic], in db: Database,
        progress: (_ done: Int, _ of: Int) -> Void = { _, _ in }
    ) throws -> (events: Int, agents: [String: String?]) {
        let pending = commits.filter { !replayed.contains($0.hash) }
        guard !pending.isEmpty else { return (0, [:]) }
        var total = 0
        var agents: [String: String?] = [:]
        // Blob ids are asked for a slice of commits at a time: a year of history is tens of
        // thousands of commits, and their ids need not all be held at once.
        var start = 0
        while start < pending.count {
            let slice = pending[start..<min(start + Self.blobBatch, pending.count)]
            start = slice.endIndex
            var specs: [String] = []
            for commit in slice {
                specs.append("\(commit.hash):\(boardPath)")
                specs += commit.parents.map { "\($0):\(boardPath)" }
            }
            let blobs = try repository.blobIds(specs)
            for commit in slice where !unreadableVersions.contains(commit.hash) {
                let count = try replay(
                    commit, blobs: blobs, latest: &latest, agents: &agents, diagnostics: &diagnostics, in: db)
                try ReportStore.recordReplayedBoardCommit(
                    repository: repositoryKey, boardPath: boardPath, commit: commit.hash, committerTime: commit.time,
                    events: count, at: now, in: db)
                total += count
            }
            progress(start, pending.count)
        }
        return (total, agents)
    }

    /// Replays one commit; returns its number of events.
    private mutating func replay(
        _ commit: Commit, blobs: [String: String], latest: inout [String: TaskState],
        agents: inout [String: String?], diagnostics: inout [Diagnostic], in db: Database
    ) throws -> Int {
        let blob = blobs["\(commit.hash):\(boardPath)"]
        let parentBlobs = commit.parents.map { blobs["\($0):\(boardPath)"] }
        // The same file as a parent: nothing in it can differ from every parent.
        if !commit.parents.isEmpty, parentBlobs.contains(where: { $0 == blob }) { return 0 }
        // The file deleted while another ref's tip still has the board: a clean-up on one
        // branch, not the end of the team's tasks.
        if blob == nil, boardOnSomeTip { return 0 }
        let label = "\(display)@\(commit.hash.prefix(7))"
        var current: BoardVersionCache.Version?
        if let blob {
            guard let version = try cache.version(of: blob, label: label, in: repository, diagnostics: &diagnostics)
            else {
                return 0  // an unreadable version says nothing about its tasks
            }
            current = version
        }
        // Parents whose version could not be read are left out of the comparison.
        var parents: [BoardVersionCache.Version] = []
        for parentBlob in parentBlobs {
            guard let parentBlob else {
                parents.append(.empty)
                continue
            }
            var ignored: [Diagnostic] = []
            if let version = try cache.version(of: parentBlob, label: label, in: repository, diagnostics: &ignored) {
                parents.append(version)
            }
        }
        let snapshot = current?.snapshot
        let changedBy = try snapshot?.updatedBy.flatMap { attribution.agentId(forName: $0) } ?? agent(of: commit)
        let observed = BoardObservation(time: commit.time, changedBy: changedBy, commit: commit.hash, file: display)
        var events: [TaskEvent] = []
        var upserts: [BoardTask] = []
        for (index, task) in (snapshot?.tasks ?? []).enumerated() {
            let token = current?.tokens[index] ?? 0
            if parents.contains(where: { $0.has(task, token: token) }) { continue }
            let changes = TaskBoardDiffer.changes(from: latest[task.id], to: task, observed: observed)
            events += changes
            latest[task.id] = TaskState(task, board: display)
            // A sync commit repeats task versions another branch already wrote: the row
            // holds exactly this version (same bytes, same sprint) unless an event changes it.
            if changes.isEmpty, token != 0, let last = written[task.id], last.token == token,
                last.sprintId == snapshot?.sprintId
            {
                continue
            }
            upserts.append(task)
            written[task.id] = (token, snapshot?.sprintId)
        }
        if let first = parents.first, current?.snapshot.complete != false {
            // Tasks every parent had and this version lacks, in id order (not when some of
            // this version's tasks could not be read: the missing ones may be among them).
            let present = current ?? .empty
            let gone = first.snapshot.tasks.map(\.id).filter { id in
                !present.contains(id) && parents.allSatisfy { $0.contains(id) }
            }
            for id in gone.sorted() {
                guard let old = latest[id], !old.removed, old.board == nil || old.board == display else { continue }
                events.append(TaskBoardDiffer.removal(of: old, observed: observed))
                latest[id]?.removed = true
                written[id] = nil
            }
        }
        try ReportStore.record(
            events, tasks: upserts, board: display, sprintId: snapshot?.sprintId, observed: observed, in: db)
        for (id, name) in snapshot?.agents ?? [:] { agents[id] = name }
        for task in upserts { if let id = task.assignedTo, agents[id] == nil { agents[id] = .some(nil) } }
        return events.count
    }

    /// The `git log` format both commit listings use: hash, committer time, parents, author
    /// name and e-mail (mailmapped), the ref it was reached from, message; fields separated by
    /// 0x1F, records by NUL (`-z`).
    static let commitFormat = "--format=%H%x1f%ct%x1f%P%x1f%aN%x1f%aE%x1f%S%x1f%B"

    /// One record of `commitFormat`; nil when it is not one, or its time cannot be read even
    /// from the commit object. `keepingSource`: whether `%S` names a ref (a walk from tips).
    func commit(from record: ArraySlice<UInt8>, keepingSource: Bool) -> Commit? {
        let fields = record.split(separator: 0x1F, maxSplits: 6, omittingEmptySubsequences: false)
        guard fields.count == 7 else { return nil }
        func text(_ index: Int) -> String { String(decoding: fields[index], as: UTF8.self) }
        let hash = text(0)
        guard let time = Int64(text(1)) ?? repository.git.committerTime(of: hash) else { return nil }
        return Commit(
            hash: hash, time: time, parents: text(2).split(separator: " ").map(String.init),
            authorName: text(3), authorEmail: text(4), message: text(6), source: keepingSource ? text(5) : "")
    }
}
