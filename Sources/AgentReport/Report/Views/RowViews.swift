/// The table rows several pages share: an agent's status, a commit, an alert, a task.

/// One agent in the status tables of the index and agents pages: the morning questions.
struct AgentStatusRow: TemplateView {
    var agent: AgentLink
    /// The display name.
    var name: String
    /// The latest sample's status with its mark (`🟢 active`), or `no samples`.
    var status: String
    /// The latest sample's CPU (`37.5 %`), or `—`.
    var cpu: String
    /// What it works on: the latest sample's task, else its task in progress on the board,
    /// with how long it has been in progress; `—` for nothing.
    var currentTask: String
    /// The newest commit, task event, progress entry or collector-seen activity, or `—`.
    var lastWork: String
    /// How long ago, and what it was.
    var lastWorkAgo: String
    /// The latest sample (the heartbeat), or `—`.
    var heartbeat: String
    var heartbeatAgo: String
    /// Commits and lines (merges apart), tasks moved and completed, progress entries since
    /// yesterday 00:00 UTC.
    var sinceYesterday: String
    var uncommitted: String
    var branch: String
    /// The latest sample's time (as `heartbeat`).
    var sampledAt: String

    func value(named name: String) -> Any? {
        switch name {
        case "agent": agent
        case "name": self.name
        case "status": status
        case "cpu": cpu
        case "currentTask": currentTask
        case "lastWork", "lastActivity": lastWork
        case "lastWorkAgo", "ago": lastWorkAgo
        case "heartbeat": heartbeat
        case "heartbeatAgo": heartbeatAgo
        case "sinceYesterday": sinceYesterday
        case "uncommitted": uncommitted
        case "branch": branch
        case "sampledAt": sampledAt
        default: nil
        }
    }
}

/// One commit of a feed.
struct CommitRow: TemplateView {
    var hash: String
    var agent: AgentLink
    /// The first line of the message.
    var subject: String
    var branch: String
    var time: String
    var files: Int
    /// Lines added, or `—` when unknown (merges, unreadable diffs).
    var added: String
    var deleted: String
    var merge: Bool

    func value(named name: String) -> Any? {
        switch name {
        case "hash": hash
        case "agent": agent
        case "subject": subject
        case "branch": branch
        case "time": time
        case "files": files
        case "added": added
        case "deleted": deleted
        case "merge": merge
        default: nil
        }
    }
}

/// One alert in any of the alert tables.
struct AlertRow: TemplateView {
    /// The row number `alerts ack` takes.
    var id: Int64
    var alertId: String
    var severity: String
    var type: String
    var title: String
    var message: String
    var source: String
    /// When it was opened.
    var createdAt: String
    /// When its condition began (else when it was opened).
    var since: String
    var age: String
    /// The evidence as one line of text.
    var evidence: String
    var acknowledgedBy: String
    var acknowledgedAt: String
    var note: String
    var resolvedAt: String
    var resolvedBy: String
    var silencedUntil: String
    var lastSeen: String
    /// `open`, `acknowledged`, `silenced` or `resolved`.
    var state: String

    func value(named name: String) -> Any? {
        switch name {
        case "id": id
        case "alertId": alertId
        case "severity": severity
        case "type": type
        case "title": title
        case "message": message
        case "source": source
        case "createdAt": createdAt
        case "since": since
        case "age": age
        case "evidence": evidence
        case "acknowledgedBy": acknowledgedBy
        case "acknowledgedAt": acknowledgedAt
        case "note": note
        case "resolvedAt": resolvedAt
        case "resolvedBy": resolvedBy
        case "silencedUntil": silencedUntil
        case "lastSeen": lastSeen
        case "state": state
        default: nil
        }
    }
}

/// One task in the board, blocked and unmet-dependency tables.
struct TaskRow: TemplateView {
    var id: String
    var title: String
    var priority: String
    var assignee: AgentLink
    /// When it entered its status.
    var since: String
    var age: String
    /// The blockers, or `no reason given`.
    var blockers: String
    /// The dependencies not done yet, with their status (unmet-dependency rows only).
    var waitingOn: String?

    func value(named name: String) -> Any? {
        switch name {
        case "id": id
        case "title": title
        case "priority": priority
        case "assignee": assignee
        case "since": since
        case "age": age
        case "blockers": blockers
        case "waitingOn": waitingOn
        default: nil
        }
    }
}

/// One window of the lead and cycle time table.
struct TimingRow: TemplateView {
    var days: Int
    var completed: Int
    var perWeek: String
    var leadMedian: String
    var leadP90: String
    var cycleMedian: String
    var cycleP90: String
    /// Completions with a lead / cycle time, `12/10`.
    var measured: String

    func value(named name: String) -> Any? {
        switch name {
        case "days": days
        case "completed": completed
        case "perWeek": perWeek
        case "leadMedian": leadMedian
        case "leadP90": leadP90
        case "cycleMedian": cycleMedian
        case "cycleP90": cycleP90
        case "measured": measured
        default: nil
        }
    }
}

/// One open alert, its repeats gathered: what broke, in a sentence, and since when.
struct OpenAlertRow: TemplateView {
    /// The severity with its mark (`🔴 error`).
    var severity: String
    /// The bare severity word, for grouping.
    var level: String
    var title: String
    /// The newest occurrence's message.
    var sentence: String
    /// When the condition began, `YYYY-MM-DD HH:MM` UTC.
    var since: String
    /// How long ago ("2.1 d").
    var sinceAgo: String
    /// `×11, latest 2026-03-20 07:00` when it was reported more than once.
    var repeats: String?
    /// The row numbers `alerts ack` takes: `id 12`, `ids 12, 13`.
    var ids: String

    func value(named name: String) -> Any? {
        switch name {
        case "severity": severity
        case "level": level
        case "title": title
        case "sentence": sentence
        case "since": since
        case "sinceAgo": sinceAgo
        case "repeats": repeats
        case "ids": ids
        default: nil
        }
    }
}
