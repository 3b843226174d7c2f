import Foundation

/// How the shared rows are made from the records the queries return.
extension ReportFacts {
    /// The status row of every agent, for a page at `path`.
    func agentStatusRows(from path: String) -> [AgentStatusRow] {
        agents.entries.map { entry in
            let sample = latestSamples[entry.id]
            let activity = lastActivity[entry.id]
            return AgentStatusRow(
                agent: agents.link(entry.id, from: path), name: entry.name, status: sample?.status ?? "no samples",
                cpu: Figures.fixed(sample?.cpu, 1, suffix: " %"),
                currentTask: sample?.currentTask ?? "—", lastActivity: activity ?? "—", ago: ago(activity),
                uncommitted: sample?.uncommitted.map(String.init) ?? "—", branch: sample?.branch ?? "—",
                sampledAt: sample?.time ?? "—")
        }
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

    /// The row of `alert`.
    func alertRow(_ alert: AlertRecord) -> AlertRow {
        let silenced = Figures.seconds(alert.silencedUntil).map { $0 > now } ?? false
        return AlertRow(
            id: alert.id, alertId: alert.alertId, severity: alert.severity, type: alert.type, title: alert.title,
            message: alert.message ?? "", source: alert.source ?? "—", createdAt: alert.createdAt ?? "—",
            age: ago(alert.createdAt),
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
