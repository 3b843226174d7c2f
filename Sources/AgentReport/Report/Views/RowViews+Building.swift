import Foundation

/// How the shared rows are made from the records the queries return.
extension ReportFacts {
    /// The status row of every agent (not the team, not `unattributed`), for a page at `path`.
    func agentStatusRows(from path: String) -> [AgentStatusRow] {
        agentEntries.map { entry in
            let sample = latestSamples[entry.id]
            let work = lastWork[entry.id]
            let beat = heartbeat[entry.id]
            return AgentStatusRow(
                agent: agents.link(entry.id, from: path), name: entry.name,
                status: sample.map { Marks.agentStatus($0.status) } ?? "no samples",
                cpu: Figures.fixed(sample?.cpu, 1, suffix: "\u{00A0}%"),  // kept on one line in a narrow column
                currentTask: currentTask(of: entry.id),
                lastWork: work?.time ?? "—", lastWorkAgo: work.map { ago($0.time) + ", " + $0.kind } ?? "—",
                heartbeat: beat ?? "—", heartbeatAgo: ago(beat),
                sinceYesterday: sinceYesterday.line(of: entry.id, progress: progressSinceYesterday[entry.id] ?? 0),
                uncommitted: sample?.uncommitted.map(String.init) ?? "—", branch: sample?.branch ?? "—",
                sampledAt: sample?.time ?? "—")
        }
    }

    /// What `agent` works on: the task its latest sample names, else its task in progress on
    /// the board (the newest, and how many more), with how long it has been in progress.
    func currentTask(of agent: String) -> String {
        if let task = latestSamples[agent]?.currentTask, !task.isEmpty {
            guard let since = inProgressSince[task].flatMap(Figures.seconds) else { return task }
            return "\(task) (in progress \(Figures.duration(Double(max(now - since, 0)))))"
        }
        guard let board = inProgress[agent] else { return "—" }
        let age = Figures.duration(Figures.seconds(board.task.statusSince).map { Double(max(now - $0, 0)) })
        let more = board.count > 1 ? " +\(board.count - 1) more" : ""
        return "\(board.task.id) (board: in progress \(age))\(more)"
    }

    /// `3 commits (+120 −40), 1 merge, 2 tasks moved, 1 completed, 1 progress entry`, or `nothing`.
    static func sinceYesterday(commits: RecentCommits.Tally, moved: Int, completed: Int, progress: Int) -> String {
        var parts: [String] = []
        if commits.commits > 0 {
            parts.append(Figures.count(commits.commits, "commit") + " (+\(commits.added) −\(commits.deleted))")
        }
        if commits.merges > 0 { parts.append(Figures.count(commits.merges, "merge")) }
        if moved > 0 { parts.append(Figures.count(moved, "task") + " moved") }
        if completed > 0 { parts.append("\(completed) completed") }
        if progress > 0 { parts.append(Figures.count(progress, "progress entry", plural: "progress entries")) }
        return parts.isEmpty ? "nothing" : parts.joined(separator: ", ")
    }

    /// The row of `commit`, for a page at `path`.
    func commitRow(_ commit: CommitRecord, from path: String) -> CommitRow {
        let unknown = commit.isMerge || commit.linesUnknown
        return CommitRow(
            hash: commit.shortHash, agent: agents.link(commit.agentId, from: path), subject: commit.subject,
            branch: commit.branch ?? "—", time: commit.time, files: commit.files,
            added: unknown ? "—" : String(commit.added),
            deleted: unknown ? "—" : String(commit.deleted), merge: commit.isMerge)
    }

    /// The row of one open alert and its repeats.
    func openAlertRow(_ group: OpenAlertGroup) -> OpenAlertRow {
        let since = group.since
        let latest = group.latest
        let ids = group.alerts.map(\.id).sorted()
        return OpenAlertRow(
            severity: Marks.severity(group.severity), level: group.severity, title: latest.title,
            sentence: group.sentence,
            since: since.map { String($0.prefix(16)) } ?? "—",
            sinceAgo: Figures.seconds(since).map { Figures.duration(Double(max(now - $0, 0))) } ?? "—",
            repeats: group.count > 1 ? "×\(group.count), latest \((latest.createdAt ?? "").prefix(16))" : nil,
            ids: (ids.count == 1 ? "id " : "ids ") + Self.ranges(ids))
    }

    /// `3, 7–12, 15`: sorted numbers with consecutive runs joined.
    static func ranges(_ numbers: [Int64]) -> String {
        var parts: [String] = []
        var index = 0
        while index < numbers.count {
            var end = index
            while end + 1 < numbers.count, numbers[end + 1] == numbers[end] + 1 { end += 1 }
            parts.append(
                end > index + 1
                    ? "\(numbers[index])–\(numbers[end])"
                    : numbers[index...end].map(String.init).joined(separator: ", "))
            index = end + 1
        }
        return parts.joined(separator: ", ")
    }

    /// The row of `alert`.
    func alertRow(_ alert: AlertRecord) -> AlertRow {
        let silenced = Figures.seconds(alert.silencedUntil).map { $0 > now } ?? false
        return AlertRow(
            id: alert.id, alertId: alert.alertId, severity: Marks.severity(alert.severity), type: alert.type,
            title: alert.title, message: alert.message ?? "", source: alert.source ?? "—",
            createdAt: alert.createdAt ?? "—",
            since: alert.conditionSince ?? alert.createdAt ?? "—", age: ago(alert.createdAt),
            evidence: alert.evidenceLine, acknowledgedBy: alert.acknowledgedBy ?? "—",
            acknowledgedAt: alert.acknowledgedAt ?? "—", note: alert.acknowledgedNote ?? "",
            resolvedAt: alert.resolvedAt ?? "—",
            resolvedBy: alert.resolvedBy ?? "—", silencedUntil: alert.silencedUntil ?? "—",
            lastSeen: alert.lastSeenAt ?? "—",
            state: alert.resolved ? "resolved" : alert.acknowledged ? "acknowledged" : silenced ? "silenced" : "open")
    }

    /// The row of `task`, for a page at `path`.
    func taskRow(_ task: TaskRecord, from path: String) -> TaskRow {
        TaskRow(
            id: task.id, title: task.title, priority: task.priority.isEmpty ? "—" : task.priority,
            assignee: agents.link(task.assignee, from: path), since: task.statusSince ?? "—",
            age: ago(task.statusSince),
            blockers: task.blockers.isEmpty ? "no reason given" : task.blockers.joined(separator: "; "))
    }
}
