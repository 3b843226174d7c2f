import Foundation
import Testing

@testable import AgentReport

/// The generated files have the formats of DESIGN §3 and carry the history and incidents
/// the rest of the tool needs.
@Suite struct DemoFormatTests {
    static let end = DemoOptions.defaultEnd

    @Test func workingCopyBoardParsesAsAFlatBoard() throws {
        let (path, summary) = try DemoFixture.seedOne.get()
        var diagnostics: [Diagnostic] = []
        let data = try Data(contentsOf: URL(fileURLWithPath: path + "/coordination/task-board.json"))
        let board = try #require(TaskBoardParser(file: "task-board.json").parse(data, diagnostics: &diagnostics))
        #expect(diagnostics.isEmpty)
        #expect(board.shape == .flat)
        #expect(board.sprintId?.hasPrefix("SPRINT-") == true)
        #expect(Set(board.agents.keys) == Set(summary.agents.map(\.id)))
        #expect(board.tasks.allSatisfy { $0.rawStatus == $0.rawStatus.uppercased() && $0.id.hasPrefix("TASK-") })
        // The incidents of the last days are on the board: one long blocked, one stalled.
        #expect(board.tasks.contains { $0.status == .blocked && !$0.blockers.isEmpty })
        #expect(board.tasks.contains { $0.status == .inProgress })
    }

    @Test func boardHistoryHasSprintsBlocksReopeningsAndSyncs() throws {
        let (path, _) = try DemoFixture.seedOne.get()
        let log = try DemoFixture.git(
            path,
            ["log", "--all", "--full-history", "--reverse", "--format=%H %s", "--", "coordination/task-board.json"])
        let commits = log.split(separator: "\n").map {
            (hash: String($0.prefix(40)), subject: String($0.dropFirst(41)))
        }
        #expect(commits.count > 50)
        #expect(commits.contains { $0.subject.contains("start SPRINT-002, replacing SPRINT-001") })
        #expect(commits.contains { $0.subject.hasPrefix("chore(sync): copy task board from agent-") })
        var sprints = Set<String>()
        var everBlocked = Set<String>()
        var finished = Set<String>()
        var reopened = Set<String>()
        for commit in commits {
            var diagnostics: [Diagnostic] = []
            let data = try GitProcess(repository: path).run(["show", "\(commit.hash):coordination/task-board.json"])
            let board = try #require(TaskBoardParser(file: commit.hash).parse(data, diagnostics: &diagnostics))
            #expect(diagnostics.isEmpty)
            sprints.insert(board.sprintId ?? "")
            for task in board.tasks {
                if task.status == .blocked { everBlocked.insert(task.id) }
                if task.status.isDone {
                    finished.insert(task.id)
                } else if finished.contains(task.id) {
                    reopened.insert(task.id)
                }
            }
        }
        #expect(sprints.count >= 5)
        #expect(everBlocked.count >= 2)
        #expect(!reopened.isEmpty)
    }

    @Test func gitHasMainAndOneDatedBranchPerAgentWithTrailersTaskIdsAndMerges() throws {
        let (path, summary) = try DemoFixture.seedOne.get()
        let branches = try DemoFixture.git(path, ["for-each-ref", "--format=%(refname:short)", "refs/heads"]).split(
            separator: "\n")
        #expect(Set(branches.map(String.init)) == Set(["main"] + summary.agents.map(\.branch)))
        #expect(summary.agents.allSatisfy { $0.branch.wholeMatch(of: /agent-[a-z0-9_-]+-[0-9]{10}/) != nil })
        let messages = try DemoFixture.git(path, ["log", "--all", "--format=%B%x00"]).split(separator: "\0")
        #expect(messages.contains { $0.contains("\nAgent: ") })
        #expect(messages.filter { $0.contains("TASK-") }.count > messages.count / 2)
        #expect(summary.merges > 0)
        #expect(try DemoFixture.git(path, ["rev-list", "--merges", "--count", "main"]) == String(summary.merges))
        let numstat = try DemoFixture.git(path, ["log", "--all", "--numstat", "--format="]).split(separator: "\n")
        #expect(numstat.contains { $0.hasPrefix("-\t-\t") })  // binary files
        // and large changes
        #expect(numstat.contains { ($0.split(separator: "\t").first.flatMap { Int($0) } ?? 0) > 100 })
    }

    @Test func progressLogEntriesAreHeadedByTimeAndAgentInOrder() throws {
        let (path, summary) = try DemoFixture.seedOne.get()
        let headings = try DemoFixture.lines(path, "coordination/progress-log.md").filter { $0.hasPrefix("## ") }
        #expect(headings.count == summary.progressEntries)
        var previous: Int64 = 0
        for heading in headings {
            let parts = heading.dropFirst(3).split(separator: " - ", maxSplits: 1)
            let stamp = try #require(parts.first)
            let time = try #require(UTCTime.parse(stamp))
            #expect(time >= previous)
            previous = time
            #expect(summary.agents.map(\.id).contains(String(try #require(parts.last))))
        }
    }

    @Test func memoryBankRecordsHaveTheRequiredKeys() throws {
        let (path, summary) = try DemoFixture.seedOne.get()
        let files = try FileManager.default.contentsOfDirectory(atPath: path + "/coordination/memory-bank")
        #expect(files.count == summary.patterns)
        for file in files {
            let text = try String(contentsOfFile: path + "/coordination/memory-bank/" + file, encoding: .utf8)
            let record = try #require(DemoFixture.object(Substring(text)))
            #expect(record["id"] as? String == String(file.dropLast(5)))
            #expect(record["content"] is String && record["description"] is String && record["tags"] is [String])
            #expect(UTCTime.parse(record["timestamp"] as? String ?? "") != nil)
        }
    }

    @Test func agentSamplesAreOneJSONObjectPerLineEveryMinute() throws {
        let (path, summary) = try DemoFixture.seedOne.get()
        let lines = try DemoFixture.lines(path, "metrics/agents.jsonl")
        let keys = [
            "kind", "agent_id", "timestamp", "status", "current_task", "cpu_usage", "memory_usage", "memory_percent",
            "uncommitted_changes", "uptime_seconds", "last_activity", "branch",
        ]
        var perAgent: [String: [Int64]] = [:]
        for line in lines {
            let sample = try #require(DemoFixture.object(line))
            #expect(keys.allSatisfy { sample[$0] != nil })
            #expect(["active", "idle", "blocked", "error", "offline"].contains(sample["status"] as? String ?? ""))
            let time = try #require(UTCTime.parse(sample["timestamp"] as? String ?? ""))
            perAgent[sample["agent_id"] as? String ?? "", default: []].append(time)
        }
        #expect(Set(perAgent.keys) == Set(summary.agents.map(\.id)))
        for times in perAgent.values {
            #expect(zip(times, times.dropFirst()).allSatisfy { $1 - $0 == 60 })
        }
        #expect(perAgent["architect"]?.count == 7 * 1440)
    }

    @Test func healthRagAndAlertLinesHaveTheirKeysAndNoLineIsBrokenWithoutFaults() throws {
        let (path, _) = try DemoFixture.seedOne.get()
        let health = try DemoFixture.lines(path, "metrics/system-health.jsonl")
        #expect(health.count == 7 * 1440)
        #expect(health.allSatisfy { DemoFixture.object($0) != nil })
        let rag = try DemoFixture.lines(path, "metrics/rag.jsonl").map { try #require(DemoFixture.object($0)) }
        #expect(rag.count == 7 * 288)
        #expect(
            rag.allSatisfy {
                $0["kind"] as? String == "rag" && $0["hit_rate"] is Double && $0["top_patterns"] is [String]
            })
        let alerts = try DemoFixture.lines(path, "metrics/alerts.jsonl").map { try #require(DemoFixture.object($0)) }
        #expect(
            alerts.allSatisfy {
                ["timestamp", "type", "severity", "title", "message", "source"].allSatisfy($0.keys.contains)
            })
        // One alert repeated (grouped by the report), and one resolved by a later line.
        #expect(alerts.filter { $0["alert_id"] as? String == "health-check-failing" }.count == 8)
        #expect(alerts.filter { $0["resolved"] as? Bool == true }.count == 1)
    }

    @Test func incidentsAreInTheLastHoursForEveryAlertRule() throws {
        let (path, summary) = try DemoFixture.seedOne.get()
        let end = Self.end
        let samples = try DemoFixture.lines(path, "metrics/agents.jsonl").compactMap(DemoFixture.object)
        func last(_ agent: String) throws -> [String: Any] {
            try #require(samples.last { $0["agent_id"] as? String == agent })
        }
        func time(_ sample: [String: Any]) -> Int64 { UTCTime.parse(sample["timestamp"] as? String ?? "") ?? 0 }
        let silent = try last(summary.agents[2].id)
        #expect(end - time(silent) > 24 * 3600)  // agent silent
        #expect(try last(summary.agents[1].id)["status"] as? String == "error")
        let busy = try last(summary.agents[0].id)
        #expect(busy["uncommitted_changes"] as? Int ?? 0 > 50)
        #expect(busy["cpu_usage"] as? Double ?? 0 > 90)
        let lastHour = samples.filter { time($0) >= end - 3600 }
        #expect(lastHour.contains { $0["memory_percent"] as? Double ?? 0 > 90 })
        let health = try DemoFixture.lines(path, "metrics/system-health.jsonl").compactMap(DemoFixture.object)
        let statuses = Set(
            health.filter { UTCTime.parse($0["timestamp"] as? String ?? "") ?? 0 >= end - 3 * 3600 }.compactMap {
                $0["overall_status"] as? String
            })
        #expect(statuses.isSuperset(of: ["degraded", "unhealthy"]))
        let rag = try DemoFixture.lines(path, "metrics/rag.jsonl").compactMap(DemoFixture.object)
        #expect((rag.last?["hit_rate"] as? Double ?? 1) < 0.5)
        // Weekly velocity drops: nothing completed in the last week of the board history.
        let done = try DemoFixture.git(
            path, ["log", "--all", "--since=\(end - 7 * 86_400)", "--format=%s", "--", "coordination/task-board.json"])
        #expect(!done.contains(" done"))
        let before = try DemoFixture.git(
            path, ["log", "--all", "--until=\(end - 8 * 86_400)", "--format=%s", "--", "coordination/task-board.json"])
        #expect(before.contains(" done"))
    }

    @Test func faultsAddOneTruncatedLine() throws {
        let path = DemoFixture.temporaryPath("faults")
        defer { try? FileManager.default.removeItem(atPath: path) }
        _ = try DemoWorkspace.create(at: path, options: DemoOptions(days: 1, cadence: 600, faults: true))
        let health = try DemoFixture.lines(path, "metrics/system-health.jsonl")
        #expect(health.filter { DemoFixture.object($0) == nil }.count == 1)
    }
}
