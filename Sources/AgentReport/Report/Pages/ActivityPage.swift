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
        let month = facts.window(days: RecentCommits.days)
        let week = facts.window(days: 7)
        let chart = commitsChart(facts, window: month)
        let weekly = facts.recentCommits.tallies(in: week)
        let monthly = facts.recentCommits.tallies(in: month)
        // Agents first, then ids that are no agent (`unattributed`), each group by id.
        let ids = ReportFacts.agentsFirst(monthly.keys)
        let commits = input.commits.map { facts.commitRow($0, from: path) }
        let totalWeek = facts.recentCommits.tally(in: week)
        let totalMonth = facts.recentCommits.tally(in: month)
        let view = ActivityView(
            chart: chart.reference(from: path), commits: commits, hasCommits: !commits.isEmpty,
            agents: ids.map { id in
                let totals = monthly[id] ?? RecentCommits.Tally()
                return ActivityView.AgentRow(
                    agent: facts.agents.link(id, from: path), c7: weekly[id]?.commits ?? 0, c30: totals.commits,
                    merges: totals.merges, added: totals.added, deleted: totals.deleted, last: totals.last)
            },
            total: ActivityView.AgentRow(
                agent: AgentLink(name: "all", href: nil, hasPage: false), c7: totalWeek.commits,
                c30: totalMonth.commits,
                merges: totalMonth.merges, added: totalMonth.added, deleted: totalMonth.deleted, last: totalMonth.last),
            grid: grid(facts, window: week, from: path),
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

    /// Commits (merges apart) per day of `window`, all agents.
    static func commitsChart(_ facts: ReportFacts, window: ReportWindow) -> SVGChart {
        let counts = facts.recentCommits.perDay(from: window.firstDay, to: window.lastDay)
        let merges = facts.recentCommits.tally(in: window).merges
        return SVGChart(
            fileName: "commits-\(window.days)d.svg", title: "Commits per day, \(window.label)",
            summary:
                "\(Int(counts.reduce(0, +))) commits by all agents, merges apart (\(merges) merges), \(window.range).",
            kind: .bars, labels: ChartLabels.days(window.dayNumbers),
            series: [.init(name: "commits", values: counts, colour: 0)])
    }

    /// Commits (merges apart) per agent per day of `window`: a header of dates and one row per agent.
    static func grid(_ facts: ReportFacts, window: ReportWindow, from path: String) -> ActivityView.Grid {
        let first = window.firstDay
        var cells: [String: [Int]] = [:]
        for commit in facts.recentCommits.commits where window.contains(stored: commit.stamp) && !commit.merge {
            cells[commit.agent, default: [Int](repeating: 0, count: window.days)][Int(commit.day - first)] += 1
        }
        let ids = ReportFacts.agentsFirst(cells.keys)
        let rows = ids.map { agent in
            let counts = cells[agent] ?? []
            return ActivityView.GridRow(
                agent: facts.agents.link(agent, from: path), cells: counts.map { ActivityView.Cell(n: $0) },
                total: counts.reduce(0, +))
        }
        let labels = ChartLabels.days(window.dayNumbers)
        return ActivityView.Grid(
            days: labels.map { ActivityView.DayLabel(date: $0) }, rows: rows, hasRows: !rows.isEmpty)
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
    /// The same for all commits.
    var total: AgentRow
    var grid: Grid
    var branches: [BranchRow]
    var exclusions: [ExclusionRow]

    func value(named name: String) -> Any? {
        switch name {
        case "chart": chart
        case "commits": commits
        case "hasCommits": hasCommits
        case "agents": agents
        case "total": total
        case "grid": grid
        case "branches": branches
        case "exclusions": exclusions
        default: nil
        }
    }

    /// One agent's commits (merges apart) and lines.
    struct AgentRow: TemplateView {
        var agent: AgentLink
        var c7: Int
        var c30: Int
        /// Merges in the last 30 days.
        var merges: Int
        var added: Int
        var deleted: Int
        var last: String

        func value(named name: String) -> Any? {
            switch name {
            case "agent": agent
            case "c7": c7
            case "c30": c30
            case "merges": merges
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
