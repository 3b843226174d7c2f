import Foundation
import GRDB

/// Turns each commit git printed into a `git_commits` row: applies the exclusions, claims
/// the branch, attributes the agent, redacts secrets, links task ids, and counts what it left
/// out (written once per repository by `flushExclusions`).
struct GitCommitWriter {
    /// The repository's key (`repositories[].path` as written).
    let repository: String
    /// The run's "now".
    let now: Int64
    /// `exclude.paths` and `exclude.authors`.
    let exclusions: ExclusionRules
    /// Finds the task ids commits link to.
    let taskIds: TaskIdScanner
    /// Boundary commits of a shallow clone: git shows them as adding their whole tree.
    let shallowBoundary: Set<String>

    /// Commits stored for the first time.
    private(set) var newCommits = 0
    /// The first and last commit time of each agent with new commits.
    private(set) var agents: [String: (first: Int64, last: Int64)] = [:]
    private var pathTallies: [String: ExclusionRules.Tally] = [:]
    private var authorTallies: [String: ExclusionRules.Tally] = [:]
    /// Per author (name and e-mail): the `exclude.authors` pattern and the redacted name.
    private var authors: [String: (excludedBy: String?, name: String)] = [:]
    private let recordedAt: String

    /// A writer for one repository's commits, read at `now`.
    init(repository: String, now: Int64, exclusions: ExclusionRules, taskIds: TaskIdScanner, shallowBoundary: Set<String>) {
        self.repository = repository
        self.now = now
        self.exclusions = exclusions
        self.taskIds = taskIds
        self.shallowBoundary = shallowBoundary
        recordedAt = UTCTime.format(now)
    }

    /// Stores one commit (once: a hash stored before is left alone, and counted nowhere).
    mutating func write(
        _ commit: ParsedCommit, linesUnknown unreadable: Bool, claims: BranchClaims,
        attributor: inout CommitAttributor, in db: Database
    ) throws {
        let linesUnknown = unreadable || shallowBoundary.contains(commit.hash)
        let files = linesUnknown ? [] : commit.files
        let author = self.author(commit)
        if let pattern = author.excludedBy {
            if try ReportStore.noteExcludedCommit(commit.hash, repository: repository, pattern: pattern, in: db) {
                authorTallies[pattern] = (authorTallies[pattern] ?? .init()) + ExclusionRules.tally(ofWhole: files)
            }
            return
        }
        let (kept, excluded) = exclusions.split(files)
        let ref = claims.branch(of: commit.hash, foundOn: commit.source)
        let (agent, rule) = attributor.attribute(
            authorName: commit.authorName, authorEmail: commit.authorEmail, message: commit.message, branch: ref?.branchName)
        let row = GitCommitRow(
            hash: commit.hash, agentId: agent, authorName: author.name,
            authorEmail: commit.authorEmail, message: SecretRedactor.redact(commit.subject), branch: ref?.shortName,
            filesChanged: kept.count, linesAdded: kept.reduce(0) { $0 + ($1.added ?? 0) },
            linesDeleted: kept.reduce(0) { $0 + ($1.deleted ?? 0) }, committedAt: commit.committerTime,
            repository: repository, isMerge: commit.parentCount > 1, linesUnknown: linesUnknown, attributedBy: rule.rawValue)
        guard try ReportStore.insert(row, recordedAt: recordedAt, in: db) else { return }
        newCommits += 1
        try ReportStore.link(commit: commit.hash, toTasks: taskIds.taskIds(in: commit.message), in: db)
        for (pattern, tally) in excluded { pathTallies[pattern] = (pathTallies[pattern] ?? .init()) + tally }
        if agent != CommitAttributor.unattributed {
            let span = agents[agent] ?? (commit.committerTime, commit.committerTime)
            agents[agent] = (min(span.first, commit.committerTime), max(span.last, commit.committerTime))
        }
    }

    /// Adds what this run left out to `git_exclusions`.
    func flushExclusions(in db: Database) throws {
        for (pattern, tally) in pathTallies.sorted(by: { $0.key < $1.key }) {
            try ReportStore.addExclusion(tally, kind: .path, pattern: pattern, repository: repository, in: db)
        }
        for (pattern, tally) in authorTallies.sorted(by: { $0.key < $1.key }) {
            try ReportStore.addExclusion(tally, kind: .author, pattern: pattern, repository: repository, in: db)
        }
    }
}

private extension GitCommitWriter {
    /// The author's exclusion and redacted name, worked out once per author.
    mutating func author(_ commit: ParsedCommit) -> (excludedBy: String?, name: String) {
        let key = commit.authorName + "\u{0}" + commit.authorEmail
        if let known = authors[key] { return known }
        let answer = (exclusions.authorPattern(name: commit.authorName, email: commit.authorEmail), SecretRedactor.redact(commit.authorName))
        authors[key] = answer
        return answer
    }
}
