import Foundation
import Testing

@testable import AgentReport

/// The board scanner validates JSON without building it: it must accept and reject exactly
/// what `JSONSerialization` does, report where the input went wrong, and survive hostile input.
@Suite struct BoardScannerTests {
    func scan(_ text: String) -> Result<BoardLayout, BoardSyntaxError> {
        let document = BoardDocument(data: Data(text.utf8))
        return Result { () throws(BoardSyntaxError) -> BoardLayout in try document.scan() }
    }

    func parse(_ data: Data) -> (TaskBoardSnapshot?, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        let snapshot = TaskBoardParser(file: "board.json").parse(data, diagnostics: &diagnostics)
        return (snapshot, diagnostics)
    }

    @Test(arguments: [
        "{}", "[]", "\"text\"", "0", "-0.5e+3", "1E9", "true", "null", " \n\t{ } \r\n",
        #"{"a": [1, -0, 0.25, 3e-2, true, false, null, "é \u00e9 \n \\ \" \/ \ud83d\ude80"], "b": {}}"#,
        "\u{FEFF}{\"tasks\": []}",
        // JSONSerialization takes a trailing comma, and agents write them: so does the scanner.
        "[1,]", "{\"a\": 1,}", "{\"tasks\": [{\"id\": \"A\"},\n]}",
    ])
    func acceptsWhatJSONSerializationAccepts(_ text: String) throws {
        #expect((try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])) != nil)
        if case .failure(let error) = scan(text) { Issue.record("rejected at byte \(error.offset): \(error.reason)") }
    }

    @Test(arguments: [
        "", "   ", "{", "}", "[,]", "[1,,]", "{,}", "{\"a\" 1}", "{\"a\": 01}", "{\"a\": 1.}", "{\"a\": -}",
        "{\"a\": .5}", "{\"a\": 1e}", "{\"a\": tru}", "{\"a\": nul}", "{\"a\": \"x\\q\"}", "{\"a\": \"\\u12\"}",
        "{\"a\": \"unterminated}", "{\"a\": \"tab\there\"}", "{a: 1}", "{\"a\": 1} {}", "{\"a\": 1} x", "[1 2]",
        "{'a': 1}", "{\"a\": NaN}", "{\"a\": +1}",
    ])
    func rejectsWhatJSONSerializationRejects(_ text: String) {
        #expect((try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])) == nil)
        guard case .failure(let error) = scan(text) else {
            Issue.record("accepted invalid JSON: \(text)")
            return
        }
        #expect(error.offset >= 0 && error.offset <= text.utf8.count)
        #expect(!error.reason.isEmpty)
    }

    @Test func errorsAreReportedWhereTheInputWentWrong() throws {
        let text = "{\"tasks\": [\n  {\"id\": \"A\"},\n  {\"id\": \"B\", \"title\": 01}\n]}"
        let (snapshot, diagnostics) = parse(Data(text.utf8))
        #expect(snapshot == nil)
        let error = try #require(diagnostics.first)
        #expect(error.line == 3)
        #expect(error.column == 25)
        #expect(error.message == "not valid JSON: unexpected \"1\", \",\" or \"}\" was expected")
    }

    @Test func everyTruncationOfABoardIsAnErrorAndGivesNoTask() throws {
        let text =
            #"{"updatedBy": "builder", "tasks": [{"id": "T-1", "status": "done", "title": "Fix \"quotes\" é"}, {"id": 2, "subtasks": [{"id": 1}]}]}"#
        let bytes = Array(text.utf8)
        for length in 0..<bytes.count {
            var diagnostics: [Diagnostic] = []
            var tasks = 0
            let header = TaskBoardParser(file: "board.json").parse(
                BoardDocument(data: Data(bytes[..<length])), diagnostics: &diagnostics,
                onHeader: { _ in }, onTask: { _, _ in tasks += 1 })
            #expect(header == nil, "a board cut at byte \(length) was accepted")
            #expect(tasks == 0, "a board cut at byte \(length) gave tasks")
            #expect(diagnostics.count == 1 && diagnostics[0].severity == .error)
            #expect(diagnostics.first?.message.hasPrefix("not valid JSON") == true)
        }
        let (snapshot, diagnostics) = parse(Data(bytes))
        #expect(snapshot?.tasks.map(\.id) == ["T-1", "2", "2.1"])
        #expect(diagnostics.isEmpty)
    }

    @Test func deepNestingIsRejectedWithoutExhaustingTheStack() throws {
        let text = "{\"tasks\": [" + String(repeating: "[", count: 200_000)
        let (snapshot, diagnostics) = parse(Data(text.utf8))
        #expect(snapshot == nil)
        #expect(diagnostics.first?.message == "not valid JSON: nested more than 512 levels deep")
        // Nesting inside a task's own values up to the limit is fine.
        let deep = String(repeating: "[", count: 500) + String(repeating: "]", count: 500)
        let (board, _) = parse(Data("{\"tasks\": [{\"id\": \"A\", \"x\": \(deep)}]}".utf8))
        #expect(board?.tasks.map(\.id) == ["A"])
    }

    @Test func aHugeStringValueIsKept() throws {
        let title = String(repeating: "long title ", count: 400_000)  // 4.4 MB
        let (snapshot, diagnostics) = parse(Data("{\"tasks\": [{\"id\": \"A\", \"title\": \"\(title)\"}]}".utf8))
        #expect(snapshot?.tasks.first?.title == title)
        #expect(diagnostics.isEmpty)
    }

    @Test func aRepeatedTopLevelKeyCountsOnceTheLastTime() throws {
        let text =
            #"{"tasks": [{"id": "A"}], "tasks": {"done": [{"id": "B"}]}, "updatedBy": "x", "updatedBy": "builder"}"#
        let (snapshot, _) = parse(Data(text.utf8))
        let board = try #require(snapshot)
        #expect(board.shape == .buckets)
        #expect(board.tasks.map(\.id) == ["B"])
        #expect(board.updatedBy == "builder")
    }

    @Test func keysWithEscapesAreRecognised() throws {
        let (snapshot, _) = parse(Data(#"{"t\u0061sks": [{"id": "A", "st\u0061tus": "done"}]}"#.utf8))
        #expect(snapshot?.tasks.map(\.status) == [.done])
    }

    @Test func invalidUTF8InsideAKeyOrOutsideStringsIsHandled() throws {
        var data = Data("{\"tasks\": [{\"id\": \"A\", \"ti".utf8)
        data.append(0xFF)
        data.append(contentsOf: Data("tle\": \"x\"}]}".utf8))
        let (snapshot, diagnostics) = parse(data)
        #expect(snapshot?.tasks.map(\.id) == ["A"])
        #expect(diagnostics.map(\.severity) == [.warning])
        var outside = Data("{\"tasks\": [".utf8)
        outside.append(0xC3)
        outside.append(contentsOf: Data("]}".utf8))
        let (rejected, errors) = parse(outside)
        #expect(rejected == nil)
        #expect(errors.first?.message.hasPrefix("not valid JSON: unexpected byte 0xC3") == true)
    }

    @Test func aFileIsReadInChunksWithPositionsPastTheFirstChunk() throws {
        let workspace = try TestWorkspace()
        // Over 2 MB, so the scanner crosses chunk boundaries; the error is near the end.
        var text = "{\"tasks\": [\n"
        for i in 0..<12_000 { text += "  {\"id\": \"T-\(i)\", \"title\": \"\(String(repeating: "é", count: 80))\"},\n" }
        text += "  {\"id\": \"LAST\" \"title\": \"x\"}\n]}\n"
        try workspace.write("board.json", text)
        let document = try BoardDocument(path: (workspace.root as NSString).appendingPathComponent("board.json"))
        var diagnostics: [Diagnostic] = []
        let header = TaskBoardParser(file: "board.json").parse(
            document, diagnostics: &diagnostics, onHeader: { _ in }, onTask: { _, _ in })
        #expect(header == nil)
        #expect(diagnostics.first?.line == 12_002)
        #expect(diagnostics.first?.column == 17)
        #expect(text.utf8.count > 2 << 20)

        try workspace.write(
            "board.json", text.replacingOccurrences(of: "\"LAST\" \"title\"", with: "\"LAST\", \"title\""))
        let good = try BoardDocument(path: (workspace.root as NSString).appendingPathComponent("board.json"))
        var ids: [String] = []
        let board = TaskBoardParser(file: "board.json").parse(
            good, diagnostics: &diagnostics, onHeader: { _ in }, onTask: { task, _ in ids.append(task.id) })
        #expect(board?.shape == .flat)
        #expect(ids.count == 12_001)
        #expect(ids.last == "LAST")
        #expect(good.changedSinceOpened == false)
        try workspace.write("board.json", "{\"tasks\": []}")
        #expect(good.changedSinceOpened == true)
    }
}

/// Decoded task objects are shared between the versions of a board's history by their bytes.
@Suite struct BoardElementMemoTests {
    func version(_ text: String, memo: BoardElementMemo) throws -> BoardVersionCache.Version {
        var tasks: [BoardTask] = []
        var positions: [String: Int] = [:]
        var tokens: [Int] = []
        var diagnostics: [Diagnostic] = []
        let header = TaskBoardParser(file: "board.json").parse(
            BoardDocument(data: Data(text.utf8)), memo: memo, diagnostics: &diagnostics, onHeader: { _ in }
        ) { task, token in
            positions[task.id] = tasks.count
            tasks.append(task)
            tokens.append(token)
        }
        var snapshot = try #require(header)
        snapshot.tasks = tasks
        return BoardVersionCache.Version(snapshot: snapshot, positions: positions, tokens: tokens)
    }

    @Test func sameBytesShareATokenAndOtherBytesCompareByValue() throws {
        let memo = BoardElementMemo()
        let a = try version(#"{"tasks": [{"id": "A", "status": "todo"}, {"id": "B", "status": "done"}]}"#, memo: memo)
        let b = try version(
            #"{"tasks": [{"id": "A", "status": "todo"}, {"id":"B","status":"done"}, {"id": "C"}]}"#, memo: memo)
        #expect(a.tokens[0] == b.tokens[0])
        #expect(a.tokens[1] != b.tokens[1])
        // B is written differently but says the same: equal; C is new.
        #expect(a.has(b.snapshot.tasks[0], token: b.tokens[0]))
        #expect(a.has(b.snapshot.tasks[1], token: b.tokens[1]))
        #expect(!a.has(b.snapshot.tasks[2], token: b.tokens[2]))
        let c = try version(#"{"tasks": [{"id": "A", "status": "done"}]}"#, memo: memo)
        #expect(!a.has(c.snapshot.tasks[0], token: c.tokens[0]))
    }

    @Test func theSameBytesInAnotherContextAreDecodedAgain() throws {
        let memo = BoardElementMemo()
        let flat = try version(#"{"tasks": [{"id": "A"}]}"#, memo: memo)
        let bucket = try version(#"{"tasks": {"done": [{"id": "A"}]}}"#, memo: memo)
        #expect(flat.snapshot.tasks[0].status == .todo)
        #expect(bucket.snapshot.tasks[0].status == .done)
        #expect(flat.tokens[0] != bucket.tokens[0])
    }

    @Test func boardCommentsMakeATaskDifferFromItsBytes() throws {
        let memo = BoardElementMemo()
        let plain = try version(#"{"tasks": [{"id": "A"}]}"#, memo: memo)
        let commented = try version(#"{"tasks": [{"id": "A"}], "comments": {"A": ["see the log"]}}"#, memo: memo)
        #expect(commented.tokens[0] == 0)
        #expect(!plain.has(commented.snapshot.tasks[0], token: commented.tokens[0]))
    }

    @Test func objectsStillInUseSurviveAGenerationChange() throws {
        let memo = BoardElementMemo(byteLimit: 40)
        let a = try version(#"{"tasks": [{"id": "A", "title": "first"}]}"#, memo: memo)
        _ = try version(#"{"tasks": [{"id": "B", "title": "second"}]}"#, memo: memo)  // A is now old
        let again = try version(#"{"tasks": [{"id": "A", "title": "first"}]}"#, memo: memo)
        #expect(again.tokens[0] == a.tokens[0])
        _ = try version(#"{"tasks": [{"id": "C", "title": "third"}]}"#, memo: memo)
        _ = try version(#"{"tasks": [{"id": "D", "title": "fourth"}]}"#, memo: memo)
        let late = try version(#"{"tasks": [{"id": "B", "title": "second"}]}"#, memo: memo)
        #expect(late.snapshot.tasks[0].title == "second")
    }

    @Test func aFullMemoIsEmptiedAndTokensAreNeverReused() throws {
        let memo = BoardElementMemo(byteLimit: 64)
        var seen: Set<Int> = []
        for i in 0..<20 {
            let v = try version(
                "{\"tasks\": [{\"id\": \"T-\(i)\", \"title\": \"a title long enough to fill the memo\"}]}", memo: memo)
            #expect(seen.insert(v.tokens[0]).inserted)
        }
    }
}
