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
        let chart = try commitsChart(data, days: 30)
        if let reference = chart.reference(from: path) { context["chart"] = reference }
        context["agents"] = try Row.fetchAll(data.db, sql: """
            SELECT agent_id, SUM(commit_timestamp >= ?1) AS c7, COUNT(*) AS c30,
                   SUM(lines_added) AS added, SUM(lines_deleted) AS deleted, MAX(commit_timestamp) AS last
            FROM git_commits WHERE commit_timestamp >= ?2 GROUP BY agent_id ORDER BY agent_id
            """, arguments: [data.stamp(daysAgo: 7), data.stamp(daysAgo: 30)]).map { row in
            ["agent": data.agents.link(row["agent_id"], from: path), "c7": row["c7"] as Int? ?? 0,
             "c30": row["c30"] as Int? ?? 0, "added": row["added"] as Int? ?? 0, "deleted": row["deleted"] as Int? ?? 0,
             "last": row["last"] as String? ?? "—"]
        }
        context["grid"] = try grid(data, from: path)
        context["branches"] = try Row.fetchAll(data.db, sql: """
            SELECT branch, agent_id, COUNT(*) AS n, MAX(commit_timestamp) AS last FROM git_commits
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
    static func commitsChart(_ data: ReportData, days: Int) throws -> SVGChart {
        let last = Figures.day(data.now)
        let first = last - Int64(days) + 1
        var counts = [Double](repeating: 0, count: days)
        for row in try Row.fetchAll(data.db, sql: """
            SELECT date(commit_timestamp) AS d, COUNT(*) AS n FROM git_commits WHERE commit_timestamp >= ? GROUP BY d
            """, arguments: [Figures.date(ofDay: first)]) {
            guard let seconds = Figures.seconds(row["d"] as String? ?? "") else { continue }
            let day = Figures.day(seconds)
            if day >= first, day <= last { counts[Int(day - first)] += Double(row["n"] as Int? ?? 0) }
        }
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
        for row in try Row.fetchAll(data.db, sql: """
            SELECT agent_id, date(commit_timestamp) AS d, COUNT(*) AS n FROM git_commits
            WHERE commit_timestamp >= ? GROUP BY agent_id, d
            """, arguments: [Figures.date(ofDay: first)]) {
            guard let seconds = Figures.seconds(row["d"] as String? ?? ""), let agent: String = row["agent_id"] else { continue }
            let day = Figures.day(seconds)
            guard day >= first, day <= last else { continue }
            cells[agent, default: [Int](repeating: 0, count: gridDays)][Int(day - first)] += row["n"] as Int? ?? 0
        }
        let rows: [[String: Any]] = cells.keys.sorted().map { agent in
            let counts = cells[agent] ?? []
            return ["agent": data.agents.link(agent, from: path), "cells": counts.map { ["n": $0] },
                    "total": counts.reduce(0, +)]
        }
        return ["days": (first...last).map { ["date": Figures.shortDate(ofDay: $0)] }, "rows": rows, "hasRows": !rows.isEmpty]
    }
}
