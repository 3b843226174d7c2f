import Foundation
import Testing

@testable import AgentReport

@Suite struct MetricsSourceTests {
    static let agentLine =
        #"{"kind":"agent","agent_id":"builder","timestamp":"2026-03-02T21:35:00Z","status":"active","current_task":"TASK-302","cpu_usage":37.5,"memory_usage":512000000,"memory_percent":3.1,"uncommitted_changes":4,"uptime_seconds":5400,"last_activity":"2026-03-02T21:34:10Z","branch":"agent-builder-1750106374"}"#

    @Test func agentSampleIsStoredInEverySeedColumn() throws {
        let ws = try MetricsTestWorkspace()
        try ws.write("agents.jsonl", Self.agentLine + "\n")
        #expect(try ws.ingest() == 1)
        let rows = try ws.rows(
            """
            SELECT agent_id, timestamp, status, current_task, cpu_usage, memory_usage, memory_percent,
                   uncommitted_changes, uptime_seconds, last_activity, branch, created_at FROM agent_metrics
            """)
        #expect(
            rows == [
                [
                    "builder", "2026-03-02 21:35:00", "active", "TASK-302", "37.5", "512000000", "3.1",
                    "4", "5400", "2026-03-02 21:34:10", "agent-builder-1750106374", UTCTime.format(ws.now),
                ]
            ])
        #expect(ws.diagnostics.isEmpty)
    }

    @Test func systemHealthSampleKeepsDetailsAsJSONText() throws {
        let ws = try MetricsTestWorkspace()
        try ws.write(
            "health.jsonl",
            #"{"kind":"system_health","timestamp":"2026-03-02T21:35:00Z","overall_status":"degraded","api_latency":42.0,"websocket_connections":3,"file_watch_events":120,"error_count":2,"cpu_usage":22.0,"memory_usage":2144000000,"disk_usage":41000000000,"details":{"mcp":"up","queues":[1,2]}}"#
                + "\n")
        #expect(try ws.ingest() == 1)
        let rows = try ws.rows(
            "SELECT timestamp, overall_status, api_latency, websocket_connections, file_watch_events, error_count, cpu_usage, memory_usage, disk_usage, details FROM system_health"
        )
        #expect(
            rows == [
                [
                    "2026-03-02 21:35:00", "degraded", "42.0", "3", "120", "2", "22.0", "2144000000", "41000000000",
                    #"{"mcp":"up","queues":[1,2]}"#,
                ]
            ])
    }

    @Test func ragSampleKeepsPatternListsAsJSONText() throws {
        let ws = try MetricsTestWorkspace()
        try ws.write(
            "rag.jsonl",
            #"{"kind":"rag","timestamp":"2026-03-02T21:35:00Z","total_patterns":14,"total_queries":230,"average_response_time":85.2,"hit_rate":0.74,"memory_usage":120000000,"query_volume_last_hour":12,"top_patterns":["Layered \"service\" layout"],"recent_queries":[]}"#
                + "\n")
        #expect(try ws.ingest() == 1)
        let rows = try ws.rows(
            "SELECT timestamp, total_patterns, total_queries, average_response_time, hit_rate, memory_usage, query_volume_last_hour, top_patterns, recent_queries FROM rag_metrics"
        )
        #expect(
            rows == [
                [
                    "2026-03-02 21:35:00", "14", "230", "85.2", "0.74", "120000000", "12",
                    #"["Layered \"service\" layout"]"#, "[]",
                ]
            ])
        let decoded = try JSONSerialization.jsonObject(with: Data((rows[0][7] ?? "").utf8)) as? [String]
        #expect(decoded == [#"Layered "service" layout"#])
    }

    @Test func alertLineIsStoredAsGivenWithItsFingerprint() throws {
        let ws = try MetricsTestWorkspace()
        try ws.write(
            "alerts.jsonl",
            """
            {"kind":"alert","timestamp":"2026-03-02T13:05:00Z","type":"system","severity":"error","title":"MCP down","message":"no answer","source":"mcp-server","alert_id":"mcp-1"}
            {"kind":"alert","timestamp":"2026-03-02T14:00:00+01:00","type":"agent","severity":"WARNING","title":"Slow agent"}

            """)
        #expect(try ws.ingest() == 2)
        let rows = try ws.rows(
            "SELECT alert_id, type, severity, title, message, source, created_at, fingerprint, resolved FROM alerts ORDER BY created_at DESC"
        )
        #expect(rows.count == 2)
        // A given id names the alert; each line is one occurrence of it.
        #expect(
            rows[0] == [
                "mcp-1@20260302T130500Z", "system", "error", "MCP down", "no answer", "mcp-server",
                "2026-03-02 13:05:00", "metric:mcp-1", "0",
            ])
        let derived = try #require(rows[1][0])
        #expect(derived.hasPrefix("sample:") && derived.count == "sample:".count + 16)
        #expect(rows[1][1...3] == ["agent", "warning", "Slow agent"])
        // Without an id, the alert is its source and title.
        #expect(rows[1][6...7] == ["2026-03-02 13:00:00", "metric:Slow agent"])
        // The derived id is stable: the same alert in another file is not stored twice.
        try ws.write(
            "more.jsonl",
            #"{"kind":"alert","timestamp":"2026-03-02T13:00:00Z","type":"agent","severity":"warning","title":"Slow agent"}"#
                + "\n")
        #expect(try ws.ingest() == 0)
    }

    @Test func aRepeatedAlertIsStoredOncePerLineAndAResolvedLineIsStoredResolved() throws {
        let ws = try MetricsTestWorkspace()
        try ws.write(
            "alerts.jsonl",
            """
            {"kind":"alert","timestamp":"2026-03-02T13:00:00Z","type":"system","severity":"error","title":"MCP down","source":"mcp","alert_id":"mcp-1"}
            {"kind":"alert","timestamp":"2026-03-02T13:05:00Z","type":"system","severity":"error","title":"MCP down","source":"mcp","alert_id":"mcp-1"}
            {"kind":"alert","timestamp":"2026-03-02T13:10:00Z","type":"system","severity":"error","title":"MCP down","source":"mcp","alert_id":"mcp-1","resolved":true}
            {"kind":"alert","timestamp":"2026-03-02T13:11:00Z","type":"system","severity":"info","title":"x","resolved":"yes"}

            """)
        #expect(try ws.ingest() == 3)
        let rows = try ws.rows(
            "SELECT fingerprint, created_at, resolved, resolved_at, resolved_by FROM alerts ORDER BY created_at")
        #expect(
            rows == [
                ["metric:mcp-1", "2026-03-02 13:00:00", "0", nil, nil],
                ["metric:mcp-1", "2026-03-02 13:05:00", "0", nil, nil],
                ["metric:mcp-1", "2026-03-02 13:10:00", "1", "2026-03-02 13:10:00", "collector"],
            ])
        #expect(ws.diagnostics.contains { $0.message.contains("\"resolved\" must be true or false") })
    }

    @Test func camelCaseKeysAreAccepted() throws {
        let ws = try MetricsTestWorkspace()
        try ws.write(
            "a.jsonl",
            """
            {"kind":"agent","agentId":"Full-Stack Builder","timestamp":"2026-03-02T21:35:00Z","status":"Idle","currentTask":"T-1","cpuUsage":1.5,"memoryUsage":10,"memoryPercent":0.5,"uncommittedChanges":7,"uptimeSeconds":60,"lastActivity":"2026-03-02T21:30:00Z"}
            {"kind":"systemHealth","timestamp":"2026-03-02T21:35:00Z","overallStatus":"healthy","apiLatency":1,"errorCount":3}
            {"kind":"rag","timestamp":"2026-03-02T21:35:00Z","totalPatterns":2,"hitRate":0.5,"queryVolumeLastHour":4,"topPatterns":["x"]}

            """)
        #expect(try ws.ingest() == 3)
        #expect(
            try ws.rows(
                "SELECT agent_id, status, current_task, cpu_usage, uncommitted_changes, last_activity FROM agent_metrics"
            )
                == [["full-stack-builder", "idle", "T-1", "1.5", "7", "2026-03-02 21:30:00"]])
        #expect(
            try ws.rows("SELECT overall_status, api_latency, error_count FROM system_health") == [
                ["healthy", "1.0", "3"]
            ])
        #expect(
            try ws.rows(
                "SELECT total_patterns, total_queries, hit_rate, query_volume_last_hour, top_patterns FROM rag_metrics")
                == [["2", "0", "0.5", "4", #"["x"]"#]])
    }

    @Test(arguments: [
        ("2026-03-02T21:35:00Z", "2026-03-02 21:35:00"),
        ("2026-03-02T21:35:00.123Z", "2026-03-02 21:35:00"),
        ("2026-03-02T23:35:00+02:00", "2026-03-02 21:35:00"),
        ("2026-03-02T16:35:00-0500", "2026-03-02 21:35:00"),
        ("2026-03-02T21:35:00+0000", "2026-03-02 21:35:00"),
        ("2026-03-02 21:35:00", "2026-03-02 21:35:00"),
        ("2026-03-02T21:35:00", "2026-03-02 21:35:00"),
    ])
    func everyTimestampFormIsStoredAsUTC(given: String, stored: String) throws {
        let ws = try MetricsTestWorkspace()
        try ws.write(
            "a.jsonl",
            #"{"kind":"agent","agent_id":"a","timestamp":"\#(given)","status":"idle","last_activity":"\#(given)"}"#
                + "\n")
        #expect(try ws.ingest() == 1)
        #expect(try ws.rows("SELECT timestamp, last_activity FROM agent_metrics") == [[stored, stored]])
    }

    @Test func agentsAreNotedOnceWithTheirFirstAndLastSample() throws {
        let ws = try MetricsTestWorkspace()
        try ws.write(
            "a.jsonl",
            """
            {"kind":"agent","agent_id":"builder","timestamp":"2026-03-02T10:00:00Z","status":"idle"}
            {"kind":"agent","agent_id":"Builder","timestamp":"2026-03-02T12:00:00Z","status":"idle"}
            {"kind":"agent","agent_id":"builder","timestamp":"2026-03-02T08:00:00Z","status":"idle"}

            """)
        try ws.ingest()
        #expect(
            try ws.rows("SELECT id, sources, first_seen, last_seen FROM agents")
                == [["builder", #"["metrics"]"#, "2026-03-02 08:00:00", "2026-03-02 12:00:00"]])
    }
}
