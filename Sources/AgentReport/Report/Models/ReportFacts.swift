import Foundation

/// What the shared facts are made of: plain values, as `ReportQueries.factsInput(title:staleHours:)`
/// reads them, or as a test writes them.
struct FactsInput {
    /// The run's "now", epoch seconds.
    var now: Int64
    /// Config `title`.
    var title = "Agent team report"
    /// Config `alerts.staleHours`.
    var staleHours = 24.0
    var agents: [AgentRecord] = []
    /// Every task event up to "now".
    var events = TaskEventLog()
    /// The latest sample (up to "now") of each agent.
    var latestSamples: [String: AgentSample] = [:]
    var activityTimes = AgentActivityTimes()
    /// The commits of the last 30 days (`RecentCommits.days`).
    var recentCommits: [RecentCommits.Commit] = []
    /// Per agent, its task in progress on the board that entered the status last.
    var inProgress: [String: TaskRecord] = [:]
    /// Per agent, how many tasks it has in progress on the board.
    var inProgressCounts: [String: Int] = [:]
    /// The tasks the latest samples name that are in progress on the board.
    var inProgressNamed: [TaskRecord] = []
    /// Progress entries per agent since yesterday.
    var progressSinceYesterday: [String: Int] = [:]
    var sources: [SourceState] = []
    var freshness: [DataFreshness] = []
    var problems: [RunProblem] = []
}

/// What several pages share, read once per render: plain values, no database.
struct ReportFacts {
    /// Ids that name the whole team or nobody, never an agent (DESIGN §3.1).
    static let nonAgents: Set<String> = ["all", "team", "*", "unattributed", "everyone"]

    /// The run's "now", epoch seconds.
    let now: Int64
    /// Every agent and where its page lives.
    let agents: AgentDirectory
    /// The task history replayed.
    let flow: TaskFlow
    /// The latest metric sample of each agent.
    let latestSamples: [String: AgentSample]
    /// The latest *work* of each agent: its newest commit, task event, progress entry or
    /// the activity its latest sample reports — not the sample itself.
    let lastWork: [String: (time: String, kind: String)]
    /// The latest heartbeat of each agent: its newest sample (or daily aggregate).
    let heartbeat: [String: String]
    /// The commits of the last 30 days.
    let recentCommits: RecentCommits
    /// Each agent's completions, oldest first.
    let completionsByAgent: [String: [TaskFlow.Completion]]
    /// Each agent's newest task in progress on the board, and how many it has.
    let inProgress: [String: (task: TaskRecord, count: Int)]
    /// When the tasks the latest samples name entered progress, by task id.
    let inProgressSince: [String: String]
    /// Progress entries per agent since yesterday.
    let progressSinceYesterday: [String: Int]
    /// What each agent did since yesterday (the 2-day window) and in the 30-day window,
    /// counted once for every page that shows it.
    let sinceYesterday: AgentTallies
    let lastMonth: AgentTallies
    /// The values every page shows, for a page at the site root.
    let site: SiteView

    /// The shared facts of `input`.
    init(_ input: FactsInput) {
        now = input.now
        agents = AgentDirectory(input.agents)
        flow = TaskFlow(input.events)
        latestSamples = input.latestSamples
        recentCommits = RecentCommits(
            input.recentCommits, window: ReportWindow(days: RecentCommits.days, now: input.now))
        var work: [String: (time: String, kind: String)] = [:]
        func note(_ agent: String, _ time: String?, _ kind: String) {
            guard let time, !time.isEmpty else { return }
            if work[agent].map({ time > $0.time }) ?? true { work[agent] = (time, kind) }
        }
        for (agent, time) in flow.lastChange { note(agent, time, "task event") }
        for (agent, time) in input.activityTimes.commit { note(agent, time, "commit") }
        for (agent, time) in input.activityTimes.progress { note(agent, time, "progress entry") }
        for (agent, sample) in input.latestSamples {
            note(agent, sample.lastActivity, "activity seen by the collector")
        }
        lastWork = work
        var beats = input.activityTimes.aggregatedSample
        for (agent, sample) in input.latestSamples where beats[agent].map({ sample.time > $0 }) ?? true {
            beats[agent] = sample.time
        }
        heartbeat = beats
        completionsByAgent = Dictionary(grouping: flow.completions.filter { $0.agent != nil }) { $0.agent ?? "" }
        inProgress = input.inProgress.mapValues { ($0, input.inProgressCounts[$0.assignee ?? ""] ?? 1) }
        inProgressSince = Dictionary(
            input.inProgressNamed.compactMap { task in task.statusSince.map { (task.id, $0) } },
            uniquingKeysWith: { a, _ in a })
        progressSinceYesterday = input.progressSinceYesterday
        sinceYesterday = AgentTallies(flow: flow, commits: recentCommits, window: ReportWindow(days: 2, now: input.now))
        lastMonth = AgentTallies(
            flow: flow, commits: recentCommits, window: ReportWindow(days: RecentCommits.days, now: input.now))
        site = SiteView(
            title: input.title, now: input.now, staleHours: input.staleHours, sources: input.sources,
            freshness: input.freshness, problems: input.problems)
    }

    /// The window of `days` calendar days ending with today (see `ReportWindow`).
    func window(days: Int) -> ReportWindow { ReportWindow(days: days, now: now) }

    /// Whether `id` is an agent (not the team, not `unattributed`).
    static func isAgent(_ id: String) -> Bool { !nonAgents.contains(id) }

    /// `ids` sorted: agents first, then ids that are no agent (`unattributed`), each by id.
    static func agentsFirst<S: Sequence>(_ ids: S) -> [String] where S.Element == String {
        ids.sorted { a, b in isAgent(a) != isAgent(b) ? isAgent(a) : a < b }
    }

    /// The directory entries that are agents.
    var agentEntries: [AgentDirectory.Entry] { agents.entries.filter { Self.isAgent($0.id) } }

    /// "3.5 h ago" for a stored time, "—" when there is none.
    func ago(_ stored: String?) -> String {
        guard let seconds = Figures.seconds(stored) else { return "—" }
        let age = now - seconds
        return age < 0 ? "in the future" : Figures.duration(Double(age)) + " ago"
    }

    /// The values every page shows, for a page at `path`.
    func site(for path: String) -> SiteView { site.at(path: path) }
}

/// What each agent did in one window, by agent id: its commits and lines (merges apart),
/// the tasks it moved, the tasks completed with it as assignee.
struct AgentTallies {
    var commits: [String: RecentCommits.Tally]
    var moved: [String: Int]
    var completed: [String: Int]

    /// The tallies of `window`.
    init(flow: TaskFlow, commits: RecentCommits, window: ReportWindow) {
        self.commits = commits.tallies(in: window)
        moved = flow.tasksMoved(in: window)
        completed = Dictionary(grouping: flow.completions(in: window).compactMap(\.agent)) { $0 }.mapValues(\.count)
    }

    /// The line of `agent`: `3 commits (+120 −40), 1 merge, 2 tasks moved, 1 completed, 1
    /// progress entry`, or `nothing`; `progress` is its progress entries in the window.
    func line(of agent: String, progress: Int) -> String {
        ReportFacts.sinceYesterday(
            commits: commits[agent] ?? RecentCommits.Tally(), moved: moved[agent] ?? 0,
            completed: completed[agent] ?? 0, progress: progress)
    }
}
