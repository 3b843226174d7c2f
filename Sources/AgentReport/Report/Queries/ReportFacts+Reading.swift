import Foundation

extension ReportQueries {
    /// Everything the shared facts are made of, read once; `agents` when `agentRecords()`
    /// was already read.
    func factsInput(title: String, staleHours: Double, agents: [AgentRecord]? = nil) throws -> FactsInput {
        let agents = try agents ?? agentRecords()
        let events = try taskEventLog()
        let samples = try latestSamples()
        let inProgress = try inProgressTasks(named: Set(samples.values.compactMap(\.currentTask)))
        return FactsInput(
            now: now, title: title, staleHours: staleHours, agents: agents, events: events, latestSamples: samples,
            activityTimes: try agentActivityTimes(),
            recentCommits: try commits(in: ReportWindow(days: RecentCommits.days, now: now)),
            inProgress: inProgress.newest.mapValues(\.task), inProgressCounts: inProgress.newest.mapValues(\.count),
            inProgressNamed: inProgress.named,
            progressSinceYesterday: try progressEntryCounts(in: ReportWindow(days: 2, now: now)),
            sources: try sourceStates(),
            freshness: try dataFreshness(agentIds: agents.map(\.id), events: events), problems: try lastRunProblems())
    }
}
