import Foundation
import GRDB

/// The `activity` page: the git feed, commits per agent per day, lines, branches, exclusions.
enum ActivityPage {
    /// Days of the per-agent-per-day grid.
    static let gridDays = 7

    /// The page and its chart.
    static func build(_ data: ReportData) throws -> ReportPage {
        let path = "activity"
        var context = try data.common(path: path)
        let commits = try CommitQueries.recent(data, limit: 50, from: path)
        context["commits"] = commits
        context["hasCommits"] = !commits.isEmpty
        let chart = commitsChart(data, days: RecentCommits.days)
        if let reference = chart.reference(from: path) { context["chart"] = reference }
        let weekAgo = data.stamp(daysAgo: 7)
        let monthAgo = data.stamp(daysAgo: 30)
        var perAgent: [String: (c7: Int, c30: Int, added: Int, deleted: Int, last: String)] = [:]
        for commit in data.recentCommits.commits where commit.stamp >= monthAgo {
            var totals = perAgent[commit.agent] ?? (0, 0, 0, 0, "")
            if commit.stamp >= weekAgo { totals.c7 += 1 }
            totals.c30 += 1
            totals.added += commit.added
            totals.deleted += commit.deleted
            totals.last = max(totals.last, commit.stamp)
            perAgent[commit.agent] = totals
        }
        context["agents"] = perAgent.keys.sorted().map { agent -> [String: Any] in
            let totals = perAgent[agent] ?? (0, 0, 0, 0, "")
            return ["agent": data.agents.link(agent, from: path), "c7": totals.c7, "c30": totals.c30,
                    "added": totals.added, "deleted": totals.deleted, "last": totals.last]
        }
        context["grid"] = try grid(data, from: path)
        // NOT INDEXED: one sequential pass and a sort beat walking the branch index, which
        // fetches every commit from the table in index order (a random read each).
        context["branches"] = try Row.fetchAll(data.db, sql: """
            SELECT branch, agent_id, COUNT(*) AS n, MAX(commit_timestamp) AS last FROM git_commits NOT INDEXED
            WHERE branch IS NOT NULL GROUP BY branch, agent_id ORDER BY last DESC, branch LIMIT 30
            """).map { row in
            ["branch": row["branch"] as String? ?? "", "agent": data.agents.link(row["agent_id"], from: path),
             "commits": row["n"] as Int? ?? 0, "last": row["last"] as String? ?? "—"]
        }
        context["exclusions"] = try Row.fetchAll(data.db, sql: """
            SELECT kind, pattern, SUM(commits) AS commits, SUM(files) AS files, SUM(lines_added) AS added,
                   SUM(lines_deleted) AS deleted FROM git_exclusions GROUP BY kind, pattern ORDER BY kind, pattern
            """).map { row in
            ["kind": row["kind"] as String? ?? "", "pattern": row["pattern"] as String? ?? "",
             "commits": row["commits"] as Int? ?? 0, "files": row["files"] as Int? ?? 0,
             "added": row["added"] as Int? ?? 0, "deleted": row["deleted"] as Int? ?? 0]
        }
        return ReportPage(path: path, template: "activity", title: "Activity", context: context, charts: [chart])
    }

    /// Commits per day, all agents.
    static func commitsChart(_ data: ReportData, days: Int) -> SVGChart {
        let last = Figures.day(data.now)
        let first = last - Int64(days) + 1
        let counts = data.recentCommits.perDay(from: first, to: last)
        return SVGChart(
            fileName: "commits-\(days)d.svg", title: "Commits per day, last \(days) days",
            summary: "\(Int(counts.reduce(0, +))) commits by all agents from \(Figures.date(ofDay: first)) to \(Figures.date(ofDay: last)).",
            kind: .bars, labels: (first...last).map { Figures.shortDate(ofDay: $0) },
            series: [.init(name: "commits", values: counts, colour: 0)])
    }

    /// Commits per agent per day over the last `gridDays` days: a header of dates and one row per agent.
    static func grid(_ data: ReportData, from path: String) throws -> [String: Any] {
        let last = Figures.day(data.now)
        let first = last - Int64(gridDays) + 1
        var cells: [String: [Int]] = [:]
        for commit in data.recentCommits.commits where commit.day >= first && commit.day <= last {
            cells[commit.agent, default: [Int](repeating: 0, count: gridDays)][Int(commit.day - first)] += 1
        }
        let rows: [[String: Any]] = cells.keys.sorted().map { agent in
            let counts = cells[agent] ?? []
            return ["agent": data.agents.link(agent, from: path), "cells": counts.map { ["n": $0] },
                    "total": counts.reduce(0, +)]
        }
        return ["days": (first...last).map { ["date": Figures.shortDate(ofDay: $0)] }, "rows": rows, "hasRows": !rows.isEmpty]
    }
}
