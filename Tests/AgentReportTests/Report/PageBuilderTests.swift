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
            now: now, title: "Team", agents: agents.map { AgentRecord(id: $0, name: $0.capitalized) },
            events: TaskEventLog(events),
            latestSamples: Dictionary(samples.map { ($0.agentId, $0) }, uniquingKeysWith: { a, _ in a }),
            activityTimes: AgentActivityTimes(), recentCommits: commits, sources: sources, problems: problems)
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
        let view = try? #require(page.view as? IndexPage.View)
        #expect(view?.headline.tasks == 6)
        #expect(view?.headline.done == 4)
        #expect(view?.headline.completed7d == 1)
        #expect(view?.alerts.count == 10)
        #expect(view?.moreAlerts == 2)
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
        let view = page.view as? TasksPage.View
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
        let view = page.view as? AlertsPage.View
        #expect(view?.severities.map(\.severity) == ["error", "other"])
        #expect(view?.chart == nil, "no alert opened in the window: no chart")
    }
}
