import Foundation
import GRDB

/// Turns each commit git printed into a `git_commits` row: applies the exclusions, claims
/// the branch, attributes the agent, redacts secrets, links task ids, and counts what it left
/// out (written once per repository by `flushExclusions`).
struct GitCommitWriter {
    /// The repository's key (see `RepositoryIdentity`).
    let repository: String
    /// The run's "now".
    let now: Int64
    /// `exclude.paths` and `exclude.authors`.
    let exclusions: ExclusionRules
    /// Finds the task ids commits link to.
    let taskIds: TaskIdScanner
    /// Boundary commits of a shallow clone: git shows them as adding their whole tree.
    let shallowBoundary: Set<String>
    /// Stored commits of this repository whose lines were unknown: read again, they are
    /// filled in instead of being skipped as already stored.
    var unknownLines: Set<String> = []

    /// Commits stored for the first time.
    private(set) var newCommits = 0
    /// Stored commits whose unknown line counts were filled in.
    private(set) var filledIn = 0
    /// Commits stored this run with unknown line counts.
    private(set) var storedUnknown = 0
    /// The first and last commit time of each agent with new commits.
    private(set) var agents: [String: (first: Int64, last: Int64)] = [:]
    /// Commits dated after "now": how many, and the first few (hash, time).
    private(set) var future: (count: Int, examples: [(hash: String, time: Int64)]) = (0, [])
    /// Commits whose time lies outside the years 0001–9999 the database can hold.
    private(set) var outOfRange: [String] = []
    /// Commits whose author or message held bytes that are not UTF-8.
    private(set) var invalidUTF8: [String] = []
    private var pathTallies: [String: ExclusionRules.Tally] = [:]
    private var authorTallies: [String: ExclusionRules.Tally] = [:]
    /// Per author (name and e-mail, by their bytes: two spellings of one name that Swift
    /// would call equal are two authors here): the `exclude.authors` pattern and the
    /// redacted name.
    private var authors: [[UInt8]: (excludedBy: String?, name: String)] = [:]
    private let recordedAt: String

    /// A writer for one repository's commits, read at `now`.
    init(
        repository: String, now: Int64, exclusions: ExclusionRules, taskIds: TaskIdScanner, shallowBoundary: Set<String>
    ) {
        self.repository = repository
        self.now = now
        self.exclusions = exclusions
        self.taskIds = taskIds
        self.shallowBoundary = shallowBoundary
        recordedAt = UTCTime.format(now)
    }

    /// Stores one commit (once: a hash stored before is left alone and counted nowhere,
    /// unless its lines were unknown and are known now).
    mutating func write(
        _ commit: ParsedCommit, linesUnknown unreadable: Bool, claims: BranchClaims,
        attribution: AgentAttribution, in db: Database
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
        let time = storableTime(commit)
        let (kept, excluded) = exclusions.split(files)
        let ref = claims.branch(of: commit.hash, foundOn: commit.source)
        let answer = attribution.attribute(
            CommitFacts(
                authorName: commit.authorName, authorEmail: commit.authorEmail, message: commit.message,
                branch: ref?.attributionBranch, worktree: ref?.worktree))
        let row = GitCommitRow(
            hash: commit.hash, agentId: answer.agent, authorName: author.name,
            authorEmail: commit.authorEmail, message: SecretRedactor.redact(commit.subject), branch: ref?.shortName,
            filesChanged: kept.count, linesAdded: kept.reduce(0) { $0 + ($1.added ?? 0) },
            linesDeleted: kept.reduce(0) { $0 + ($1.deleted ?? 0) }, committedAt: time,
            repository: repository, isMerge: commit.parentCount > 1, linesUnknown: linesUnknown,
            attributedBy: answer.rule.rawValue)
        guard try ReportStore.insert(row, recordedAt: recordedAt, in: db) else {
            // Stored before with unknown lines (unreadable objects, a shallow boundary), and
            // readable now: fill them in.
            if !linesUnknown, unknownLines.contains(commit.hash), try ReportStore.fillInLines(of: row, in: db) {
                filledIn += 1
                for (pattern, tally) in excluded { pathTallies[pattern] = (pathTallies[pattern] ?? .init()) + tally }
            }
            return
        }
        newCommits += 1
        if linesUnknown { storedUnknown += 1 }
        if commit.hasInvalidUTF8 { invalidUTF8.append(commit.hash) }
        try ReportStore.link(commit: commit.hash, toTasks: taskIds.taskIds(in: commit.message), in: db)
        for (pattern, tally) in excluded { pathTallies[pattern] = (pathTallies[pattern] ?? .init()) + tally }
        if time > now {
            future.count += 1
            if future.examples.count < 3 { future.examples.append((commit.hash, time)) }
        }
        if answer.isAgent {
            let span = agents[answer.agent] ?? (time, time)
            agents[answer.agent] = (min(span.first, time), max(span.last, time))
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
        let key = Array(commit.authorName.utf8) + [0] + Array(commit.authorEmail.utf8)
        if let known = authors[key] { return known }
        let answer = (
            exclusions.authorPattern(name: commit.authorName, email: commit.authorEmail),
            SecretRedactor.redact(commit.authorName)
        )
        authors[key] = answer
        return answer
    }

    /// The committer time, kept inside the years 0001–9999 that `YYYY-MM-DD HH:MM:SS` can
    /// hold (a commit outside them is named in a warning, never silently moved).
    mutating func storableTime(_ commit: ParsedCommit) -> Int64 {
        let time = commit.committerTime ?? 0
        guard time < UTCTime.earliest || time > UTCTime.latest else { return time }
        outOfRange.append(commit.hash)
        return min(max(time, UTCTime.earliest), UTCTime.latest)
    }
}
