import Foundation

extension ReportQueries {
    /// The facts every page shares, read once.
    func reportFacts(title: String, now: Int64) throws -> ReportFacts {
        ReportFacts(
            now: now, title: title, agents: try agentRecords(), events: try taskEventLog(),
            latestSamples: try latestSamples(),
            activityTimes: try agentActivityTimes(), recentCommits: try commitsSince(RecentCommits.start(now: now)),
            sources: try sourceStates(), problems: try lastRunProblems())
    }
}
