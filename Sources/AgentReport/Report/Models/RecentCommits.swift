import Foundation

/// The commits of the last 30 days (the longest commit window the pages count), read once:
/// `git_commits` has no index on time alone, so every per-day and per-agent count of the
/// index, activity and agent pages comes from this one scan. Merges are counted apart.
struct RecentCommits {
    /// One commit, reduced to what the counts need.
    struct Commit: Sendable, Equatable {
        var agent: String
        /// The stored time.
        var stamp: String
        /// Its day number.
        var day: Int64
        var added: Int
        var deleted: Int
        /// A merge: counted apart, never as an agent's commit.
        var merge: Bool = false
        /// Whether git could not tell its line counts.
        var linesUnknown: Bool = false
    }

    /// Commits, merges and lines of a set of commits.
    struct Tally: Sendable, Equatable {
        /// Commits other than merges.
        var commits = 0
        var merges = 0
        /// Lines of the commits other than merges.
        var added = 0
        var deleted = 0
        /// The newest commit's stored time, empty for none.
        var last = ""

        /// Adds `commit`.
        mutating func add(_ commit: Commit) {
            if commit.merge {
                merges += 1
            } else {
                commits += 1
                added += commit.added
                deleted += commit.deleted
            }
            last = max(last, commit.stamp)
        }
    }

    /// Days covered, ending with the day of "now".
    static let days = 30
    /// The 30-day window the commits come from.
    let window: ReportWindow
    let commits: [Commit]

    /// The commits of `window` (as `ReportQueries.commits(in:)` reads them).
    init(_ commits: [Commit], window: ReportWindow) {
        self.commits = commits
        self.window = window
    }

    /// The totals of the commits in `window` (which must lie within the 30 days), of one
    /// agent or of all.
    func tally(in window: ReportWindow, agent: String? = nil) -> Tally {
        var tally = Tally()
        for commit in commits where window.contains(stored: commit.stamp) && (agent == nil || commit.agent == agent) {
            tally.add(commit)
        }
        return tally
    }

    /// The totals of the commits in `window`, per agent id.
    func tallies(in window: ReportWindow) -> [String: Tally] {
        var result: [String: Tally] = [:]
        for commit in commits where window.contains(stored: commit.stamp) {
            result[commit.agent, default: Tally()].add(commit)
        }
        return result
    }

    /// Commits other than merges per day from `first` to `last` (day numbers), of one agent or all.
    func perDay(from first: Int64, to last: Int64, agent: String? = nil) -> [Double] {
        var counts = [Double](repeating: 0, count: Int(max(last - first + 1, 0)))
        for commit in commits where commit.day >= first && commit.day <= last && !commit.merge {
            if agent == nil || commit.agent == agent { counts[Int(commit.day - first)] += 1 }
        }
        return counts
    }
}
