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
        var email: String
        var trailers: [String: String]
    }

    let repository: CoordinationRepository
    /// The board's path inside the repository.
    let boardPath: String
    /// The board as shown in diagnostics and stored in `tasks.board`.
    let display: String
    let resolver: AgentResolver
    var cache = BoardVersionCache()
    /// Commits whose blob ids are asked for at once.
    static let blobBatch = 2_000
    /// The version (memo token and sprint) of each task row this run last wrote.
    var written: [String: (token: Int, sprintId: String?)] = [:]

    /// The commits reachable from `tips` that changed the board, committer-time order.
    func commits(from tips: [String]) throws -> [Commit] {
        guard !tips.isEmpty else { return [] }
        var commits: [Commit] = []
        let (status, stderr) = try repository.git.stream(
            ["log", "--full-history", "--topo-order", "--reverse", "--no-color",
             "--format=%H%x1f%ct%x1f%P%x1f%ae%x1f%(trailers:only,unfold,separator=%x1d)"]
                + Array(Set(tips)).sorted() + ["--", ":(literal)" + boardPath]
        ) { line in
            let fields = String(decoding: line, as: UTF8.self).split(separator: "\u{1f}", omittingEmptySubsequences: false)
            guard fields.count >= 4, let time = Int64(fields[1]) else { return }
            var trailers: [String: String] = [:]
            if fields.count > 4 {
                for trailer in fields[4].split(separator: "\u{1d}") {
                    let parts = trailer.split(separator: ":", maxSplits: 1)
                    if parts.count == 2 { trailers[parts[0].trimmingCharacters(in: .whitespaces)] = parts[1].trimmingCharacters(in: .whitespaces) }
                }
            }
            commits.append(Commit(
                hash: String(fields[0]), time: time, parents: fields[2].split(separator: " ").map(String.init),
                email: String(fields[3]), trailers: trailers))
        }
        guard status == 0 else {
            throw GitError.failed(arguments: ["log"], status: status, stderr: stderr)
        }
        // Stable: parents stay before children among commits with the same committer time.
        return commits.enumerated().sorted { a, b in
            a.element.time != b.element.time ? a.element.time < b.element.time : a.offset < b.offset
        }.map(\.element)
    }

    /// Replays `commits` not yet in `replayed` into the database, updating `latest`;
    /// returns the number of events written and the agents the board versions named.
    mutating func replay(
        _ commits: [Commit], skipping replayed: Set<String>, latest: inout [String: TaskState],
        now: Int64, diagnostics: inout [Diagnostic], in db: Database
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
            for commit in slice {
                let count = try replay(commit, blobs: blobs, latest: &latest, agents: &agents, diagnostics: &diagnostics, in: db)
                try ReportStore.recordReplayedBoardCommit(
                    repository: repository.path, boardPath: boardPath, commit: commit.hash, committerTime: commit.time,
                    events: count, at: now, in: db)
                total += count
            }
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
        let label = "\(display)@\(commit.hash.prefix(7))"
        var current: BoardVersionCache.Version?
        if let blob {
            guard let version = try cache.version(of: blob, label: label, in: repository, diagnostics: &diagnostics) else {
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
        let agent = resolver.agentId(forAuthorEmail: commit.email, trailers: commit.trailers)
        let snapshot = current?.snapshot
        let observed = BoardObservation(
            time: commit.time, changedBy: snapshot?.updatedBy ?? agent, commit: commit.hash, file: display)
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
            if changes.isEmpty, token != 0, let last = written[task.id], last.token == token, last.sprintId == snapshot?.sprintId {
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
        try ReportStore.record(events, tasks: upserts, board: display, sprintId: snapshot?.sprintId, observed: observed, in: db)
        for (id, name) in snapshot?.agents ?? [:] { agents[id] = name }
        for task in upserts { if let id = task.assignedTo, agents[id] == nil { agents[id] = .some(nil) } }
        return events.count
    }
}
