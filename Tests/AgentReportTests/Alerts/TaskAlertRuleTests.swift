import Foundation
import Testing

@testable import AgentReport

/// Task and team rules: blocked, stalled, velocity.
@Suite struct TaskAlertRuleTests {
    let now = AlertWorld.now
    let hour = AlertWorld.hour
    let day = AlertWorld.day

    // MARK: - task-blocked

    @Test func blockedTaskFiresAsWarningAndRisesPastTheThreshold() throws {
        let world = try AlertWorld()
        try world.task("TASK-1", status: "blocked", since: now - 2 * hour, blockers: ["waiting for TASK-0"])
        try world.task("TASK-2", status: "blocked", since: now - 24 * hour)
        try world.task("TASK-3", status: "blocked", since: now - 30 * hour)
        let fresh = try #require(try world.finding("task-blocked:TASK-1"))
        #expect(fresh.severity == .warning)
        #expect(fresh.message.contains(UTCTime.format(now - 2 * hour)))
        #expect(fresh.message.contains("waiting for TASK-0"))
        #expect(try world.finding("task-blocked:TASK-2")?.severity == .warning)  // exactly 24 h
        #expect(try world.finding("task-blocked:TASK-3")?.severity == .error)
    }

    @Test func taskBlockedMustNotFireForRemovedOrUnblockedTasks() throws {
        let world = try AlertWorld()
        try world.task("TASK-1", status: "blocked", since: now - 40 * hour, removed: true)
        try world.task("TASK-2", status: "in_progress", since: now - hour)
        try world.task("TASK-3", status: "done", since: now - hour)
        #expect(!(try world.fingerprints()).contains { $0.hasPrefix("task-blocked") })
    }

    // MARK: - task-stalled

    @Test func taskInProgressWithoutActivityFiresNamingTheLastActivity() throws {
        let world = try AlertWorld()
        try world.task("TASK-1", status: "in_progress", since: now - 5 * day)
        try world.commit("builder", at: now - 4 * day, tasks: ["TASK-1"])
        let finding = try #require(try world.finding("task-stalled:TASK-1"))
        #expect(finding.message.contains(UTCTime.format(now - 4 * day)))
        #expect(finding.message.contains("commit"))
    }

    @Test func taskStalledMustNotFireAtTheThresholdOrWithRecentCommitsOrProgressEntries() throws {
        let world = try AlertWorld()
        try world.task("TASK-1", status: "in_progress", since: now - 3 * day)  // exactly 3 days
        try world.task("TASK-2", status: "in_progress", since: now - 10 * day)
        try world.commit("builder", at: now - day, tasks: ["TASK-2"])
        try world.task("TASK-3", status: "in_progress", since: now - 10 * day)
        try world.progress("validator", at: now - day, tasks: ["TASK-3"])
        // The whole team's task.
        try world.task("TASK-4", status: "in_progress", since: now - 10 * day, assignedTo: nil)
        try world.commit("architect", at: now - 2 * day, tasks: ["TASK-4"])
        try world.task("TASK-5", status: "review", since: now - 10 * day)
        try world.task("TASK-6", status: "in_progress", since: now - 10 * day, removed: true)
        try world.task("TASK-13", status: "in_progress", since: now - 10 * day)
        try world.progress("validator", at: now - day, tasks: ["TASK-130"])  // a different task whose id contains it
        let found = try world.fingerprints().filter { $0.hasPrefix("task-stalled") }
        #expect(found == ["task-stalled:TASK-13"])
    }

    // MARK: - velocity-low

    func completions(_ world: AlertWorld, perWeek: [Int]) throws {
        // perWeek[0] is the last 7 days, perWeek[1...4] the four weeks before.
        for (week, count) in perWeek.enumerated() {
            for i in 0..<count {
                try world.event("T-\(week)-\(i)", "completed", at: now - Int64(week) * 7 * day - Int64(i + 1) * hour)
            }
        }
        try world.event("T-first", "created", at: now - 36 * day)
    }

    @Test func lowWeeklyVelocityFiresAsInfo() throws {
        let world = try AlertWorld()
        try completions(world, perWeek: [1, 8, 8, 8, 8])
        let finding = try #require(try world.finding("velocity-low:team"))
        #expect(finding.severity == .info)
        #expect(finding.message.contains("1 tasks completed"))
        #expect(finding.message.contains("8 tasks"))
    }

    @Test func velocityMustNotFireAtExactlyHalfWithoutHistoryOrWithNothingDone() throws {
        let half = try AlertWorld()
        try completions(half, perWeek: [2, 4, 4, 4, 4])
        #expect(try half.finding("velocity-low:team") == nil)

        let young = try AlertWorld()  // two weeks of history only
        for i in 0..<10 { try young.event("T-\(i)", "completed", at: now - 10 * day + Int64(i) * hour) }
        #expect(try young.finding("velocity-low:team") == nil)

        let idle = try AlertWorld()
        try completions(idle, perWeek: [0, 0, 0, 0, 0])
        #expect(try idle.finding("velocity-low:team") == nil)
    }

    // MARK: - review-queue

    @Test func tasksWaitingInReviewPastTheThresholdFireOneAlertNamingTheOldest() throws {
        let world = try AlertWorld()
        try world.task("TASK-1", status: "review", since: now - 30 * hour)
        try world.task("TASK-2", status: "review", since: now - 50 * hour)
        try world.task("TASK-3", status: "review", since: now - 2 * hour)
        let finding = try #require(try world.finding("review-queue:team"))
        #expect(finding.severity == .warning)
        #expect(
            finding.message.hasPrefix(
                "2 tasks have been waiting in review for more than 24 hours: TASK-2 (50 h), TASK-1 (30 h)"))
        #expect(finding.since == now - 50 * hour, "since the oldest entered review")
    }

    @Test func reviewQueueMustNotFireAtTheThresholdOrForRemovedTasks() throws {
        let world = try AlertWorld()
        try world.task("TASK-1", status: "review", since: now - 24 * hour)  // exactly the threshold
        try world.task("TASK-2", status: "review", since: now - 60 * hour, removed: true)
        try world.task("TASK-3", status: "done", since: now - 60 * hour)
        #expect(try world.finding("review-queue:team") == nil)
    }

    // MARK: - since when

    @Test func blockedAndStalledAlertsSayWhenTheConditionBegan() throws {
        let world = try AlertWorld()
        try world.task("TASK-1", status: "blocked", since: now - 30 * hour)
        try world.task("TASK-2", status: "in_progress", since: now - 5 * day)
        #expect(try world.finding("task-blocked:TASK-1")?.since == now - 30 * hour)
        #expect(try world.finding("task-stalled:TASK-2")?.since == now - 5 * day)
        try world.build(at: now)
        let stored = try world.alerts().first { $0.fingerprint == "task-blocked:TASK-1" }
        #expect(stored?.conditionSince == UTCTime.format(now - 30 * hour))
        #expect(stored?.createdAt == UTCTime.format(now))
    }
}
