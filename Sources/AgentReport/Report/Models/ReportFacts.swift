import Foundation

/// What several pages share, read once per render: plain values, no database.
struct ReportFacts {
    /// The run's "now", epoch seconds.
    let now: Int64
    /// Every agent and where its page lives.
    let agents: AgentDirectory
    /// The task history replayed.
    let flow: TaskFlow
    /// The latest metric sample of each agent.
    let latestSamples: [String: AgentSample]
    /// The latest time each agent did anything, stored text.
    let lastActivity: [String: String]
    /// The commits of the last 30 days.
    let recentCommits: RecentCommits
    /// Each agent's completions, oldest first.
    let completionsByAgent: [String: [TaskFlow.Completion]]
    /// The values every page shows, for a page at the site root.
    let site: SiteView

    /// The shared facts of these values.
    init(
        now: Int64, title: String, agents: [AgentRecord], events: TaskEventLog, latestSamples: [String: AgentSample],
        activityTimes: AgentActivityTimes, recentCommits: [RecentCommits.Commit], sources: [SourceState],
        problems: [RunProblem]
    ) {
        self.now = now
        self.agents = AgentDirectory(agents)
        flow = TaskFlow(events)
        self.latestSamples = latestSamples
        self.recentCommits = RecentCommits(recentCommits)
        lastActivity = Self.lastActivity(taskChanges: flow.lastChange, samples: latestSamples, times: activityTimes)
        completionsByAgent = Dictionary(grouping: flow.completions.filter { $0.agent != nil }) { $0.agent ?? "" }
        site = SiteView(title: title, now: now, sources: sources, problems: problems)
    }

    /// The latest time each agent did anything: a sample's last activity, a commit, a
    /// progress entry, a task event it made.
    static func lastActivity(taskChanges: [String: String], samples: [String: AgentSample], times: AgentActivityTimes)
        -> [String: String]
    {
        var latest = taskChanges
        func note(_ agent: String, _ time: String) {
            if latest[agent].map({ time > $0 }) ?? true { latest[agent] = time }
        }
        for (agent, sample) in samples {
            // The latest sample speaks for the agent's samples: the activity it reports, else its time.
            let time = sample.lastActivity ?? sample.time
            if !time.isEmpty { note(agent, time) }
        }
        for source in [times.aggregatedSample, times.commit, times.progress] {
            for (agent, time) in source { note(agent, time) }
        }
        return latest
    }

    /// `YYYY-MM-DD HH:MM:SS` of `now` minus `days`.
    func stamp(daysAgo days: Int) -> String { UTCTime.format(now - Int64(days) * 86_400) }

    /// "3.5 h ago" for a stored time, "—" when there is none.
    func ago(_ stored: String?) -> String {
        guard let seconds = Figures.seconds(stored) else { return "—" }
        let age = now - seconds
        return age < 0 ? "in the future" : Figures.duration(Double(age)) + " ago"
    }

    /// The values every page shows, for a page at `path`.
    func site(for path: String) -> SiteView { site.at(root: ReportPage.root(of: path)) }
}
