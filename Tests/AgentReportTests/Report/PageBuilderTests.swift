import Foundation
import Testing

@testable import AgentReport

/// Page builders are pure functions of plain values: these tests build pages from values
/// written here, with no database.
@Suite struct PageBuilderTests {
    static let now: Int64 = 1_774_008_000  // 2026-03-20 12:00:00 UTC

    static func t(_ hoursAgo: Double) -> String { UTCTime.format(now - Int64(hoursAgo * 3_600)) }

    /// Shared facts made of values.
    static func facts(
        agents: [String] = ["builder", "validator"], events: [TaskEventLog.Event] = [], samples: [AgentSample] = [],
        commits: [RecentCommits.Commit] = [], sources: [SourceState] = [], problems: [RunProblem] = []
    ) -> ReportFacts {
        ReportFacts(
            FactsInput(
                now: now, title: "Team", agents: agents.map { AgentRecord(id: $0, name: $0.capitalized) },
                events: TaskEventLog(events),
                latestSamples: Dictionary(samples.map { ($0.agentId, $0) }, uniquingKeysWith: { a, _ in a }),
                recentCommits: commits, sources: sources, problems: problems))
    }

    static func alert(_ id: Int64, severity: String, title: String, hoursAgo: Double = 1) -> AlertRecord {
        AlertRecord(
            id: id, alertId: "a\(id)", fingerprint: "rule:\(id)", type: "agent", severity: severity, title: title,
            message: "\(title), because.", source: "agentreport", evidence: #"{"x":1}"#, createdAt: t(hoursAgo),
            lastSeenAt: t(0), acknowledged: false, resolved: false)
    }

    @Test func indexCountsTheBoardAndListsTheFirstTenOpenAlerts() {
        let facts = Self.facts(events: [
            .init(taskId: "T-1", type: "created", newStatus: "todo", assignee: "builder", timestamp: Self.t(100)),
            .init(
                taskId: "T-1", type: "completed", previousStatus: "todo", newStatus: "done", assignee: "builder",
                timestamp: Self.t(20)),
        ])
        let alerts = (1...12).map { Self.alert(Int64($0), severity: "warning", title: "Alert \($0)") }
        let page = IndexPage.page(
            .init(statusCounts: [.done: 3, .verified: 1, .blocked: 2], openAlerts: alerts, commits: []), facts: facts)
        let view = try? #require(page.ownView as? IndexPage.View)
        #expect(view?.headline.tasks == 6)
        #expect(view?.headline.done == 4)
        #expect(view?.headline.completed7d == 1)
        #expect(view?.alerts.count == 10)
        #expect(view?.moreAlerts == 2)
        #expect(view?.alerts.first?.severity == "🟠\u{00A0}warning")
        #expect(view?.statusCounts.map(\.label) == ["Blocked", "Done", "Verified"])
        #expect(view?.velocityChart != nil)
        #expect(page.site.generatedFor == "2026-03-20 12:00:00 UTC")
    }

    @Test func tasksPageListsUnmetDependenciesWithTheirStatus() {
        let task = TaskRecord(
            id: "T-2", title: "API", status: .todo, priority: "", assignee: "builder", statusSince: Self.t(5),
            dependencies: ["T-1", "T-9", "T-3"], blockers: [])
        let page = TasksPage.page(
            .init(
                statusCounts: [.todo: 1], columns: [.todo: [task]],
                dependencyStatuses: ["T-1": .inProgress, "T-3": .verified]),
            facts: Self.facts())
        let view = page.ownView as? TasksPage.View
        #expect(view?.unmet.map(\.waitingOn) == ["T-1 (in progress), T-9 (not on the board)"])
        #expect(view?.columns.first?.tasks.first?.priority == "—")
        #expect(view?.columns.first?.tasks.first?.assignee.href == "agents/builder.md")
    }

    @Test func alertsOfAnUnknownSeverityGoLast() {
        let page = AlertsPage.page(
            .init(
                open: [Self.alert(1, severity: "weird", title: "A"), Self.alert(2, severity: "error", title: "B")],
                acknowledged: [],
                silenced: [], resolved: [], history: [], total: 2, openedPerDay: []),
            facts: Self.facts())
        let view = page.ownView as? AlertsPage.View
        #expect(view?.severities.map(\.severity) == ["🔴\u{00A0}error", "other"])
        #expect(view?.chart == nil, "no alert opened in the window: no chart")
    }

    @Test func theMorningRowSaysWhatEachAgentWorksOnAndDidSinceYesterday() {
        var input = FactsInput(now: Self.now)
        input.agents = [AgentRecord(id: "builder"), AgentRecord(id: "validator"), AgentRecord(id: "unattributed")]
        input.latestSamples = [
            "builder": AgentSample(agentId: "builder", time: Self.t(0.02), status: "idle", lastActivity: Self.t(5)),
            "validator": AgentSample(agentId: "validator", time: Self.t(0.02), status: "active", currentTask: "T-9"),
        ]
        input.inProgress = [
            "builder": TaskRecord(
                id: "T-1", title: "", status: .inProgress, priority: "", assignee: "builder", statusSince: Self.t(50),
                dependencies: [], blockers: [])
        ]
        input.inProgressCounts = ["builder": 3]
        input.inProgressNamed = [
            TaskRecord(
                id: "T-9", title: "", status: .inProgress, priority: "", assignee: "validator", statusSince: Self.t(2),
                dependencies: [], blockers: [])
        ]
        input.activityTimes.commit = ["builder": Self.t(3)]
        input.recentCommits = [
            .init(agent: "builder", stamp: Self.t(3), day: Figures.day(Self.now - 3 * 3_600), added: 12, deleted: 4),
            .init(agent: "builder", stamp: Self.t(40), day: Figures.day(Self.now - 40 * 3_600), added: 99, deleted: 0),
        ]
        input.progressSinceYesterday = ["validator": 2]
        let facts = ReportFacts(input)
        let rows = facts.agentStatusRows(from: "index")
        #expect(rows.map(\.agent.name) == ["builder", "validator"], "unattributed is not an agent")
        #expect(
            rows[0].currentTask == "T-1 (board: in progress 2.1 d) +2 more", "idle: the board says what it works on")
        #expect(rows[0].lastWorkAgo == "3.0 h ago, commit", "work, not the heartbeat of 1 min ago")
        #expect(rows[0].heartbeatAgo == "1 min ago")
        #expect(rows[0].sinceYesterday == "1 commit (+12 −4)", "the commit of 40 h ago was the day before yesterday")
        #expect(rows[1].currentTask == "T-9 (in progress 2.0 h)")
        #expect(rows[1].sinceYesterday == "2 progress entries")
        #expect(rows[1].status == "🟢\u{00A0}active")
    }

    @Test func repeatsOfOneAlertAreOneLineSinceItsFirstOccurrence() {
        let first = AlertRecord(
            id: 4, alertId: "c@1", fingerprint: "metric:check", type: "system", severity: "warning",
            title: "Check failing",
            message: "old sentence", createdAt: Self.t(3))
        let last = AlertRecord(
            id: 9, alertId: "c@2", fingerprint: "metric:check", type: "system", severity: "error",
            title: "Check failing",
            message: "new sentence", createdAt: Self.t(1))
        let blocked = AlertRecord(
            id: 5, alertId: "b", fingerprint: "task-blocked:T-1", type: "task", severity: "error", title: "T-1 blocked",
            message: "blocked", createdAt: Self.t(1), conditionSince: Self.t(40))
        let groups = OpenAlertGroup.grouping([blocked, last, first])
        #expect(groups.count == 2)
        let rows = groups.map(Self.facts().openAlertRow)
        #expect(rows[1].sentence == "new sentence.", "with the full stop it lacked")
        #expect(rows[1].level == "error", "the most severe occurrence")
        #expect(rows[1].since == String(Self.t(3).prefix(16)), "since the first occurrence")
        #expect(rows[1].repeats == "×2, latest \(Self.t(1).prefix(16))")
        #expect(rows[1].ids == "ids 4, 9")
        #expect(
            rows[0].since == String(Self.t(40).prefix(16)), "since the condition began, not since the build noticed it")
        #expect(ReportFacts.ranges([1, 2, 3, 5, 7, 8]) == "1–3, 5, 7, 8")
    }

    @Test func freshnessIsTheNewestDataPointNotTheLastIngest() {
        let site = SiteView(
            title: "t", now: Self.now, staleHours: 24,
            sources: [
                SourceState(name: "git", lastSuccess: Self.t(0.1), status: "ok", rows: 0),
                SourceState(name: "rag", lastSuccess: Self.t(0.1), status: "ok", rows: 0),
                SourceState(name: "usage", lastSuccess: Self.t(30), status: "ok", rows: 5),
            ],
            freshness: [
                DataFreshness(source: "git", newest: Self.t(150 * 24), future: 3),
                DataFreshness(source: "rag", newest: nil),
                DataFreshness(source: "git repo-b", newest: Self.t(2)),
            ],
            problems: [])
        let rows = Dictionary(uniqueKeysWithValues: site.sources.map { ($0.name, $0) })
        #expect(site.sources.map(\.name) == ["git", "git repo-b", "rag", "usage"])
        #expect(rows["git"]?.stale == true, "ingested minutes ago, but its newest commit is 150 days old")
        #expect(rows["git"]?.age == "150.0 d ago")
        #expect(rows["git"]?.future == 3)
        #expect(rows["git repo-b"]?.stale == false)
        #expect(rows["rag"]?.stale == false && rows["rag"]?.newest == "no data", "no data is not stale data")
        #expect(rows["usage"]?.stale == true, "a source it cannot look into is judged by its last ingest")
        #expect(site.staleCount == 2)
    }

    @Test func chartsStartAtTheFirstDataPointAndNameTheYearWhenTheyCrossOne() {
        let newYear = UTCTime.parse("2026-01-03T12:00:00Z") ?? 0
        let window = ReportWindow(days: 90, now: newYear)
        #expect(ChartLabels.days(window.dayNumbers).first == "2025-10-06")
        #expect(ChartLabels.days(ReportWindow(days: 7, now: Self.now).dayNumbers).first == "03-14")
        let trimmed = ChartLabels.trimmed(window, firstData: newYear - 5 * 86_400)
        #expect(trimmed.count == 6)
        let flow = TaskFlow(
            TaskEventLog([
                .init(taskId: "T-1", type: "created", newStatus: "todo", timestamp: "2026-01-01 09:00:00"),
                .init(
                    taskId: "T-1", type: "completed", previousStatus: "todo", newStatus: "done",
                    timestamp: "2026-01-01 10:00:00"),
                .init(
                    taskId: "T-1", type: "removed", previousStatus: "done", newStatus: "done",
                    timestamp: "2026-01-02 06:00:00"),
                .init(taskId: "T-2", type: "created", newStatus: "todo", timestamp: "2026-01-01 09:00:00"),
                .init(
                    taskId: "T-2", type: "removed", previousStatus: "todo", newStatus: "todo",
                    timestamp: "2026-01-02 06:00:00"),
            ]))
        let chart = FlowCharts.completedPerDay(flow, in: ReportWindow(days: 30, now: newYear))
        #expect(chart.labels == ["01-01", "01-02", "01-03"], "no blank weeks before the history starts")
        // A true cumulative flow: the done task that left the board stays done; the open one leaves.
        let cfd = flow.cumulativeFlow(in: ReportWindow(days: 3, now: newYear))
        #expect(cfd.last?.counts == ["done": 1])
    }
}
