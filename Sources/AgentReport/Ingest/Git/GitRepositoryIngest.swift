import Foundation
import GRDB

/// Ingests one configured repository, inside the git source's transaction: checks it, lists
/// its refs and worktree HEADs, reads only what is new since the tips stored last time, and
/// stores the commits.
struct GitRepositoryIngest {
    /// What one repository gave.
    struct Result {
        /// Commits stored for the first time.
        var newCommits = 0
        /// Whether the repository could be read at all.
        var readable = true
        /// The first and last commit time of each agent with new commits.
        var agents: [String: (first: Int64, last: Int64)] = [:]
    }

    /// The repository as configured.
    let repository: ReportConfig.Repository
    /// Its key in the database (see `RepositoryIdentity`).
    let key: String
    /// Whether it is the default `.` repository (not being one is then only a warning).
    let isDefault: Bool
    /// The run: config, "now", diagnostics, console.
    let context: RunContext
    /// git, run in the repository.
    let git: GitProcess
    /// `exclude.paths` and `exclude.authors`.
    let exclusions: ExclusionRules
    /// Finds the task ids commits link to.
    let taskIds: TaskIdScanner
    /// The attribution service, which knows the repository's worktrees.
    let attribution: AgentAttribution

    /// Reads the repository into `db`.
    func run(in db: Database) throws -> Result {
        var result = Result()
        guard let probe = try probe() else {
            result.readable = false
            return result
        }
        let worktrees = attribution.worktrees.filter { $0.repository == repository.path }
        let selection = try RefSelection.select(
            git: git, patterns: repository.refs, worktrees: worktrees, attribution: attribution)
        reportSelection(selection)
        let refs = selection.refs
        let stored = try ReportStore.gitRefTips(of: key, in: db)
        let current = Set(refs.map(\.name))
        for ref in stored.keys.sorted() where !current.contains(ref) {
            if GitRef(name: ref, tip: "").isHead {
                report(.note, "\(ref) is gone (its worktree was removed); its commits stay in the database")
            } else {
                report(
                    .warning,
                    "ref \(ref) has vanished since the last run (deleted or renamed); its commits stay in the database")
            }
            try ReportStore.deleteGitRef(ref, repository: key, in: db)
        }
        guard !refs.isEmpty else {
            report(
                .warning,
                selection.hasAnyRef
                    ? "no ref matches \(repository.refs.joined(separator: ", ")) and there is no HEAD to read"
                    : "empty repository: no commits yet, nothing to read",
                hint: selection.hasAnyRef ? "check repositories[].refs in agentreport.json" : nil)
            return result
        }
        let changed = refs.filter { stored[$0.name] != $0.tip }
        guard !changed.isEmpty else { return result }
        let alreadyRead = try existingCommits(Array(Set(stored.values)).sorted())
        try reportRewrites(changed, stored: stored, existing: Set(alreadyRead))
        var tips: [String] = []
        for ref in changed where !tips.contains(ref.tip) { tips.append(ref.tip) }
        let revisions = tips + (alreadyRead.isEmpty ? [] : ["--not"] + alreadyRead)
        var writer = GitCommitWriter(
            repository: key, now: context.now, exclusions: exclusions, taskIds: taskIds,
            shallowBoundary: probe.shallowBoundary)
        let total = (try? git.text(["rev-list", "--count"] + revisions + ["--"])).flatMap { Int($0) }
        var reader = GitLogReader(git: git, revisions: revisions, commitCount: total)
        // The second git worker diffs while the first-parent lines are walked.
        try reader.startSecondWorker()
        let started = Date()
        let claims = try BranchClaims(
            git: git, refs: refs, isAgentRef: { attribution.attribution(for: $0) != nil }, alreadyRead: alreadyRead)
        let claimed = Date()
        var seen = 0
        var unreadable: (hashes: [String], reason: String?) = ([], nil)
        let outcome = try reader.read(
            onCommit: { commit, unknown in
                try writer.write(commit, linesUnknown: unknown, claims: claims, attribution: attribution, in: db)
                seen += 1
                if seen % 2000 == 0 {
                    context.console.progress(
                        "ingest git \(repository.path): \(seen)\(total.map { "/\($0)" } ?? "") commits")
                }
            },
            onUnreadable: { commit, reason in
                unreadable.hashes.append(commit.hash)
                if unreadable.reason == nil { unreadable.reason = reason }
            })
        context.console.endProgress()
        context.console.detail(
            String(
                format: "      %@: %d refs (%d changed), branch claims %.2f s, %d commits read in %.2f s",
                repository.path, refs.count,
                changed.count, claimed.timeIntervalSince(started), seen, Date().timeIntervalSince(claimed)))
        try writer.flushExclusions(in: db)
        reportUnreadable(unreadable.hashes, reason: unreadable.reason)
        reportTimes(writer)
        result.newCommits = writer.newCommits
        result.agents = writer.agents
        if case .walkFailed(let reason) = outcome {
            // Tips stay as they were, so the next run tries again from the same place.
            report(
                .error,
                "a commit object is missing, so git cannot list the commits behind it (\(reason)); \(writer.newCommits) commits stored, the rest are read once the object is back",
                hint: "run `git fsck` in the repository, or fetch again")
            return result
        }
        for ref in refs {
            try ReportStore.saveGitRef(
                ref, agent: attribution.attribution(for: ref)?.agent, repository: key, at: context.now, in: db)
        }
        return result
    }
}

private extension GitRepositoryIngest {
    /// What `rev-parse` says about the repository; nil (with a diagnostic) when it is none.
    func probe() throws -> (shallowBoundary: Set<String>, Void)? {
        let answer: String
        do {
            answer = try git.text(["rev-parse", "--is-shallow-repository", "--git-path", "shallow"])
        } catch let error as GitError {
            var reason = "\(error)"
            if case .failed(_, _, let stderr) = error {
                reason = stderr.split(separator: "\n").first.map(String.init) ?? reason
            }
            report(
                isDefault ? .warning : .error, "not a git repository (\(reason)); its history is skipped",
                hint: isDefault
                    ? "add `repositories` to agentreport.json to read agent branches"
                    : "fix repositories[].path in agentreport.json")
            return nil
        }
        let lines = answer.split(separator: "\n").map(String.init)
        guard lines.first == "true", lines.count > 1 else { return ([], ()) }
        let file = lines[1].hasPrefix("/") ? lines[1] : (git.repository as NSString).appendingPathComponent(lines[1])
        let data = (try? InputFile.read(file, limit: InputFile.Limit.gitMetadata)) ?? Data()
        let boundary = Set(String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init))
        report(
            .warning,
            "shallow clone: history before \(boundary.count) boundary commit(s) is missing and their line counts are unknown",
            hint: "run `git fetch --unshallow` in it to read the whole history")
        return (boundary, ())
    }

    /// Says what was read instead of configured refs, and which agent branches are left out.
    func reportSelection(_ selection: RefSelection) {
        let patterns = repository.refs.joined(separator: ", ")
        if selection.configuredMatches == 0, !selection.refs.isEmpty {
            let heads = selection.refs.map { ref in
                ref.isHead ? "\(ref.name) (detached at \(ref.tip.prefix(12)))" : ref.name
            }
            report(
                .warning, "no ref matches \(patterns); reading \(heads.joined(separator: ", ")) instead",
                hint: selection.unreadAgentBranches.isEmpty ? "check repositories[].refs in agentreport.json" : nil)
        }
        guard !selection.unreadAgentBranches.isEmpty else { return }
        let names = selection.unreadAgentBranches.map(\.name)
        let remotes = Set(
            names.compactMap { name -> String? in
                let parts = name.split(separator: "/", maxSplits: 3)
                return parts.count >= 3 ? "refs/remotes/\(parts[2])/*" : nil
            }
        ).sorted()
        report(
            .warning,
            "agent branches exist only as remote-tracking refs, which \(patterns) leaves out: \(Self.list(names))",
            hint:
                "add \(remotes.map { "\"\($0)\"" }.joined(separator: ", ")) to repositories[].refs in agentreport.json")
    }

    /// One diagnostic for every commit whose diff git could not compute (an input problem:
    /// exit code 3), naming the first few.
    func reportUnreadable(_ hashes: [String], reason: String?) {
        guard !hashes.isEmpty else { return }
        let noun = hashes.count == 1 ? "commit" : "commits"
        report(
            .error,
            "git cannot read the objects of \(hashes.count) \(noun) (\(reason ?? "unknown reason")): stored with unknown line counts, every other commit is read; \(Self.list(hashes.map { String($0.prefix(12)) }))",
            hint: "the next run reads them again; fetch the missing objects or repair the clone")
    }

    /// Warns once about commits dated after "now" and commits outside the years 0001–9999.
    func reportTimes(_ writer: GitCommitWriter) {
        if writer.future.count > 0 {
            let examples = writer.future.examples.map { "\($0.hash.prefix(12)) at \(UTCTime.formatISO($0.time))" }
            report(
                .warning,
                "\(writer.future.count) commit\(writer.future.count == 1 ? " is" : "s are") dated after now (\(UTCTime.formatISO(context.now))): stored, but counted in no window that ends now; \(Self.list(examples, total: writer.future.count))",
                hint: "a wrong clock where they were made, or a wrong --now")
        }
        if !writer.outOfRange.isEmpty {
            report(
                .warning,
                "\(writer.outOfRange.count) commit(s) dated outside the years 0001–9999 are stored at the nearest of those bounds: \(Self.list(writer.outOfRange.map { String($0.prefix(12)) }))"
            )
        }
    }

    /// The first few items, and how many more.
    static func list(_ items: [String], total: Int? = nil) -> String {
        let total = total ?? items.count
        let shown = items.prefix(5).joined(separator: ", ")
        return total > 5 ? "\(shown) and \(total - 5) more" : shown
    }

    /// The stored tips git still has (a tip dropped by a force-push may be garbage-collected).
    func existingCommits(_ tips: [String]) throws -> [String] {
        guard !tips.isEmpty else { return [] }
        let output = try git.run(
            ["cat-file", "--batch-check"], input: Data((tips.joined(separator: "\n") + "\n").utf8))
        return String(decoding: output, as: UTF8.self).split(separator: "\n").compactMap { line in
            let fields = line.split(separator: " ")
            return fields.count >= 2 && fields[1] == "commit" ? String(fields[0]) : nil
        }
    }

    /// Notes refs whose old tip is not an ancestor of the new one: they are read again from
    /// their new tip (stored commits stay single: the hash is unique).
    func reportRewrites(_ changed: [GitRef], stored: [String: String], existing: Set<String>) throws {
        for ref in changed {
            guard let old = stored[ref.name] else { continue }
            if !existing.contains(old) {
                report(
                    .note, "ref \(ref.name): its previous tip \(old.prefix(12)) no longer exists; rescanning the ref")
            } else if try git.status(["merge-base", "--is-ancestor", old, ref.tip]) != 0 {
                report(.note, "ref \(ref.name) was rewritten since the last run (force-push or rebase); rescanning it")
            }
        }
    }

    func report(_ severity: Diagnostic.Severity, _ message: String, hint: String? = nil) {
        context.diagnostics.report(Diagnostic(severity, file: repository.path, message, hint: hint))
    }
}
