import Foundation
import GRDB
import Testing

@testable import AgentReport

/// The `checks` page from values, and its queries over stored check lines.
@Suite struct ChecksPageTests {
    typealias P = PageBuilderTests

    @Test func passRatesCompareTheLastWeekWithTheWeekBeforeAndListWhatFailsNow() throws {
        let input = ChecksPage.Input(
            tallies: [
                CheckAgentTally(agent: "builder", recentRuns: 8, recentPassed: 6, previousRuns: 4, previousPassed: 4),
                CheckAgentTally(agent: "validator", recentRuns: 3, recentPassed: 3, previousRuns: 0, previousPassed: 0),
            ],
            names: [CheckNameTally(name: "swift test", runs: 12, passed: 9, averageDuration: 41.25, agents: 2)],
            latest: [
                CheckRun(agent: "builder", time: P.t(2), name: "swift build", passed: true, exitCode: 0, duration: 5),
                CheckRun(agent: "builder", time: P.t(1), name: "swift test", passed: false, exitCode: 1, duration: 40),
                CheckRun(
                    agent: "validator", time: P.t(3), name: "swift test", passed: true, exitCode: 0, duration: nil),
            ],
            failures: [
                CheckRun(
                    agent: "builder", time: P.t(1), name: "swift test", passed: false, exitCode: 1, duration: 40,
                    subagent: "test-runner")
            ],
            perDay: [CheckDay(date: "2026-03-20", passed: 9, failed: 3)])
        let page = ChecksPage.page(input, facts: P.facts())
        let view = try #require(page.ownView as? ChecksView)
        let builder = try #require(view.agents.first)
        #expect(builder.passRate == "75.0 %")
        #expect(builder.previousRate == "100.0 %")
        #expect(builder.change == "-25.0 pts")
        #expect(builder.lastCheck == "swift test failed at \(P.t(1))")
        #expect(view.agents.last?.previousRate == "—")
        #expect(view.agents.last?.change == "—")
        #expect(view.failingNow.map(\.name) == ["swift test"])
        #expect(view.failingNow.first?.agent.href == "agents/builder.md")
        #expect(view.failures.first?.subagent == "test-runner")
        #expect(view.failingNow.first?.subagent == nil, "the main session's run names no subagent")
        #expect(view.names.first?.duration == "41.3 s")
        #expect(view.chart != nil)
        #expect(page.path == "checks")
    }

    @Test func anEmptyDatabaseRendersTheEmptyStates() throws {
        let page = ChecksPage.page(
            ChecksPage.Input(tallies: [], names: [], latest: [], failures: [], perDay: []), facts: P.facts())
        let view = try #require(page.ownView as? ChecksView)
        #expect(view.agents.isEmpty)
        #expect(view.chart == nil)
    }

    @Test func theQueriesCountWindowsAndKeepTheLatestRunPerCheck() throws {
        let store = try ReportStore.inMemory()
        let now = P.now
        try store.queue.write { db in
            for (agent, hoursAgo, name, passed) in [
                ("builder", 1.0, "swift test", 0), ("builder", 30.0, "swift test", 1),
                ("builder", 200.0, "swift test", 1),
                ("builder", 400.0, "swift test", 0), ("validator", 2.0, "make", 1), ("validator", -5.0, "make", 0),
            ] {
                try db.execute(
                    sql: "INSERT INTO agent_checks (agent_id, timestamp, name, passed) VALUES (?, ?, ?, ?)",
                    arguments: [agent, P.t(hoursAgo), name, passed])
            }
        }
        try store.queue.write { db in
            try db.execute(
                sql: "UPDATE agent_checks SET subagent_type = 'test-runner' WHERE timestamp = ?", arguments: [P.t(1)])
        }
        try store.queue.read { db in
            let queries = ReportQueries(db, now: now)
            let until = UTCTime.format(now)
            let tallies = try queries.checkTallies(
                previousSince: UTCTime.format(now - 14 * 86_400), recentSince: UTCTime.format(now - 7 * 86_400),
                until: until)
            #expect(
                tallies == [
                    CheckAgentTally(
                        agent: "builder", recentRuns: 2, recentPassed: 1, previousRuns: 1, previousPassed: 1),
                    CheckAgentTally(
                        agent: "validator", recentRuns: 1, recentPassed: 1, previousRuns: 0, previousPassed: 0),
                ])
            let latest = try queries.latestCheckRuns(until: until)
            #expect(
                latest.map { "\($0.agent) \($0.name) \($0.passed)" } == [
                    "builder swift test false", "validator make true",
                ])
            let failures = try queries.checkFailures(since: UTCTime.format(now - 30 * 86_400), until: until, limit: 20)
            #expect(failures.map(\.time) == [P.t(1), P.t(400)], "the one after now is not counted")
            #expect(failures.map(\.subagent) == ["test-runner", nil])
        }
    }
}
