import Foundation
import GRDB

/// The task rules: blocked, stalled, and the team's weekly velocity.
extension AlertEvaluator {
    /// `task-blocked:<task>`: a task on the board (not removed) whose status is blocked.
    /// A warning from the moment it is blocked; an error once blocked for more than
    /// `taskBlockedHours` (the same alert, its severity raised).
    func blockedTasks(in db: Database) throws -> [AlertFinding] {
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT task_id, title, assigned_to, status_since, blockers FROM tasks
                WHERE status = 'blocked' AND removed = 0 AND status_since <= ? ORDER BY task_id
                """, arguments: [nowText])
        return rows.compactMap { row in
            let id: String = row["task_id"]
            let since: String = row["status_since"]
            guard let start = UTCTime.parse(since) else { return nil }
            let hours = Double(now - start) / 3600
            let long = hours > thresholds.taskBlockedHours
            let blockers = (row["blockers"] as String?).map(strings(inJSON:)) ?? []
            let reason = blockers.isEmpty ? "" : "; blockers: " + blockers.joined(separator: "; ")
            let owner = (row["assigned_to"] as String?).map { ", assigned to \($0)" } ?? ""
            return AlertFinding(
                rule: .taskBlocked, subject: id, severity: long ? .error : .warning,
                title: "Task \(id) is blocked",
                message:
                    "Task \(id) (\(row["title"] as String? ?? id)\(owner)) has been blocked since \(since) UTC, for \(amount((hours * 10).rounded() / 10)) hours"
                    + (long ? ", more than the \(amount(thresholds.taskBlockedHours))-hour threshold" : "") + reason
                    + ".",
                evidence: [
                    "task": id, "blocked_since": since, "blocked_hours": (hours * 10).rounded() / 10,
                    "threshold_hours": thresholds.taskBlockedHours, "blockers": blockers,
                ],
                since: start)
        }
    }

    /// `task-stalled:<task>`: a task in progress (not removed) with no activity — no task
    /// event, no commit that names it, no progress entry that names it — for more than
    /// `taskStalledDays`. Metric samples naming it as current task are heartbeats, not activity.
    func stalledTasks(in db: Database) throws -> [AlertFinding] {
        let limit = thresholds.taskStalledDays * 86_400
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT task_id, title, assigned_to, status_since, last_changed_at FROM tasks
                WHERE status = 'in_progress' AND removed = 0 ORDER BY task_id
                """)
        var findings: [AlertFinding] = []
        for row in rows {
            let id: String = row["task_id"]
            var candidates: [(time: String, what: String)] = [
                (row["status_since"], "moved to in progress"), (row["last_changed_at"], "last board change"),
            ]
            if let time = try String.fetchOne(
                db,
                sql: """
                    SELECT MAX(timestamp) FROM task_events WHERE task_id = ? AND timestamp <= ?
                    """, arguments: [id, nowText])
            {
                candidates.append((time, "task event"))
            }
            if let commit = try Row.fetchOne(
                db,
                sql: """
                    SELECT c.commit_timestamp, c.short_hash FROM commit_tasks t JOIN git_commits c ON c.commit_hash = t.commit_hash
                    WHERE t.task_id = ? AND c.commit_timestamp <= ? ORDER BY c.commit_timestamp DESC LIMIT 1
                    """, arguments: [id, nowText])
            {
                candidates.append((commit["commit_timestamp"], "commit \(commit["short_hash"] as String? ?? "")"))
            }
            if let entry = try Row.fetchOne(
                db,
                sql: """
                    SELECT timestamp, agent_id FROM progress_entries
                    WHERE task_ids LIKE ? AND timestamp <= ? AND EXISTS (SELECT 1 FROM json_each(task_ids) WHERE value = ?)
                    ORDER BY timestamp DESC LIMIT 1
                    """, arguments: ["%" + id + "%", nowText, id])
            {
                candidates.append((entry["timestamp"], "progress entry by \(entry["agent_id"] as String? ?? "")"))
            }
            let known = candidates.filter { $0.time <= nowText }
            guard let last = known.max(by: { $0.time < $1.time }), let lastTime = UTCTime.parse(last.time) else {
                continue
            }
            let quiet = Double(now - lastTime)
            guard quiet > limit else { continue }
            let days = (quiet / 8640).rounded() / 10
            let owner = (row["assigned_to"] as String?).map { ", assigned to \($0)" } ?? ""
            findings.append(
                AlertFinding(
                    rule: .taskStalled, subject: id, severity: .warning,
                    title: "Task \(id) has stalled",
                    message:
                        "Task \(id) (\(row["title"] as String? ?? id)\(owner)) is in progress with no activity since \(last.time) UTC (last: \(last.what)), for \(amount(days)) days, more than the \(amount(thresholds.taskStalledDays))-day threshold.",
                    evidence: [
                        "task": id, "last_activity": last.time, "last_activity_kind": last.what,
                        "quiet_days": days, "threshold_days": thresholds.taskStalledDays,
                    ],
                    since: lastTime))
        }
        return findings
    }

    /// `velocity-low:team` (info): tasks completed in the last 7 days (the report's window:
    /// today and the six calendar days before, up to now) below half the weekly average of the
    /// 4 weeks (28 calendar days) before. Needs task history reaching back over those 5 weeks
    /// and a non-zero average; otherwise there is nothing to compare with.
    func velocity(in db: Database) throws -> [AlertFinding] {
        let week = ReportWindow(days: 7, now: now)
        let baselineStart = week.start - 28 * 86_400
        guard let earliest = try String.fetchOne(db, sql: "SELECT MIN(timestamp) FROM task_events"),
            earliest <= UTCTime.format(baselineStart)
        else { return [] }
        let count = { (from: Int64, to: Int64) throws -> Int in
            try Int.fetchOne(
                db,
                sql: """
                    SELECT COUNT(*) FROM task_events WHERE event_type = 'completed' AND timestamp >= ? AND timestamp <= ?
                    """, arguments: [UTCTime.format(from), UTCTime.format(to)]) ?? 0
        }
        let current = try count(week.start, now)
        let previous = try count(baselineStart, week.start - 1)
        let average = Double(previous) / 4
        guard average > 0, Double(current) < average / 2 else { return [] }
        return [
            AlertFinding(
                rule: .velocityLow, subject: "team", severity: .info,
                title: "Weekly velocity is low",
                message:
                    "\(current) tasks completed in the last 7 days (\(week.startText) to \(nowText) UTC), below half the weekly average of the 4 weeks before (\(amount(average)) tasks: \(previous) completed from \(UTCTime.format(baselineStart)) to \(week.startText) UTC).",
                evidence: [
                    "completed_last_7_days": current, "completed_previous_4_weeks": previous,
                    "weekly_average": average, "window_start": week.startText, "window_end": nowText,
                ])
        ]
    }

    /// `review-queue:team` (warning): tasks on the board (not removed) waiting in review
    /// longer than `reviewQueueHours`; the alert names how many and the oldest. Since: when
    /// the oldest of them entered review.
    func reviewQueue(in db: Database) throws -> [AlertFinding] {
        let limit = Int64(thresholds.reviewQueueHours * 3_600)
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT task_id, status_since FROM tasks
                WHERE status = 'review' AND removed = 0 AND status_since <= ? ORDER BY status_since, task_id
                """, arguments: [UTCTime.format(now - limit - 1)])
        let waiting = rows.compactMap { row -> (id: String, since: Int64)? in
            guard let id: String = row["task_id"], let since = UTCTime.parse(row["status_since"] as String? ?? "")
            else { return nil }
            return (id, since)
        }
        guard let oldest = waiting.first else { return [] }
        let hours = { (since: Int64) in amount((Double(now - since) / 360).rounded() / 10) }
        let named = waiting.prefix(5).map { "\($0.id) (\(hours($0.since)) h)" }.joined(separator: ", ")
        let more = waiting.count > 5 ? " and \(waiting.count - 5) more" : ""
        return [
            AlertFinding(
                rule: .reviewQueue, subject: "team", severity: .warning,
                title: "Tasks are waiting in review",
                message:
                    "\(waiting.count) task\(waiting.count == 1 ? " has" : "s have") been waiting in review for more than \(amount(thresholds.reviewQueueHours)) hours: \(named)\(more); the oldest since \(UTCTime.format(oldest.since)) UTC.",
                evidence: [
                    "tasks": waiting.map(\.id), "oldest": oldest.id, "oldest_since": UTCTime.format(oldest.since),
                    "threshold_hours": thresholds.reviewQueueHours,
                ],
                since: oldest.since)
        ]
    }
}

/// The strings of a JSON array (other elements as their JSON text); empty for anything else.
private func strings(inJSON text: String) -> [String] {
    guard let array = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [Any] else { return [] }
    return array.map { ($0 as? String) ?? JSONSupport.encode($0) }
}
