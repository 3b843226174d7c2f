import Foundation
import GRDB

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

    /// Reads the commits from the start of the first of the 30 days, or from exactly 30 days
    /// before "now" when that is earlier (the per-agent totals use that window), up to "now":
    /// a commit dated later (a wrong clock) is stored but counted in no window ending now.
    init(_ db: Database, now: Int64) throws {
        let first = Figures.day(now) - Int64(Self.days) + 1
        var commits: [Commit] = []
        let since = UTCTime.format(min(first * 86_400, now - Int64(Self.days) * 86_400))
        let rows = try Row.fetchCursor(
            db,
            sql: """
                SELECT agent_id, commit_timestamp, lines_added, lines_deleted FROM git_commits
                WHERE commit_timestamp >= ? AND commit_timestamp <= ?
                """, arguments: [since, UTCTime.format(now)])
        while let row = try rows.next() {
            let stamp: String = row[1]
            guard let seconds = UTCTime.parse(stamp) else { continue }
            commits.append(Commit(agent: row[0], stamp: stamp, day: Figures.day(seconds), added: row[2] ?? 0, deleted: row[3] ?? 0))
        }
        self.commits = commits
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
