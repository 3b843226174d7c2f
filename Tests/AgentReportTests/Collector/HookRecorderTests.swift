import Foundation
import GRDB
import Testing

@testable import AgentReport

/// `agentreport hook` on hand-written Claude Code hook events (the fields of the hooks
/// reference: session_id, transcript_path, cwd, hook_event_name, tool_name, tool_input,
/// tool_response, tool_use_id, error, is_interrupt, duration_ms, source, reason, error_type).
@Suite struct HookRecorderTests {
    let now = Double(CollectorFixture.now)

    func recorder(_ team: CollectorFixture) -> HookRecorder {
        let builder = team.worktree("builder")
        return HookRecorder(config: team.config) { folder in
            CanonicalPath.isInside(CanonicalPath.resolve(folder), builder) ? "builder" : nil
        }
    }

    func event(_ json: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    }

    func lines(_ outcome: HookRecorder.Outcome) -> [String] {
        if case .lines(let lines) = outcome { return lines.map(\.text) }
        return []
    }

    @Test func aPassingTestRunTimedFromItsPreToolUseIsACheckLine() throws {
        let team = try CollectorFixture(agents: ["builder"])
        let hook = recorder(team)
        let cwd = team.worktree("builder")
        let pre = try event(
            #"{"session_id":"s1","transcript_path":"/x/s1.jsonl","cwd":"\#(cwd)","hook_event_name":"PreToolUse","tool_name":"Bash","tool_input":{"command":"swift test --filter CollectorTests 2>&1 | tail -5","description":"Run tests"},"tool_use_id":"toolu_01A"}"#
        )
        #expect(lines(hook.record(pre, now: now)).isEmpty, "PreToolUse writes nothing")
        let post = try event(
            #"{"session_id":"s1","transcript_path":"/x/s1.jsonl","cwd":"\#(cwd)","hook_event_name":"PostToolUse","tool_name":"Bash","tool_input":{"command":"swift test --filter CollectorTests 2>&1 | tail -5"},"tool_response":{"stdout":"Test run with 12 tests passed","stderr":"","interrupted":false,"isImage":false},"tool_use_id":"toolu_01A"}"#
        )
        #expect(
            lines(hook.record(post, now: now + 12.5)) == [
                #"{"kind":"check","agent_id":"builder","timestamp":"2026-03-10T12:00:12Z","name":"swift test","passed":true,"exit_code":0,"duration_s":12.50}"#
            ])
    }

    @Test func aFailingRunTakesItsExitCodeFromTheErrorAndItsDurationFromTheEvent() throws {
        let team = try CollectorFixture(agents: ["builder"])
        let failure = try event(
            #"{"session_id":"s1","cwd":"\#(team.worktree("builder"))/app","hook_event_name":"PostToolUseFailure","tool_name":"Bash","tool_input":{"command":"cd app && CI=1 npm test -- --watch=false"},"tool_use_id":"toolu_01B","error":"Command exited with non-zero status code 1","is_interrupt":false,"duration_ms":3400}"#
        )
        #expect(
            lines(recorder(team).record(failure, now: now)) == [
                #"{"kind":"check","agent_id":"builder","timestamp":"2026-03-10T12:00:00Z","name":"npm test","passed":false,"exit_code":1,"duration_s":3.40}"#
            ])
    }

    @Test func aFailureWithoutAnExitCodeOrDurationSaysSo() throws {
        let team = try CollectorFixture(agents: ["builder"])
        let failure = try event(
            #"{"cwd":"\#(team.worktree("builder"))","hook_event_name":"PostToolUseFailure","tool_name":"Bash","tool_input":{"command":"cargo test"},"error":"Command failed"}"#
        )
        let text = try #require(lines(recorder(team).record(failure, now: now)).first)
        let line = try CollectorFixture.parse(text)
        #expect(line["passed"] as? Bool == false)
        #expect(line["exit_code"] is NSNull)
        #expect(line["duration_s"] is NSNull)
        #expect(CollectorFixture.notes(line).count == 2)
    }

    @Test func otherCommandsInterruptedAndBackgroundRunsAndOtherFoldersWriteNothing() throws {
        let team = try CollectorFixture(agents: ["builder"])
        let hook = recorder(team)
        let cwd = team.worktree("builder")
        for json in [
            #"{"cwd":"\#(cwd)","hook_event_name":"PostToolUse","tool_name":"Bash","tool_input":{"command":"ls -la && git status"},"tool_response":{"stdout":""}}"#,
            #"{"cwd":"\#(cwd)","hook_event_name":"PostToolUse","tool_name":"Edit","tool_input":{"file_path":"swift test"},"tool_response":{}}"#,
            #"{"cwd":"\#(cwd)","hook_event_name":"PostToolUseFailure","tool_name":"Bash","tool_input":{"command":"pytest -x"},"error":"Interrupted by user","is_interrupt":true}"#,
            #"{"cwd":"\#(cwd)","hook_event_name":"PostToolUse","tool_name":"Bash","tool_input":{"command":"pytest","run_in_background":true},"tool_response":{"backgroundTaskId":"b1"}}"#,
            #"{"cwd":"\#(team.repository.path)","hook_event_name":"PostToolUse","tool_name":"Bash","tool_input":{"command":"go test ./..."},"tool_response":{"stdout":"ok"}}"#,
            #"{"cwd":"\#(cwd)","hook_event_name":"UserPromptSubmit","prompt":"run the tests"}"#,
        ] {
            #expect(lines(hook.record(try event(json), now: now)).isEmpty, "\(json)")
        }
    }

    @Test func sessionEventsBecomeSessionLines() throws {
        let team = try CollectorFixture(agents: ["builder"])
        let hook = recorder(team)
        let cwd = team.worktree("builder")
        let start = try event(
            #"{"session_id":"s9","transcript_path":"/x/s9.jsonl","cwd":"\#(cwd)","hook_event_name":"SessionStart","source":"startup","model":"claude-sonnet-4-5"}"#
        )
        let stop = try event(
            #"{"session_id":"s9","cwd":"\#(cwd)","hook_event_name":"StopFailure","error_type":"rate_limit","error":"429","error_message":"Rate limit exceeded"}"#
        )
        let end = try event(
            #"{"session_id":"s9","cwd":"\#(cwd)","hook_event_name":"SessionEnd","reason":"prompt_input_exit"}"#)
        #expect(
            lines(hook.record(start, now: now)) == [
                #"{"kind":"session","agent_id":"builder","timestamp":"2026-03-10T12:00:00Z","event":"start","session_id":"s9","reason":"startup"}"#
            ])
        #expect(
            lines(hook.record(stop, now: now + 60)).first?.contains(
                #""event":"failure","session_id":"s9","reason":"rate_limit""#) == true)
        #expect(
            lines(hook.record(end, now: now + 120)).first?.contains(
                #""event":"end","session_id":"s9","reason":"prompt_input_exit""#) == true)
    }

    @Test func aRunInsideASubagentNamesItsTypeOnTheCheckLine() throws {
        let team = try CollectorFixture(agents: ["builder"])
        let hook = recorder(team)
        let cwd = team.worktree("builder")
        let inSubagent = try event(
            #"{"session_id":"s2","cwd":"\#(cwd)","hook_event_name":"PostToolUseFailure","tool_name":"Bash","tool_input":{"command":"npm test"},"tool_use_id":"toolu_02A","error":"Exit code 1","duration_ms":5250,"agent_id":"agent-7f3a","agent_type":"test-runner"}"#
        )
        #expect(
            lines(hook.record(inSubagent, now: now)) == [
                #"{"kind":"check","agent_id":"builder","timestamp":"2026-03-10T12:00:00Z","name":"npm test","passed":false,"exit_code":1,"duration_s":5.25,"subagent_type":"test-runner"}"#
            ])
        // The main session's runs, and agent types that name nothing, leave the key out.
        let agentTypes = [
            #""#, #","agent_type":"""#, #","agent_type":"  ""#, #","agent_type":null"#, #","agent_type":7"#,
        ]
        for agentType in agentTypes {
            let json =
                #"{"session_id":"s2","cwd":"\#(cwd)","hook_event_name":"PostToolUse","tool_name":"Bash","tool_input":{"command":"npm test"},"tool_response":{"stdout":"ok"},"duration_ms":1000\#(agentType)}"#
            let text = try #require(lines(hook.record(try event(json), now: now)).first, "\(agentType)")
            #expect(!text.contains("subagent_type"), "\(agentType)")
        }
    }

    @Test func theSubagentOfACheckIsStoredAndAbsentForTheMainSession() throws {
        let team = try CollectorFixture(agents: ["builder"])
        let hook = recorder(team)
        let cwd = team.worktree("builder")
        let appender = MetricLineAppender(directory: team.config.metricsPath, prefix: "hook")
        for (offset, json) in [
            #"{"cwd":"\#(cwd)","hook_event_name":"PostToolUse","tool_name":"Bash","tool_input":{"command":"swift test"},"tool_response":{"stdout":"ok"},"duration_ms":9000,"agent_type":"test-runner"}"#,
            #"{"cwd":"\#(cwd)","hook_event_name":"PostToolUse","tool_name":"Bash","tool_input":{"command":"swift test"},"tool_response":{"stdout":"ok"},"duration_ms":8000}"#,
        ].enumerated() {
            let time = now + Double(offset * 60)
            try appender.append(lines(hook.record(try event(json), now: time)), time: Int64(time))
        }
        // Another collector's line, in camelCase: keys are matched ignoring case and underscores.
        try appender.append(
            [
                #"{"kind":"check","agentId":"builder","timestamp":"2026-03-10T12:05:00Z","name":"make","passed":true,"subagentType":"builder-bot"}"#
            ], time: CollectorFixture.now)
        let store = try ReportStore.inMemory()
        let log = DiagnosticLog()
        _ = try MetricsSource().ingest(
            into: store, context: RunContext(config: team.config, now: CollectorFixture.now + 3600, diagnostics: log))
        #expect(log.all.filter { $0.severity == .error }.isEmpty, "\(log.all.map(\.formatted))")
        let runs = try store.queue.read { db in
            try String.fetchAll(
                db,
                sql: "SELECT name || ' ' || COALESCE(subagent_type, '-') FROM agent_checks ORDER BY timestamp")
        }
        #expect(runs == ["swift test test-runner", "swift test -", "make builder-bot"])
    }

    @Test func aSubagentThatIsNotTextIsABadLine() throws {
        let workspace = try MetricsTestWorkspace()
        try workspace.write(
            "hook-2026-03-10.jsonl",
            """
            {"kind":"check","agent_id":"builder","timestamp":"2026-03-10T10:00:00Z","name":"swift test","passed":true,"subagent_type":["test-runner"]}
            {"kind":"check","agent_id":"builder","timestamp":"2026-03-10T10:01:00Z","name":"swift test","passed":true,"subagent_type":null}

            """)
        try workspace.ingest()
        #expect(workspace.errors.map { $0.line ?? 0 } == [1])
        #expect(workspace.errors.first?.message.contains("subagent_type") == true)
        #expect(try workspace.count("SELECT COUNT(*) FROM agent_checks WHERE subagent_type IS NULL") == 1)
    }

    @Test func aDatabaseFromBeforeV14GainsTheSubagentColumnAndKeepsItsRuns() throws {
        let file = NSTemporaryDirectory() + "checks-v13-" + UUID().uuidString + ".sqlite"
        defer { try? FileManager.default.removeItem(atPath: file) }
        let old = try DatabaseQueue(path: file)
        var migrator = DatabaseMigrator()
        for migration in Migrations.all where migration.version <= 13 {
            migrator.registerMigration(migration.name) { db in try migration.body(db) }
        }
        try migrator.migrate(old)
        try old.write { db in
            try db.execute(
                sql: """
                    INSERT INTO agent_checks (agent_id, timestamp, name, passed, exit_code, duration_s)
                    VALUES ('builder', '2026-03-10 10:00:00', 'swift test', 1, 0, 4.5)
                    """)
        }
        try old.close()
        let store = try ReportStore.openForWriting(at: file)
        let row = try #require(
            try store.queue.read { db in
                try Row.fetchOne(db, sql: "SELECT name, subagent_type FROM agent_checks")
            })
        #expect(row["name"] as String == "swift test")
        #expect(row["subagent_type"] as String? == nil)
    }

    @Test func hookLinesAreIngestedOnceEach() throws {
        let team = try CollectorFixture(agents: ["builder"])
        let hook = recorder(team)
        let cwd = team.worktree("builder")
        let appender = MetricLineAppender(directory: team.config.metricsPath, prefix: "hook")
        for (offset, json) in [
            #"{"session_id":"s1","cwd":"\#(cwd)","hook_event_name":"SessionStart","source":"startup"}"#,
            #"{"cwd":"\#(cwd)","hook_event_name":"PostToolUse","tool_name":"Bash","tool_input":{"command":"make test"},"tool_response":{"stdout":"ok"},"duration_ms":2000}"#,
            #"{"cwd":"\#(cwd)","hook_event_name":"PostToolUseFailure","tool_name":"Bash","tool_input":{"command":"make test"},"error":"Exit code 2","duration_ms":1500}"#,
            #"{"cwd":"\#(cwd)","hook_event_name":"PostToolUse","tool_name":"Bash","tool_input":{"command":"make"},"tool_response":{"stdout":"ok"}}"#,
        ].enumerated() {
            let time = now + Double(offset * 60)
            try appender.append(lines(hook.record(try event(json), now: time)), time: Int64(time))
        }
        let store = try ReportStore.inMemory()
        for _ in 0..<2 {
            let log = DiagnosticLog()
            _ = try MetricsSource().ingest(
                into: store,
                context: RunContext(config: team.config, now: CollectorFixture.now + 3600, diagnostics: log))
            #expect(log.all.filter { $0.severity == .error }.isEmpty, "\(log.all.map(\.formatted))")
        }
        let checks = try store.queue.read { db in
            try Row.fetchAll(db, sql: "SELECT name, passed, exit_code, duration_s FROM agent_checks ORDER BY timestamp")
                .map {
                    "\($0["name"] as String) \($0["passed"] as Int) \($0["exit_code"] as Int? ?? -1) \($0["duration_s"] as Double? ?? -1)"
                }
        }
        #expect(checks == ["make test 1 0 2.0", "make test 0 2 1.5", "make 1 0 -1.0"])
        let sessions = try store.queue.read { db in
            try String.fetchAll(
                db, sql: "SELECT agent_id || ' ' || event || ' ' || session_id || ' ' || reason FROM agent_sessions")
        }
        #expect(sessions == ["builder start s1 startup"])
    }

    @Test func badCheckAndSessionLinesAreDiagnosedAndTheRestIngested() throws {
        let workspace = try MetricsTestWorkspace()
        try workspace.write(
            "hook-2026-03-10.jsonl",
            """
            {"kind":"check","agent_id":"builder","timestamp":"2026-03-10T10:00:00Z","name":"swift test","passed":"yes"}
            {"kind":"check","agent_id":"builder","timestamp":"2026-03-10T10:01:00Z","passed":true}
            {"kind":"session","agent_id":"builder","timestamp":"2026-03-10T10:02:00Z","event":"paused"}
            {"kind":"session","agent_id":"builder","timestamp":"2026-03-10T10:03:00Z","event":"end"}
            {"kind":"session","agent_id":"builder","timestamp":"2026-03-10T10:03:00Z","event":"end"}
            {"kind":"check","agent_id":"builder","timestamp":"2026-03-10T10:04:00Z","name":"swift test","passed":false,"exit_code":1,"duration_s":4.5}

            """)
        try workspace.ingest()
        #expect(workspace.errors.map { $0.line ?? 0 } == [1, 2, 3])
        #expect(workspace.errors.first?.message.contains("\"passed\" must be true or false") == true)
        #expect(try workspace.count("SELECT COUNT(*) FROM agent_checks") == 1)
        #expect(try workspace.count("SELECT COUNT(*) FROM agent_sessions WHERE session_id = ''") == 1)
    }

    @Test func checkCommandsMatchTheLeadingWordsOfAnySimpleCommand() {
        let matcher = CheckCommandMatcher(ReportConfig.Sample.defaultCheckCommands)
        #expect(matcher.checkName(of: "swift test") == "swift test")
        #expect(matcher.checkName(of: "cd Sources && swift build -c release 2>&1 | tail") == "swift build")
        #expect(matcher.checkName(of: "FOO=1 BAR='a b' timeout 600 cargo test --all") == "cargo test")
        #expect(matcher.checkName(of: "python -m pytest tests/ -q; echo done") == "python -m pytest")
        #expect(matcher.checkName(of: "make test") == "make test")
        #expect(matcher.checkName(of: "make -j4") == "make")
        #expect(matcher.checkName(of: "echo 'swift test' > notes.txt") == nil, "quoted words are an argument")
        #expect(matcher.checkName(of: "git commit -m \"npm test passes\"") == nil)
        #expect(matcher.checkName(of: "npm install") == nil)
        #expect(CheckCommandMatcher(["./scripts/check"]).checkName(of: "./scripts/check --fast") == "./scripts/check")
    }
}
