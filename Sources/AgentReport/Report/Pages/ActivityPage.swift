import Foundation

/// The `activity` page: the git feed, commits per agent per day, lines, branches, exclusions.
enum ActivityPage {
    /// Days of the per-agent-per-day grid.
    static let gridDays = 7

    /// What the page reads besides the shared facts.
    struct Input {
        /// The newest 50 commits.
        var commits: [CommitRecord]
        /// The 30 branches with the newest commits.
        var branches: [BranchRecord]
        var exclusions: [ExclusionRecord]
    }

    /// Reads the page's input.
    static func input(from queries: ReportQueries, facts: ReportFacts) throws -> Input {
        Input(
            commits: try queries.recentCommits(limit: 50), branches: try queries.branches(limit: 30),
            exclusions: try queries.exclusions())
    }

    /// The page.
    static func page(_ input: Input, facts: ReportFacts) -> ReportPage {
        let path = "activity"
        let chart = commitsChart(facts, days: RecentCommits.days)
        let weekAgo = facts.stamp(daysAgo: 7)
        let monthAgo = facts.stamp(daysAgo: 30)
        var perAgent: [String: (c7: Int, c30: Int, added: Int, deleted: Int, last: String)] = [:]
        for commit in facts.recentCommits.commits where commit.stamp >= monthAgo {
            var totals = perAgent[commit.agent] ?? (0, 0, 0, 0, "")
            if commit.stamp >= weekAgo { totals.c7 += 1 }
            totals.c30 += 1
            totals.added += commit.added
            totals.deleted += commit.deleted
            totals.last = max(totals.last, commit.stamp)
            perAgent[commit.agent] = totals
        }
        let commits = input.commits.map { facts.commitRow($0, from: path) }
        let view = ActivityView(
            chart: chart.reference(from: path), commits: commits, hasCommits: !commits.isEmpty,
            agents: perAgent.keys.sorted().map { agent in
                let totals = perAgent[agent] ?? (0, 0, 0, 0, "")
                return ActivityView.AgentRow(
                    agent: facts.agents.link(agent, from: path), c7: totals.c7, c30: totals.c30, added: totals.added,
                    deleted: totals.deleted, last: totals.last)
            },
            grid: grid(facts, from: path),
            branches: input.branches.map { branch in
                ActivityView.BranchRow(
                    branch: branch.branch, agent: facts.agents.link(branch.agentId, from: path),
                    commits: branch.commits,
                    last: branch.last ?? "—")
            },
            exclusions: input.exclusions.map { rule in
                ActivityView.ExclusionRow(
                    kind: rule.kind, pattern: rule.pattern, commits: rule.commits, files: rule.files, added: rule.added,
                    deleted: rule.deleted)
            })
        return ReportPage(
            path: path, template: "activity", title: "Activity", view: view, site: facts.site(for: path),
            charts: [chart])
    }

    /// Commits per day, all agents.
    static func commitsChart(_ facts: ReportFacts, days: Int) -> SVGChart {
        let last = Figures.day(facts.now)
        let first = last - Int64(days) + 1
        let counts = facts.recentCommits.perDay(from: first, to: last)
        return SVGChart(
            fileName: "commits-\(days)d.svg", title: "Commits per day, last \(days) days",
            summary:
                "\(Int(counts.reduce(0, +))) commits by all agents from \(Figures.date(ofDay: first)) to \(Figures.date(ofDay: last)).",
            kind: .bars, labels: (first...last).map { Figures.shortDate(ofDay: $0) },
            series: [.init(name: "commits", values: counts, colour: 0)])
    }

    /// Commits per agent per day over the last `gridDays` days: a header of dates and one row per agent.
    static func grid(_ facts: ReportFacts, from path: String) -> ActivityView.Grid {
        let last = Figures.day(facts.now)
        let first = last - Int64(gridDays) + 1
        var cells: [String: [Int]] = [:]
        for commit in facts.recentCommits.commits where commit.day >= first && commit.day <= last {
            cells[commit.agent, default: [Int](repeating: 0, count: gridDays)][Int(commit.day - first)] += 1
        }
        let rows = cells.keys.sorted().map { agent in
            let counts = cells[agent] ?? []
            return ActivityView.GridRow(
                agent: facts.agents.link(agent, from: path), cells: counts.map { ActivityView.Cell(n: $0) },
                total: counts.reduce(0, +))
        }
        return ActivityView.Grid(
            days: (first...last).map { ActivityView.DayLabel(date: Figures.shortDate(ofDay: $0)) }, rows: rows,
            hasRows: !rows.isEmpty)
    }
}

/// What `activity.md.mustache` sees.
struct ActivityView: TemplateView {
    var chart: ChartReference?
    /// The newest 50 commits.
    var commits: [CommitRow]
    var hasCommits: Bool
    /// Commits and lines per agent, last 7 and 30 days.
    var agents: [AgentRow]
    var grid: Grid
    var branches: [BranchRow]
    var exclusions: [ExclusionRow]

    func value(named name: String) -> Any? {
        switch name {
        case "chart": chart
        case "commits": commits
        case "hasCommits": hasCommits
        case "agents": agents
        case "grid": grid
        case "branches": branches
        case "exclusions": exclusions
        default: nil
        }
    }

    /// One agent's commits and lines.
    struct AgentRow: TemplateView {
        var agent: AgentLink
        var c7: Int
        var c30: Int
        var added: Int
        var deleted: Int
        var last: String

        func value(named name: String) -> Any? {
            switch name {
            case "agent": agent
            case "c7": c7
            case "c30": c30
            case "added": added
            case "deleted": deleted
            case "last": last
            default: nil
            }
        }
    }

    /// Commits per agent per day.
    struct Grid: TemplateView {
        var days: [DayLabel]
        var rows: [GridRow]
        var hasRows: Bool

        func value(named name: String) -> Any? {
            switch name {
            case "days": days
            case "rows": rows
            case "hasRows": hasRows
            default: nil
            }
        }
    }

    /// One column header of the grid.
    struct DayLabel: TemplateView {
        /// `MM-DD`.
        var date: String

        func value(named name: String) -> Any? { name == "date" ? date : nil }
    }

    /// One agent's row of the grid.
    struct GridRow: TemplateView {
        var agent: AgentLink
        var cells: [Cell]
        var total: Int

        func value(named name: String) -> Any? {
            switch name {
            case "agent": agent
            case "cells": cells
            case "total": total
            default: nil
            }
        }
    }

    /// One cell of the grid.
    struct Cell: TemplateView {
        var n: Int

        func value(named name: String) -> Any? { name == "n" ? n : nil }
    }

    /// One branch.
    struct BranchRow: TemplateView {
        var branch: String
        var agent: AgentLink
        var commits: Int
        var last: String

        func value(named name: String) -> Any? {
            switch name {
            case "branch": branch
            case "agent": agent
            case "commits": commits
            case "last": last
            default: nil
            }
        }
    }

    /// What one exclusion rule left out.
    struct ExclusionRow: TemplateView {
        var kind: String
        var pattern: String
        var commits: Int
        var files: Int
        var added: Int
        var deleted: Int

        func value(named name: String) -> Any? {
            switch name {
            case "kind": kind
            case "pattern": pattern
            case "commits": commits
            case "files": files
            case "added": added
            case "deleted": deleted
            default: nil
            }
        }
    }
}
