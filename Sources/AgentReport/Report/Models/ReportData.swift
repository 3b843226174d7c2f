import Foundation
import GRDB

/// What every page builder receives: the open database, the settings, "now", and the
/// models several pages share (read once per render).
struct ReportData {
    let db: Database
    let config: ReportConfig
    let now: Int64
    let agents: AgentDirectory
    let flow: TaskFlow
    /// The latest metric sample of each agent.
    let latestSamples: [String: Row]
    /// The latest time each agent did anything.
    let lastActivity: [String: String]
    /// The commits of the last 30 days.
    let recentCommits: RecentCommits
    /// The values every page shows (see `CommonValues`).
    private let shared: [String: Any]
    /// Each agent's completions, oldest first.
    let completionsByAgent: [String: [TaskFlow.Completion]]

    /// Reads the shared models.
    init(_ db: Database, config: ReportConfig, now: Int64) throws {
        self.db = db
        self.config = config
        self.now = now
        shared = try CommonValues.values(db, config: config, now: now, path: "index")
        agents = try AgentDirectory(db)
        flow = try TaskFlow(db)
        latestSamples = try AgentQueries.latestSamples(db)
        recentCommits = try RecentCommits(db, now: now)
        lastActivity = try AgentQueries.lastActivity(db, taskChanges: flow.lastChange, samples: latestSamples)
        completionsByAgent = Dictionary(grouping: flow.completions.filter { $0.agent != nil }) { $0.agent ?? "" }
    }

    /// The values every page shows, for a page at `path` (read once, only `root` differs).
    func common(path: String) throws -> [String: Any] {
        var values = shared
        values["root"] = ReportPage.root(of: path)
        return values
    }

    /// `YYYY-MM-DD HH:MM:SS` of `now` minus `days`.
    func stamp(daysAgo days: Int) -> String { UTCTime.format(now - Int64(days) * 86_400) }

    /// "3.5 h ago" for a stored time, "—" when there is none.
    func ago(_ stored: String?) -> String {
        guard let seconds = Figures.seconds(stored) else { return "—" }
        let age = now - seconds
        return age < 0 ? "in the future" : Figures.duration(Double(age)) + " ago"
    }
}
