import Foundation

/// What `git status --porcelain=v2 --branch -z` says about one worktree: its branch and
/// its uncommitted changes (git-status(1), "Porcelain Format Version 2").
///
/// Records are NUL-terminated: `# branch.oid <hash>`, `# branch.head <name>` (`(detached)`),
/// then one per changed path — `1 XY … <path>` (changed), `2 XY … <path>` followed by a
/// record with the original path (renamed or copied), `u XY … <path>` (unmerged),
/// `? <path>` (untracked); `! <path>` (ignored) is not asked for.
struct WorktreeStatus: Sendable, Equatable {
    /// The checked-out branch's short name; nil when HEAD is detached.
    var branch: String?
    /// The commit checked out; nil in a repository without commits.
    var head: String?
    /// Changed, renamed, unmerged and untracked paths: the seed's `uncommitted_changes`.
    var changes: Int
    /// The paths of those changes, relative to the worktree (the first `pathLimit`).
    var paths: [String]

    /// The most paths kept (and later stat'ed) per worktree.
    static let pathLimit = 2_000

    /// Parses git's output.
    static func parse(_ output: Data) -> WorktreeStatus {
        var status = WorktreeStatus(branch: nil, head: nil, changes: 0, paths: [])
        var skipOriginalPath = false
        for field in output.split(separator: 0) {
            if skipOriginalPath {
                skipOriginalPath = false
                continue
            }
            let record = String(decoding: field, as: UTF8.self)
            if record.hasPrefix("# branch.oid ") {
                let oid = String(record.dropFirst("# branch.oid ".count))
                status.head = oid == "(initial)" ? nil : oid
            } else if record.hasPrefix("# branch.head ") {
                let head = String(record.dropFirst("# branch.head ".count))
                status.branch = head == "(detached)" ? nil : head
            } else if let kind = record.first, let fieldCount = Self.fieldsBeforePath[kind] {
                status.changes += 1
                skipOriginalPath = kind == "2"
                let parts = record.split(separator: " ", maxSplits: fieldCount, omittingEmptySubsequences: false)
                if parts.count == fieldCount + 1, status.paths.count < pathLimit {
                    status.paths.append(String(parts[fieldCount]))
                }
            }
        }
        return status
    }

    /// Space-separated fields before the path, per record kind.
    private static let fieldsBeforePath: [Character: Int] = ["1": 8, "2": 9, "u": 10, "?": 1]
}

extension WorktreeStatus {
    /// Runs `git status` in `worktree` within `timeout` seconds; the reason when it failed.
    static func read(worktree: String, git: String, environment: [String: String], timeout: Double) -> Result<
        WorktreeStatus, CollectorProblem
    > {
        let outcome: ProcessRunner.Outcome
        do {
            outcome = try ProcessRunner.run(
                git,
                [
                    "-C", worktree, "--no-optional-locks", "status", "--porcelain=v2", "--branch", "-z",
                    "--untracked-files=normal",
                ],
                environment: environment, timeout: timeout, outputLimit: 64 << 20)
        } catch {
            return .failure(CollectorProblem("cannot run git status: \(error)"))
        }
        if outcome.timedOut {
            return .failure(CollectorProblem("git status did not finish within \(JSONLine.seconds(timeout))"))
        }
        guard outcome.status == 0 else {
            return .failure(CollectorProblem("git status failed: \(outcome.firstErrorLine)"))
        }
        return .success(parse(outcome.output))
    }

    /// The newest modification time (seconds since 1970) of the changed paths that still
    /// exist, or of the folder of one that was deleted; nil when none can be seen.
    func newestChange(in worktree: String) -> Double? {
        var newest: Double?
        for path in paths {
            var full = (worktree as NSString).appendingPathComponent(path)
            if full.hasSuffix("/") { full.removeLast() }
            var info = stat()
            if lstat(full, &info) != 0 {
                // Deleted: its folder changed when it went.
                guard lstat((full as NSString).deletingLastPathComponent, &info) == 0 else { continue }
            }
            let time = Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9
            if newest.map({ time > $0 }) ?? true { newest = time }
        }
        return newest
    }
}

/// Something one sample could not see, said in the line's `details`.
struct CollectorProblem: Error, Sendable, Equatable, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
