import Foundation
import GRDB

/// Ingests one configured repository, inside the git source's transaction: checks it, lists
/// its refs, reads only what is new since the tips stored last time, and stores the commits.
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

    /// The repository as configured; `repository.path` (as written) is its key in the database.
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

    /// The repository's key in the database and in diagnostics.
    var key: String { repository.path }

    /// Reads the repository into `db`.
    func run(in db: Database, attributor: inout CommitAttributor) throws -> Result {
        var result = Result()
        guard let probe = try probe() else {
            result.readable = false
            return result
        }
        let refs = try listRefs()
        let stored = try ReportStore.gitRefTips(of: key, in: db)
        let current = Set(refs.map(\.name))
        for ref in stored.keys.sorted() where !current.contains(ref) {
            report(.warning, "ref \(ref) has vanished since the last run (deleted or renamed); its commits stay in the database")
            try ReportStore.deleteGitRef(ref, repository: key, in: db)
        }
        guard !refs.isEmpty else {
            try reportNoRefs()
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
            git: git, refs: refs, isAgentRef: { attributor.agent(forBranch: $0.branchName) != nil },
            alreadyRead: alreadyRead)
        let claimed = Date()
        var seen = 0
        let outcome = try reader.read(
            onCommit: { commit, unknown in
                try writer.write(commit, linesUnknown: unknown, claims: claims, attributor: &attributor, in: db)
                seen += 1
                if seen % 2000 == 0 {
                    context.console.progress("ingest git \(key): \(seen)\(total.map { "/\($0)" } ?? "") commits")
                }
            },
            onUnreadable: { commit, reason in
                report(.warning, "commit \(commit.hash.prefix(12)) (\(commit.subject.prefix(60))): git cannot read its objects (\(reason)); stored with unknown line counts, the other commits are read")
            })
        context.console.endProgress()
        context.console.detail(String(
            format: "      %@: %d refs (%d changed), branch claims %.2f s, %d commits read in %.2f s", key, refs.count, changed.count,
            claimed.timeIntervalSince(started), seen, Date().timeIntervalSince(claimed)))
        try writer.flushExclusions(in: db)
        result.newCommits = writer.newCommits
        result.agents = writer.agents
        if case .walkFailed(let reason) = outcome {
            // Tips stay as they were, so the next run tries again from the same place.
            report(.error, "the history cannot be walked past the commits read so far (\(reason)); \(writer.newCommits) commits stored, the older ones are missing")
            return result
        }
        for ref in refs {
            try ReportStore.saveGitRef(
                ref, agent: attributor.agent(forBranch: ref.branchName)?.agent, repository: key, at: context.now, in: db)
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
                hint: isDefault ? "add `repositories` to agentreport.json to read agent branches" : "fix repositories[].path in agentreport.json")
            return nil
        }
        let lines = answer.split(separator: "\n").map(String.init)
        guard lines.first == "true", lines.count > 1 else { return ([], ()) }
        let file = lines[1].hasPrefix("/") ? lines[1] : (git.repository as NSString).appendingPathComponent(lines[1])
        let boundary = Set(((try? String(contentsOfFile: file, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init))
        report(.warning, "shallow clone: history before \(boundary.count) boundary commit(s) is missing and their line counts are unknown",
               hint: "run `git fetch --unshallow` in it to read the whole history")
        return (boundary, ())
    }

    /// The refs matching `repository.refs`, sorted by name.
    func listRefs() throws -> [GitRef] {
        let patterns = repository.refs.map { GlobPattern($0, starCrossesSlash: true) }
        var refs: [GitRef] = []
        _ = try git.stream(["for-each-ref", "--format=" + GitRef.listFormat], onLine: { line in
            guard let ref = GitRef.parse(listLine: String(decoding: line, as: UTF8.self)) else { return }
            let wanted = patterns.contains { pattern in
                pattern.isLiteral ? (ref.name == pattern.text || ref.name.hasPrefix(pattern.text + "/")) : pattern.matches(ref.name)
            }
            if wanted { refs.append(ref) }
        })
        return refs.sorted { $0.name < $1.name }
    }

    func reportNoRefs() throws {
        let anyRef = try git.text(["for-each-ref", "--count=1", "--format=%(refname)"])
        if anyRef.isEmpty {
            report(.warning, "empty repository: no commits yet, nothing to read")
        } else {
            report(.warning, "no ref matches \(repository.refs.joined(separator: ", "))", hint: "check repositories[].refs in agentreport.json")
        }
    }

    /// The stored tips git still has (a tip dropped by a force-push may be garbage-collected).
    func existingCommits(_ tips: [String]) throws -> [String] {
        guard !tips.isEmpty else { return [] }
        let output = try git.run(["cat-file", "--batch-check"], input: Data((tips.joined(separator: "\n") + "\n").utf8))
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
                report(.note, "ref \(ref.name): its previous tip \(old.prefix(12)) no longer exists; rescanning the ref")
            } else if try git.status(["merge-base", "--is-ancestor", old, ref.tip]) != 0 {
                report(.note, "ref \(ref.name) was rewritten since the last run (force-push or rebase); rescanning it")
            }
        }
    }

    func report(_ severity: Diagnostic.Severity, _ message: String, hint: String? = nil) {
        context.diagnostics.report(Diagnostic(severity, file: key, message, hint: hint))
    }
}
