import Foundation

/// The commits of the last 30 days, read once (`git_commits` has no index on time alone, so
/// every per-day and per-agent count of the index and activity pages comes from this scan).
struct RecentCommits {
    /// One commit, reduced to what the counts need.
    struct Commit {
        var agent: String
        var stamp: String
        var day: Int64
        var added: Int
        var deleted: Int
    }

    /// Days covered, ending with the day of "now".
    static let days = 30
    let commits: [Commit]

    /// `commits`, as `ReportQueries.commitsSince(_:)` reads them from `RecentCommits.start(now:)` on.
    init(_ commits: [Commit]) {
        self.commits = commits
    }

    /// Where the scan starts: the start of the first of the 30 days, or exactly 30 days
    /// before "now" when that is earlier (the per-agent totals use that window).
    static func start(now: Int64) -> String {
        let first = Figures.day(now) - Int64(days) + 1
        return UTCTime.format(min(first * 86_400, now - Int64(days) * 86_400))
    }

    /// How many commits are later than `stamp` (`YYYY-MM-DD HH:MM:SS`).
    func count(after stamp: String) -> Int { commits.filter { $0.stamp > stamp }.count }

    /// Commits per day from `first` to `last` (day numbers), all agents.
    func perDay(from first: Int64, to last: Int64) -> [Double] {
        var counts = [Double](repeating: 0, count: Int(last - first + 1))
        for commit in commits where commit.day >= first && commit.day <= last { counts[Int(commit.day - first)] += 1 }
        return counts
    }
}
