/// What `agent.md.mustache` sees.
struct AgentView: TemplateView {
    var agent: AgentHeader
    /// The latest sample, when there is one.
    var sample: SampleView?
    var statusChart: ChartReference?
    var cpuChart: ChartReference?
    var commitChart: ChartReference?
    /// CPU and memory of every sample of the last 24 hours.
    var lastDayChart: ChartReference?
    /// How many chart days come from the daily aggregates (absent when none).
    var aggregateDays: Int?
    /// Commits per day, the 14 newest days with commits.
    var commitDays: [CommitDayRow]
    /// The latest completions, newest first.
    var completed: [CompletedRow]
    /// Completions in all.
    var completedCount: Int
    /// The newest commits, task events and progress entries.
    var events: [EventRow]
    /// The newest progress entries.
    var entries: [EntryRow]
    /// The hook's session events; absent when the hook records none for any agent.
    var sessions: SessionsView? = nil

    func value(named name: String) -> Any? {
        switch name {
        case "agent": agent
        case "sample": sample
        case "statusChart": statusChart
        case "cpuChart": cpuChart
        case "commitChart": commitChart
        case "lastDayChart": lastDayChart
        case "aggregateDays": aggregateDays
        case "commitDays": commitDays
        case "completed": completed
        case "completedCount": completedCount
        case "events": events
        case "entries": entries
        case "sessions": sessions
        default: nil
        }
    }
}

/// Who the agent is, what it works on, and when it last worked.
struct AgentHeader: TemplateView {
    var id: String
    var name: String
    /// False for `unattributed` (the commits no rule attributes) and team names.
    var isAgent: Bool
    /// Where it was seen, comma-separated.
    var sources: String
    var firstSeen: String
    var lastSeen: String
    /// The newest commit, task event, progress entry or collector-seen activity.
    var lastWork: String
    var lastWorkAgo: String
    /// The latest sample.
    var heartbeat: String
    var heartbeatAgo: String
    var currentTask: String
    var sinceYesterday: String
    /// Commits (merges apart) and completions in the last 30 days.
    var commits30d: Int
    var completed30d: Int

    func value(named name: String) -> Any? {
        switch name {
        case "id": id
        case "name": self.name
        case "isAgent": isAgent
        case "sources": sources
        case "firstSeen": firstSeen
        case "lastSeen": lastSeen
        case "lastWork", "lastActivity": lastWork
        case "lastWorkAgo", "ago": lastWorkAgo
        case "heartbeat": heartbeat
        case "heartbeatAgo": heartbeatAgo
        case "currentTask": currentTask
        case "sinceYesterday": sinceYesterday
        case "commits30d": commits30d
        case "completed30d": completed30d
        default: nil
        }
    }
}

/// The agent's latest metric sample.
struct SampleView: TemplateView {
    var time: String
    var status: String
    var task: String
    var cpu: String
    var memory: String
    var memoryBytes: String
    var uncommitted: String
    var branch: String

    func value(named name: String) -> Any? {
        switch name {
        case "time": time
        case "status": status
        case "task": task
        case "cpu": cpu
        case "memory": memory
        case "memoryBytes": memoryBytes
        case "uncommitted": uncommitted
        case "branch": branch
        default: nil
        }
    }
}

/// Commits and lines of one day.
struct CommitDayRow: TemplateView {
    var date: String
    /// Commits other than merges.
    var commits: Int
    var merges: Int
    var added: Int
    var deleted: Int

    func value(named name: String) -> Any? {
        switch name {
        case "date": date
        case "commits": commits
        case "merges": merges
        case "added": added
        case "deleted": deleted
        default: nil
        }
    }
}

/// One task the agent completed.
struct CompletedRow: TemplateView {
    var id: String
    var title: String
    var time: String
    var lead: String
    var cycle: String

    func value(named name: String) -> Any? {
        switch name {
        case "id": id
        case "title": title
        case "time": time
        case "lead": lead
        case "cycle": cycle
        default: nil
        }
    }
}

/// One line of the agent's recent activity.
struct EventRow: TemplateView {
    var time: String
    /// `commit`, `progress`, `task completed`, …
    var kind: String
    var subject: String
    var what: String

    func value(named name: String) -> Any? {
        switch name {
        case "time": time
        case "kind": kind
        case "subject": subject
        case "what": what
        default: nil
        }
    }
}

/// One progress-log entry, its body quoted.
struct EntryRow: TemplateView {
    var time: String
    var title: String
    var hasTitle: Bool
    var taskIds: String
    var hasTaskIds: Bool
    /// When its agent last edited it after it was first read (`edited_at`), or nil.
    var edited: String?
    /// The body inside a blockquote, made safe (inserted raw).
    var quoted: String

    func value(named name: String) -> Any? {
        switch name {
        case "time": time
        case "title": title
        case "hasTitle": hasTitle
        case "taskIds": taskIds
        case "hasTaskIds": hasTaskIds
        case "edited": edited
        case "quoted": quoted
        default: nil
        }
    }
}

/// An agent page's session events (`AgentPages.sessions`).
struct SessionsView: TemplateView, Equatable {
    /// `2026-03-14 to 2026-03-20`.
    var window: String
    /// "6 sessions started, 6 ended, 1 turn ended in an API error".
    var summary: String
    /// Sessions started and ended, and turns that ended in an API error, in the window.
    var started: Int
    var ended: Int
    var failures: Int
    /// The newest events, newest first.
    var recent: [SessionRow]
    /// Events in the window beyond those listed; absent when all are listed.
    var more: Int?

    func value(named name: String) -> Any? {
        switch name {
        case "window": window
        case "summary": summary
        case "started": started
        case "ended": ended
        case "failures": failures
        case "recent": recent
        case "more": more
        default: nil
        }
    }
}

/// One session event.
struct SessionRow: TemplateView, Equatable {
    var time: String
    /// "started", "ended", "API error".
    var event: String
    /// The start's source, the end's reason, the failure's error type; "—" when none.
    var reason: String
    /// The session id; "—" when none.
    var session: String

    func value(named name: String) -> Any? {
        switch name {
        case "time": time
        case "event": event
        case "reason": reason
        case "session": session
        default: nil
        }
    }
}
