import Foundation
import GRDB

/// Ingests one configured repository, inside the git source's transaction: checks it,
/// settles its identity, lists its refs and worktree HEADs, reads only what is new since the
/// tips stored last time, retries what was unreadable once the object store changed, and
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

    /// What `rev-parse` said about the repository.
    struct Probe {
        /// Whether it is a shallow clone.
        var isShallow = false
        /// The boundary commits of a shallow clone (its `shallow` file).
        var shallowBoundary: Set<String> = []
    }

    /// The repository as configured.
    let repository: ReportConfig.Repository
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
        let key = try RepositoryIdentity.key(
            for: repository, git: git, isShallow: probe.isShallow, tips: Set(refs.map(\.tip)), config: context.config,
            now: context.now, in: db)
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
        var writer = GitCommitWriter(
            repository: key, now: context.now, exclusions: exclusions, taskIds: taskIds,
            shallowBoundary: probe.shallowBoundary)
        writer.unknownLines = Set(try ReportStore.commitsWithUnknownLines(of: key, in: db))
        var unreadable = Unreadable()
        var outcome = GitLogReader.Outcome.complete
        let changed = refs.filter { stored[$0.name] != $0.tip }
        if !changed.isEmpty {
            outcome = try readNew(
                changed: changed, refs: refs, stored: stored, writer: &writer, unreadable: &unreadable, in: db)
        }
        try retry(probe: probe, key: key, refs: refs, writer: &writer, unreadable: &unreadable, in: db)
        try writer.flushExclusions(in: db)
        reportUnreadable(unreadable)
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
        for ref in changed {
            try ReportStore.saveGitRef(
                ref, agent: attribution.attribution(for: ref)?.agent, repository: key, at: context.now, in: db)
        }
        return result
    }
}

private extension GitRepositoryIngest {
    /// Commits git could not read the objects of, and git's first reason.
    struct Unreadable {
        var hashes: [String] = []
        var reason: String?
    }

    /// Reads the commits reachable from the changed refs and from no tip stored before.
    func readNew(
        changed: [GitRef], refs: [GitRef], stored: [String: String], writer: inout GitCommitWriter,
        unreadable: inout Unreadable, in db: Database
    ) throws -> GitLogReader.Outcome {
        let alreadyRead = try existingCommits(Array(Set(stored.values)).sorted())
        try reportRewrites(changed, stored: stored, existing: Set(alreadyRead))
        var tips: [String] = []
        for ref in changed where !tips.contains(ref.tip) { tips.append(ref.tip) }
        let revisions = tips + (alreadyRead.isEmpty ? [] : ["--not"] + alreadyRead)
        let total = (try? git.text(["rev-list", "--count"] + revisions + ["--"])).flatMap { Int($0) }
        var reader = GitLogReader(git: git, revisions: revisions, commitCount: total)
        // The second git worker diffs while the first-parent lines are walked.
        try reader.startSecondWorker()
        let started = Date()
        let claims = try BranchClaims(
            git: git, refs: refs, isAgentRef: { attribution.attribution(for: $0) != nil }, alreadyRead: alreadyRead)
        let claimed = Date()
        let (outcome, seen) = try read(
            &reader, claims: claims, total: total, writer: &writer, unreadable: &unreadable, in: db)
        context.console.detail(
            String(
                format: "      %@: %d refs (%d changed), branch claims %.2f s, %d commits read in %.2f s",
                repository.path,
                refs.count, changed.count, claimed.timeIntervalSince(started), seen, Date().timeIntervalSince(claimed)))
        return outcome
    }

    /// Runs a reader into the writer; returns its outcome and how many commits it gave.
    func read(
        _ reader: inout GitLogReader, claims: BranchClaims, total: Int?, writer: inout GitCommitWriter,
        unreadable: inout Unreadable, in db: Database
    ) throws -> (GitLogReader.Outcome, Int) {
        var seen = 0
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
        return (outcome, seen)
    }

    /// Reads again what was unreadable, once the object store changed since the last try
    /// (DESIGN §3.5, "Faults"): after `git fetch --unshallow` (or `--deepen`) the commits
    /// below the old boundary, and every stored commit whose lines were unknown and that is
    /// no boundary commit now. An unchanged store costs nothing but, when something is still
    /// unknown, one `git count-objects`.
    func retry(
        probe: Probe, key: String, refs: [GitRef], writer: inout GitCommitWriter, unreadable: inout Unreadable,
        in db: Database
    ) throws {
        let row = try ReportStore.repositoryRows(in: db).first { $0.key == key }
        let remembered = Set(row?.shallowCommits ?? [])
        // Nothing unknown and no boundary, now or before: nothing to remember or retry.
        guard
            !writer.unknownLines.isEmpty || writer.storedUnknown > 0 || !remembered.isEmpty
                || !probe.shallowBoundary.isEmpty
        else { return }
        let fingerprint = try objectsFingerprint(probe)
        guard fingerprint != row?.objectsFingerprint else { return }
        defer {
            try? ReportStore.saveObjectState(
                of: key, shallowCommits: Array(probe.shallowBoundary), fingerprint: fingerprint, in: db)
        }
        // First look at this store: what this run found unknown is not retried at once; what
        // earlier runs (or an older version) left unknown is.
        guard row?.objectsFingerprint != nil || !writer.unknownLines.isEmpty else { return }
        // Deepened: the commits below the old boundary are new history.
        let deepened = remembered.subtracting(probe.shallowBoundary).sorted()
        if !deepened.isEmpty {
            let parents = try git.text(["log", "--no-walk", "--format=%P"] + deepened + ["--"])
                .split(whereSeparator: { $0 == "\n" || $0 == " " }).map(String.init)
            let below = Array(Set(parents)).sorted()
            if !below.isEmpty {
                report(.note, "the clone was deepened: reading the history below its old boundary")
                let claims = try BranchClaims(
                    git: git, refs: refs, isAgentRef: { attribution.attribution(for: $0) != nil }, alreadyRead: [])
                var reader = GitLogReader(git: git, revisions: below)
                _ = try read(&reader, claims: claims, total: nil, writer: &writer, unreadable: &unreadable, in: db)
            }
        }
        // Stored commits whose lines were unknown: read them again, alone.
        let again = writer.unknownLines.subtracting(probe.shallowBoundary).sorted()
        if !again.isEmpty {
            var reader = GitLogReader(git: git, commits: again)
            _ = try read(
                &reader, claims: BranchClaims(unclaimed: refs), total: nil, writer: &writer, unreadable: &unreadable,
                in: db)
            if writer.filledIn > 0 {
                report(.note, "\(writer.filledIn) commit(s) whose line counts were unknown are now read whole")
            }
        }
    }

    /// What the object store looks like: `git count-objects -v` (loose and packed object
    /// counts, packs, alternates) and the shallow boundary. It changes when objects come
    /// back (a fetch, a repaired pack) or the clone is deepened.
    func objectsFingerprint(_ probe: Probe) throws -> String {
        let counts = (try? git.text(["count-objects", "-v"])) ?? ""
        return counts + "\nshallow: " + probe.shallowBoundary.sorted().joined(separator: " ")
    }

    /// What `rev-parse` says about the repository; nil (with a diagnostic) when it is none.
    func probe() throws -> Probe? {
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
        guard lines.first == "true", lines.count > 1 else { return Probe() }
        let file = lines[1].hasPrefix("/") ? lines[1] : (git.repository as NSString).appendingPathComponent(lines[1])
        let data = (try? InputFile.read(file, limit: InputFile.Limit.gitMetadata)) ?? Data()
        let boundary = Set(String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init))
        report(
            .warning,
            "shallow clone: history before \(boundary.count) boundary commit(s) is missing and their line counts are unknown",
            hint: "run `git fetch --unshallow` in it: the next run reads the rest")
        return Probe(isShallow: true, shallowBoundary: boundary)
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
    func reportUnreadable(_ unreadable: Unreadable) {
        guard !unreadable.hashes.isEmpty else { return }
        let noun = unreadable.hashes.count == 1 ? "commit" : "commits"
        report(
            .error,
            "git cannot read the objects of \(unreadable.hashes.count) \(noun) (\(unreadable.reason ?? "unknown reason")): stored with unknown line counts, every other commit is read; \(Self.list(unreadable.hashes.map { String($0.prefix(12)) }))",
            hint: "fetch the missing objects or repair the clone: the next run reads them again")
    }

    /// Warns once about commits dated after "now" and commits outside the years 0001–9999.
    func reportTimes(_ writer: GitCommitWriter) {
        if writer.future.count > 0 {
            let examples = writer.future.examples.map { "\($0.hash.prefix(12)) at \(UTCTime.formatISO($0.time))" }
            let verb = writer.future.count == 1 ? "commit is" : "commits are"
            report(
                .warning,
                "\(writer.future.count) \(verb) dated after now (\(UTCTime.formatISO(context.now))): stored, but counted in no window that ends now; \(Self.list(examples, total: writer.future.count))",
                hint: "a wrong clock where they were made, or a wrong --now")
        }
        if !writer.invalidUTF8.isEmpty {
            report(
                .warning,
                "\(writer.invalidUTF8.count) commit(s) have an author or message that is not UTF-8 (no encoding header, or a wrong one): stored with U+FFFD for the bad bytes; \(Self.list(writer.invalidUTF8.map { String($0.prefix(12)) }))",
                hint: "set i18n.commitEncoding where such commits are made")
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
        try RepositoryIdentity.existing(tips, git: git).sorted()
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
