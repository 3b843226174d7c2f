import Foundation
import GRDB
import Testing

@testable import AgentReport

/// The "Sessions" section of an agent page from values, and its query over stored session
/// lines.
@Suite struct SessionSectionTests {
    typealias P = PageBuilderTests

    static let window = ReportWindow(days: AgentPages.sessionDays, now: P.now)

    static func event(_ hoursAgo: Double, _ event: String, _ session: String = "s1", reason: String? = nil)
        -> SessionEvent
    {
        SessionEvent(time: P.t(hoursAgo), event: event, sessionId: session, reason: reason)
    }

    @Test func theSectionCountsEachEventAndListsTheNewestWithTheirReason() throws {
        let events = AgentSessionEvents(
            started: 7, ended: 6, failures: 1,
            newest: [
                Self.event(1, "failure", reason: "rate_limit"), Self.event(2, "start", reason: "resume"),
                Self.event(3, "end", "", reason: nil),
            ])
        let view = try #require(AgentPages.sessions(events, hookRecordsSessions: true, window: Self.window))
        #expect(view.window == "2026-03-14 to 2026-03-20")
        #expect(view.summary == "7 sessions started, 6 ended, 1 turn ended in an API error")
        #expect((view.started, view.ended, view.failures) == (7, 6, 1))
        #expect(
            view.recent == [
                SessionRow(time: P.t(1), event: "API error", reason: "rate_limit", session: "s1"),
                SessionRow(time: P.t(2), event: "started", reason: "resume", session: "s1"),
                SessionRow(time: P.t(3), event: "ended", reason: "—", session: "—"),
            ])
        #expect(view.more == 11, "14 events, 3 listed")
    }

    @Test func allEventsListedSayNothingMore() throws {
        let events = AgentSessionEvents(started: 1, ended: 0, failures: 0, newest: [Self.event(1, "start")])
        let view = try #require(AgentPages.sessions(events, hookRecordsSessions: true, window: Self.window))
        #expect(view.more == nil)
    }

    @Test func withoutEventsTheSectionIsAHintOnlyWhenTheHookRecordsSessions() throws {
        #expect(AgentPages.sessions(AgentSessionEvents(), hookRecordsSessions: false, window: Self.window) == nil)
        let hint = try #require(
            AgentPages.sessions(AgentSessionEvents(), hookRecordsSessions: true, window: Self.window))
        #expect(hint.recent.isEmpty)
        #expect(hint.more == nil)
    }

    @Test func theAgentPageRendersTheSectionOnlyWhenThereIsOne() throws {
        let store = try ReportStore.inMemory()
        try store.queue.write { db in
            for (agent, id) in [("builder", "builder"), ("validator", "validator")] {
                try db.execute(
                    sql: "INSERT INTO agents (id, name, sources) VALUES (?, ?, '[\"metrics\"]')",
                    arguments: [agent, id])
            }
        }
        func page(_ agent: String, _ format: String = "md") throws -> String {
            let files = try ReportTestSupport.render(store, now: P.now, config: ReportConfig(baseDirectory: "/x"))
            return try #require(files.first { $0.path == "agents/\(agent).\(format)" }).contents
        }
        #expect(try !page("builder").contains("## Sessions"), "no hook: no section")
        try store.queue.write { db in
            try db.execute(
                sql: """
                    INSERT INTO agent_sessions (agent_id, timestamp, event, session_id, reason)
                    VALUES ('builder', ?, 'failure', 's9', 'rate_limit | <b>429</b>')
                    """, arguments: [P.t(2)])
        }
        let builder = try page("builder")
        #expect(builder.contains("## Sessions"))
        #expect(
            builder.contains(
                "Over 2026-03-14 to 2026-03-20: 0 sessions started, 0 ended, 1 turn ended in an API error."))
        let row = try #require(builder.split(separator: "\n").first { $0.hasPrefix("| \(P.t(2)) | API error |") })
        #expect(row.hasSuffix("| s9 |"))
        #expect(row.contains(#"rate\_limit \| \<b\>429\</b\>"#), "the pipe and the tag escaped: \(row)")
        let html = try page("builder", "html")
        #expect(html.contains(">Sessions</h2>"))
        #expect(html.contains("<td>API error</td>"))
        #expect(html.contains("<td>rate_limit | &lt;b&gt;429&lt;/b&gt;</td>"), "the reason is text, not markup")
        let validator = try page("validator")
        #expect(validator.contains("No session events recorded for this agent over 2026-03-14 to 2026-03-20."))
    }

    @Test func theQueryCountsTheWindowAndListsTheNewestFirst() throws {
        let store = try ReportStore.inMemory()
        try store.queue.write { db in
            for (agent, hoursAgo, event, session) in [
                ("builder", 1.0, "end", "s2"), ("builder", 3.0, "start", "s2"), ("builder", 5.0, "failure", "s1"),
                ("builder", 6.0, "start", "s1"), ("builder", 400.0, "start", "s0"), ("builder", -2.0, "start", "s3"),
                ("validator", 1.0, "start", "v1"),
            ] {
                try db.execute(
                    sql: "INSERT INTO agent_sessions (agent_id, timestamp, event, session_id) VALUES (?, ?, ?, ?)",
                    arguments: [agent, P.t(hoursAgo), event, session])
            }
        }
        try store.queue.read { db in
            let queries = ReportQueries(db, now: P.now)
            let events = try queries.sessionEvents(
                of: "builder", since: Self.window.startText, until: queries.nowText, limit: 3)
            #expect(
                (events.started, events.ended, events.failures) == (2, 1, 1), "the old one and the future one apart")
            #expect(events.newest.map(\.sessionId) == ["s2", "s2", "s1"])
            #expect(events.newest.map(\.event) == ["end", "start", "failure"])
            let none = try queries.sessionEvents(
                of: "architect", since: Self.window.startText, until: queries.nowText, limit: 3)
            #expect(none == AgentSessionEvents())
            #expect(try queries.hookRecordsSessions())
        }
        let empty = try ReportStore.inMemory()
        let recorded = try empty.queue.read { db in try ReportQueries(db, now: P.now).hookRecordsSessions() }
        #expect(!recorded)
    }
}
