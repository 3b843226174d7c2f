import Foundation

/// The `agents/index` page and one `agents/<id>` page per agent.
enum AgentPages {
    /// Days shown by the status and cpu/memory charts (long enough to reach the daily aggregates).
    static let sampleDays = 90
    /// Days shown by the commit chart.
    static let commitDays = 30
    /// Events in an agent's recent activity.
    static let eventLimit = 100
    /// Progress entries shown.
    static let entryLimit = 20

    /// What `agents.md.mustache` sees.
    struct IndexView: TemplateView {
        var agents: [AgentStatusRow]
        var hasAgents: Bool
        /// Ids that are no agent (`unattributed`), with their pages.
        var others: [AgentLink]

        func value(named name: String) -> Any? {
            switch name {
            case "agents": agents
            case "hasAgents": hasAgents
            case "others": others
            default: nil
            }
        }
    }

    /// The agents index.
    static func indexPage(facts: ReportFacts) -> ReportPage {
        let path = "agents/index"
        let rows = facts.agentStatusRows(from: path)
        let others = facts.agents.entries.filter { !ReportFacts.isAgent($0.id) }.map {
            facts.agents.link($0.id, from: path)
        }
        let view = IndexView(agents: rows, hasAgents: !rows.isEmpty, others: others)
        return ReportPage(path: path, template: "agents", title: "Agents", view: view, site: facts.site(for: path))
    }

    /// What one agent's page reads besides the shared facts.
    struct Input {
        /// Samples per day over the `sampleDays` window.
        var days: AgentDays
        /// The samples of the last 24 hours.
        var lastDay: [AgentSample] = []
        /// Commits and lines per day, newest first.
        var commitDays: [CommitDay]
        /// Titles of the tasks the agent completed, by id (other agents' may be there too).
        var taskTitles: [String: String]
        /// The agent's newest commits and progress entries as events.
        var commitEvents: [AgentActivity.Event]
        var progressEvents: [AgentActivity.Event]
        /// The newest progress entries.
        var entries: [ProgressEntryRecord]
        /// Its session events over the last `sessionDays` days.
        var sessions = AgentSessionEvents()
        /// Whether the hook has recorded session events for any agent.
        var hookRecordsSessions = false

        /// The input of an agent nothing was read for.
        static func empty(now: Int64) -> Input {
            Input(
                days: AgentDays.empty(count: sampleDays, now: now), commitDays: [], taskTitles: [:], commitEvents: [],
                progressEvents: [], entries: [])
        }
    }

    /// Reads the input of every page of `entries` but the titles of completed tasks (which
    /// need the replayed task history: `withTaskTitles(_:from:facts:)`), by agent id. Needs
    /// no shared facts, so it can run on a second connection while they are read.
    static func inputs(for entries: [AgentDirectory.Entry], from queries: ReportQueries) throws -> [String: Input] {
        let now = queries.now
        let days = try queries.agentDays(count: sampleDays)
        let hookRecordsSessions = try queries.hookRecordsSessions()
        let month = ReportWindow(days: commitDays, now: now)
        let sessionWindow = ReportWindow(days: sessionDays, now: now)
        var inputs: [String: Input] = [:]
        for entry in entries {
            inputs[entry.id] = Input(
                days: days[entry.id] ?? AgentDays.empty(count: sampleDays, now: now),
                lastDay: try queries.samples(of: entry.id, from: now - 86_400),
                commitDays: try queries.commitDays(of: entry.id, windowStart: Figures.date(ofDay: month.firstDay)),
                taskTitles: [:],
                commitEvents: try queries.commitEvents(of: entry.id, limit: eventLimit),
                progressEvents: try queries.progressEvents(of: entry.id, limit: eventLimit),
                entries: try queries.progressEntries(of: entry.id, limit: entryLimit),
                sessions: try queries.sessionEvents(
                    of: entry.id, since: sessionWindow.startText, until: queries.nowText, limit: sessionLimit),
                hookRecordsSessions: ReportFacts.isAgent(entry.id) && hookRecordsSessions)
        }
        return inputs
    }

    /// `inputs` with the titles of the tasks each page lists as completed, read in one pass.
    static func withTaskTitles(_ inputs: [String: Input], from queries: ReportQueries, facts: ReportFacts) throws
        -> [String: Input]
    {
        let ids = facts.agents.entries.flatMap { completed(of: $0.id, facts: facts).map(\.taskId) }
        let titles = try queries.taskTitles(of: ids)
        return inputs.mapValues { input in
            var input = input
            input.taskTitles = titles
            return input
        }
    }

    /// The completions an agent page lists: the latest 20, newest first.
    static func completed(of agent: String, facts: ReportFacts) -> [TaskFlow.Completion] {
        (facts.completionsByAgent[agent] ?? []).suffix(20).reversed()
    }

    /// The page of `entry`.
    static func page(for entry: AgentDirectory.Entry, input: Input, facts: ReportFacts) -> ReportPage {
        let path = entry.path
        let record = entry.record
        let work = facts.lastWork[entry.id]
        let beat = facts.heartbeat[entry.id]
        let month = facts.window(days: commitDays)
        let header = AgentHeader(
            id: entry.id, name: entry.name, isAgent: ReportFacts.isAgent(entry.id),
            sources: record.sources.joined(separator: ", "),
            firstSeen: record.firstSeen ?? "—", lastSeen: record.lastSeen ?? "—", lastWork: work?.time ?? "—",
            lastWorkAgo: work.map { facts.ago($0.time) + ", " + $0.kind } ?? "—", heartbeat: beat ?? "—",
            heartbeatAgo: facts.ago(beat), currentTask: facts.currentTask(of: entry.id),
            sinceYesterday: facts.sinceYesterday.line(
                of: entry.id, progress: facts.progressSinceYesterday[entry.id] ?? 0),
            commits30d: facts.lastMonth.commits[entry.id]?.commits ?? 0,
            completed30d: facts.lastMonth.completed[entry.id] ?? 0)
        let sample = facts.latestSamples[entry.id].map { sample in
            SampleView(
                time: sample.time, status: Marks.agentStatus(sample.status), task: sample.currentTask ?? "—",
                cpu: Figures.fixed(sample.cpu, 1, suffix: " %"),
                memory: Figures.fixed(sample.memoryPercent, 1, suffix: " %"),
                memoryBytes: Figures.bytes(sample.memoryBytes), uncommitted: sample.uncommitted.map(String.init) ?? "—",
                branch: sample.branch ?? "—")
        }
        let perDay = input.commitDays
        let charts =
            AgentCharts.samples(input.days, stem: entry.fileStem, name: entry.id)
            + [
                AgentCharts.commits(perDay, agent: entry.id, stem: entry.fileStem, window: month),
                AgentCharts.lastDay(input.lastDay, stem: entry.fileStem, name: entry.id, now: facts.now),
            ]
        let aggregateDays = input.days.days.values.filter(\.fromAggregate).count
        let view = AgentView(
            agent: header, sample: sample, statusChart: charts[0].reference(from: path),
            cpuChart: charts[1].reference(from: path),
            commitChart: charts[2].reference(from: path), lastDayChart: charts[3].reference(from: path),
            aggregateDays: aggregateDays > 0 ? aggregateDays : nil,
            commitDays: perDay.prefix(14).map {
                CommitDayRow(
                    date: $0.date, commits: $0.commits, merges: $0.merges, added: $0.added, deleted: $0.deleted)
            },
            completed: completed(of: entry.id, facts: facts).map { completion in
                CompletedRow(
                    id: completion.taskId, title: input.taskTitles[completion.taskId] ?? completion.taskId,
                    time: UTCTime.format(completion.time), lead: Figures.duration(completion.leadTime),
                    cycle: Figures.duration(completion.cycleTime))
            },
            completedCount: facts.completionsByAgent[entry.id]?.count ?? 0,
            events: AgentActivity.newest(
                facts.flow.recentEvents(of: entry.id) + input.commitEvents + input.progressEvents, limit: eventLimit
            ).map { EventRow(time: $0.time, kind: $0.kind, subject: $0.subject, what: $0.what) },
            entries: input.entries.map { entry in
                let title = entry.title ?? ""
                let tasks = entry.taskIds.joined(separator: ", ")
                return EntryRow(
                    time: entry.time, title: title, hasTitle: !title.isEmpty, taskIds: tasks,
                    hasTaskIds: !tasks.isEmpty, edited: entry.editedAt,
                    quoted: AgentActivity.quote(entry.body))
            },
            sessions: sessions(
                input.sessions, hookRecordsSessions: input.hookRecordsSessions,
                window: facts.window(days: sessionDays)))
        return ReportPage(
            path: path, template: "agent", title: entry.name, view: view, site: facts.site(for: path), charts: charts)
    }
}
