import Foundation
import Testing

@testable import AgentReport

@Suite struct TaskBoardParserTests {
    func parse(_ data: Data, file: String = "board.json") -> (TaskBoardSnapshot?, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        let snapshot = TaskBoardParser(file: file).parse(data, diagnostics: &diagnostics)
        return (snapshot, diagnostics)
    }

    @Test func flatBoardIsReadWithNormalisedStatusesAndRawValuesKept() throws {
        let (snapshot, diagnostics) = parse(try fixture("boards/flat.json"))
        let board = try #require(snapshot)
        #expect(board.shape == .flat)
        #expect(board.updatedBy == "architect")
        #expect(board.sprintId == "SPRINT-001")
        #expect(board.tasks.map(\.id) == ["TASK-101", "TASK-102", "TASK-103", "TASK-104", "TASK-105", "TASK-106"])
        #expect(board.tasks.map(\.status) == [.done, .review, .blocked, .todo, .todo, .verified])
        #expect(board.tasks.map(\.rawStatus) == ["DONE", "IN_REVIEW", "on_hold", "Parked", "Parked", "APPROVED"])
        #expect(board.tasks.map(\.priority) == ["high", "high", nil, nil, nil, nil])
        // "all" and null are the whole team; "Builder" becomes the agent id "builder".
        #expect(board.tasks.map(\.assignedTo) == ["architect", nil, "builder", nil, nil, "validator"])
        #expect(board.tasks[2].blockers == ["waiting for TASK-102"])
        #expect(board.tasks[1].dependencies == ["TASK-101"])
        // Claimed times are kept apart from extra keys.
        #expect(board.tasks[0].claimedTimes == ["createdAt": "2026-03-02T08:00:00Z", "completedAt": "2026-03-02T09:30:00Z"])
        #expect(board.tasks[0].extra["estimatedHours"] == "2")
        #expect(board.agents == ["builder": "Full-Stack Builder", "architect": "System Architect"])
        // The unknown status is reported once, though two tasks have it.
        let unknown = diagnostics.filter { $0.message.contains("unknown status") }
        #expect(unknown.count == 1)
        #expect(unknown.first?.severity == .warning)
        #expect(unknown.first?.message.contains("\"Parked\"") == true)
        #expect(diagnostics.count == 1)
    }

    @Test func commentsAsObjectsOrStringsAreNormalisedIntoDetails() throws {
        let board = try #require(parse(try fixture("boards/flat.json")).0)
        let details = try #require(
            JSONSerialization.jsonObject(with: Data(board.tasks[0].detailsJSON.utf8)) as? [String: Any])
        let extra = try #require(details["extra"] as? [String: Any])
        let comments = try #require(extra["comments"] as? [[String: String]])
        #expect(comments == [
            ["author": "validator", "timestamp": "2026-03-02T09:40:00Z", "message": "Looks good"],
            ["message": "plain note"],
        ])
        #expect(details["raw_status"] as? String == "DONE")
    }

    @Test func bucketBoardTakesStatusFromItsBucketAndTopLevelComments() throws {
        let (snapshot, diagnostics) = parse(try fixture("boards/buckets.json"))
        let board = try #require(snapshot)
        #expect(board.shape == .buckets)
        #expect(diagnostics.isEmpty)
        let byId = board.tasksById
        #expect(board.tasks.map(\.id) == ["ARCH-001", "BUILD-001", "VAL-001", "ORCH-001"])
        #expect(byId["ARCH-001"]?.status == .todo)
        #expect(byId["BUILD-001"]?.status == .inProgress)
        #expect(byId["ORCH-001"]?.status == .done)
        #expect(byId["ORCH-001"]?.rawStatus == "completed")
        #expect(byId["VAL-001"]?.status == .blocked)
        #expect(byId["VAL-001"]?.blockers == ["BUILD-001"])
        #expect(byId["ARCH-001"]?.assignedTo == "architect")
        #expect(byId["ORCH-001"]?.claimedTimes == ["created": "2025-06-16T13:00:00Z", "completed": "2025-06-16T13:05:00Z"])
        #expect(byId["ARCH-001"]?.extra["comments"]?.contains("Waiting for PRD") == true)
        #expect(byId["BUILD-001"]?.extra["project"] == "\"dash\"")
    }

    @Test func taskMasterTagsGiveIntegerIdsAndDottedSubtasks() throws {
        let (snapshot, diagnostics) = parse(try fixture("boards/task-master.json"))
        let board = try #require(snapshot)
        #expect(board.shape == .taskMaster)
        #expect(diagnostics.isEmpty)
        #expect(board.tasks.map(\.id) == ["1", "1.1", "1.2", "2", "3", "feature-x:1"])
        #expect(board.tasks.map(\.status) == [.done, .done, .done, .inProgress, .cancelled, .todo])
        let byId = board.tasksById
        #expect(byId["1.2"]?.dependencies == ["1.1"])
        #expect(byId["2"]?.dependencies == ["1"])
        #expect(byId["1.1"]?.extra["parentId"] == "\"1\"")
        #expect(byId["1"]?.extra["details"] == "\"1. uv\\n2. ruff\"")
    }

    @Test func invalidJSONIsAnErrorAtItsLineAndColumn() throws {
        let text = "{\n  \"tasks\": [\n    { \"id\": \"A\", \"status\": \"todo\" },\n    { \"id\": \"B\" \"status\": \"todo\" }\n  ]\n}\n"
        let (snapshot, diagnostics) = parse(Data(text.utf8))
        #expect(snapshot == nil)
        let error = try #require(diagnostics.first)
        #expect(error.severity == .error)
        #expect(error.message.hasPrefix("not valid JSON"))
        #expect(error.line == 4)
        #expect((error.column ?? 0) >= 15 && (error.column ?? 0) <= 17)
        #expect(error.formatted.hasPrefix("board.json:4:"))
    }

    @Test(arguments: ["[1, 2, 3]", "{\"name\": \"not a board\", \"items\": []}", "\"tasks\"", "{\"tasks\": 3}"])
    func validJSONThatIsNotABoardIsRejected(_ text: String) throws {
        let (snapshot, diagnostics) = parse(Data(text.utf8))
        #expect(snapshot == nil)
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.severity == .error)
        #expect(diagnostics.first?.message.hasPrefix("not a task board") == true)
    }

    @Test func duplicateTaskIdsKeepTheFirstAndWarn() throws {
        let text = flatBoard([("T-1", "todo", "builder"), ("T-2", "done", nil), ("T-1", "done", "validator")])
        let (snapshot, diagnostics) = parse(Data(text.utf8))
        let board = try #require(snapshot)
        #expect(board.tasks.map(\.id) == ["T-1", "T-2"])
        #expect(board.tasks[0].status == .todo)
        #expect(board.tasks[0].assignedTo == "builder")
        #expect(diagnostics.map(\.message) == ["tasks[2]: duplicate task id T-1; the first one is kept"])
        #expect(diagnostics.first?.severity == .warning)
    }

    @Test func nonUTF8BytesAreReplacedAndReportedWithTheirPosition() throws {
        var data = Data("{\"tasks\": [\n {\"id\": \"T-1\", \"title\": \"Caf".utf8)
        data.append(0xE9)  // Latin-1 "é"
        data.append(contentsOf: Data("\", \"status\": \"todo\"}\n]}".utf8))
        let (snapshot, diagnostics) = parse(data)
        let board = try #require(snapshot)
        #expect(board.tasks.first?.title == "Caf\u{FFFD}")
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.severity == .warning)
        #expect(diagnostics.first?.line == 2)
        #expect(diagnostics.first?.column == 29)
        #expect(diagnostics.first?.message.contains("not valid UTF-8") == true)
    }

    @Test func unknownStatusCountsAsTodoAndIsReportedOnce() throws {
        let text = flatBoard([("A", "parked", nil), ("B", "parked", nil), ("C", "icebox", nil)])
        let (snapshot, diagnostics) = parse(Data(text.utf8))
        #expect(snapshot?.tasks.map(\.status) == [.todo, .todo, .todo])
        #expect(diagnostics.count == 2)
    }

    @Test func secretsInTaskTextAreRedacted() throws {
        let text = #"{"tasks": [{"id": "T-1", "title": "rotate ghp_abcdefghijklmnopqrstuvwxyz0123", "status": "todo", "comments": ["password=hunter2"]}]}"#
        let board = try #require(parse(Data(text.utf8)).0)
        #expect(board.tasks[0].title == "rotate [REDACTED]")
        #expect(board.tasks[0].extra["comments"]?.contains("hunter2") == false)
    }
}

@Suite struct SecretRedactorScanTests {
    @Test(arguments: [
        ("plain text with nothing", "plain text with nothing"),
        ("Token: ghp_abcdefghijklmnopqrstuvwxyz0123", "Token: [REDACTED]"),
        ("PASSWORD=hunter2 ok", "PASSWORD=[REDACTED] ok"),
        ("AKIAABCDEFGHIJKLMNOP", "[REDACTED]"),
        ("é sk-abcdefghijklmnopqrstu", "é [REDACTED]"),
    ])
    func markersAreFoundWhateverTheirCase(_ text: String, _ expected: String) {
        #expect(SecretRedactor.redact(text) == expected)
    }
}

@Suite struct BoardJSONTextTests {
    @Test(arguments: ["plain", "quote \" and \\ backslash", "line\nbreak\ttab\u{01}", "path/with/slashes", "é ☃ 🚀", ""])
    func stringsMatchWhatJSONSerializationWrites(_ text: String) throws {
        #expect(BoardJSONText.string(text) == JSONSupport.encode(text))
        let decoded = try JSONSerialization.jsonObject(with: Data(BoardJSONText.string(text).utf8), options: [.fragmentsAllowed])
        #expect(decoded as? String == text)
    }

    @Test func objectsHaveSortedKeysAndSplicedValues() {
        #expect(BoardJSONText.object(["b": "[1]", "a": "\"x\""]) == #"{"a":"x","b":[1]}"#)
        #expect(BoardJSONText.array(["a", "b\"c"]) == JSONSupport.encode(["a", "b\"c"]))
    }
}
