import Foundation
import GRDB
import Testing

@testable import AgentReport

/// The demo's session logs: ingested, their totals equal a count made here independently
/// (Foundation's JSON parser, the rules of issue 16 written out again), traps included.
@Suite struct DemoSessionLogsTests {
    /// The independent count: requests and token sums.
    struct Count: Equatable {
        var requests = 0
        var input: Int64 = 0
        var output: Int64 = 0
        var cacheWrite: Int64 = 0
        var cacheRead: Int64 = 0
    }

    static func jsonLines(_ path: String) throws -> [[String: Any]] {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").compactMap { line in
            try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
        }
    }

    static func files(under folder: String) -> [String] {
        (FileManager.default.enumerator(atPath: folder)?.allObjects as? [String] ?? [])
            .filter { $0.hasSuffix(".jsonl") }.map { folder + "/" + $0 }.sorted()
    }

    static func independentCount(workspace: String) throws -> (claude: Count, codex: Count) {
        func inside(_ cwd: Any?) -> Bool {
            guard let cwd = cwd as? String else { return false }
            return cwd == workspace || cwd.hasPrefix(workspace + "/")
        }
        // Claude Code: one request per message.id + requestId, its line with the largest output.
        var responses: [String: (Int64, Int64, Int64, Int64)] = [:]
        for file in files(under: workspace + "/.agent-logs/claude") {
            for line in try jsonLines(file) where line["type"] as? String == "assistant" && inside(line["cwd"]) {
                guard let message = line["message"] as? [String: Any], let usage = message["usage"] as? [String: Any],
                    message["model"] as? String != "<synthetic>", let id = message["id"] as? String
                else { continue }
                let key = id + "/" + (line["requestId"] as? String ?? "")
                let counts = (
                    (usage["input_tokens"] as? NSNumber)?.int64Value ?? 0,
                    (usage["output_tokens"] as? NSNumber)?.int64Value ?? 0,
                    (usage["cache_creation_input_tokens"] as? NSNumber)?.int64Value ?? 0,
                    (usage["cache_read_input_tokens"] as? NSNumber)?.int64Value ?? 0
                )
                if let known = responses[key], known.1 >= counts.1 { continue }
                responses[key] = counts
            }
        }
        var claude = Count()
        for counts in responses.values {
            claude.requests += 1
            claude.input += counts.0
            claude.output += counts.1
            claude.cacheWrite += counts.2
            claude.cacheRead += counts.3
        }
        // Codex: a row counts when its total moved; a fork's rows up to its own start are its parent's.
        var codex = Count()
        for file in files(under: workspace + "/.agent-logs/codex") {
            let lines = try jsonLines(file)
            guard let meta = lines.first?["payload"] as? [String: Any], inside(meta["cwd"]) else { continue }
            let forkTime =
                meta["forked_from_id"] != nil ? UTCTime.parse(lines.first?["timestamp"] as? String ?? "") : nil
            var previous: [String: Int]?
            for line in lines {
                guard let payload = line["payload"] as? [String: Any], payload["type"] as? String == "token_count",
                    let info = payload["info"] as? [String: Any],
                    let total = info["total_token_usage"] as? [String: Int],
                    let last = info["last_token_usage"] as? [String: Int], total != previous
                else { continue }
                previous = total
                if let forkTime, let time = UTCTime.parse(line["timestamp"] as? String ?? ""), time <= forkTime {
                    continue
                }
                codex.requests += 1
                codex.input += Int64((last["input_tokens"] ?? 0) - (last["cached_input_tokens"] ?? 0))
                codex.cacheRead += Int64(last["cached_input_tokens"] ?? 0)
                codex.output += Int64(last["output_tokens"] ?? 0)
            }
        }
        return (claude, codex)
    }

    @Test func theDemosLogTotalsEqualAnIndependentCount() throws {
        let demo = try DemoFixture.seedOne.get()
        let workspace = CanonicalPath.resolve(demo.path)
        let expected = try Self.independentCount(workspace: workspace)
        // The traps are there: repeated lines, a sidechain copy, a fork, another project.
        #expect(expected.claude.requests > 100 && expected.codex.requests > 50)
        let store = try ReportStore.inMemory()
        let config = try ConfigLoader.load(path: nil, workingDirectory: demo.path)
        let context = RunContext(
            config: config, now: DemoOptions.defaultEnd,
            environment: ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? ""])
        _ = try UsageSource().ingest(into: store, context: context)
        func stored(_ tool: String) throws -> Count {
            try store.queue.read { db in
                let row = try #require(
                    try Row.fetchOne(
                        db,
                        sql: """
                            SELECT COUNT(*) AS n, TOTAL(input_tokens) AS i, TOTAL(output_tokens) AS o,
                                   TOTAL(cache_write_5m_tokens + cache_write_1h_tokens) AS w, TOTAL(cache_read_tokens) AS r
                            FROM usage_requests WHERE tool = ?
                            """, arguments: [tool]))
                return Count(
                    requests: row["n"], input: Int64(row["i"] as Double), output: Int64(row["o"] as Double),
                    cacheWrite: Int64(row["w"] as Double), cacheRead: Int64(row["r"] as Double))
            }
        }
        #expect(try stored("claude-code") == expected.claude)
        #expect(try stored("codex") == expected.codex)
        // Every request is an agent's (by its branch), and the other project never came in.
        #expect(
            try store.queue.read { db in
                try String.fetchAll(db, sql: "SELECT DISTINCT agent_id FROM usage_requests ORDER BY 1")
            } == ["architect", "builder", "validator"])
        let demoLogs = Self.files(under: workspace + "/.agent-logs/claude")
        #expect(
            demoLogs.contains {
                $0.contains(
                    SessionLogLocations.claudeProjectFolderName(forWorkingDirectory: DemoSessionLogs.otherProject))
            })
        #expect(
            try store.queue.read { db in
                try Int.fetchOne(
                    db, sql: "SELECT COUNT(*) FROM usage_requests WHERE is_sidechain = 1 AND subagent_type IS NOT NULL")
            } ?? 0 > 0)
    }
}
