import Foundation
import GRDB
import Testing

@testable import AgentReport

@Suite struct MemoryBankTests {
    @Test func patternsAreStoredAndBadFilesDiagnosedWithTheirPosition() throws {
        let workspace = try TestWorkspace()
        try workspace.write("coordination/memory-bank/a.json", """
            {"id": "p-1", "content": "## Layout\\nkey: sk-abcdefghijklmnopqrstuvwx", "description": "Layout",
             "tags": ["architecture", "swift"], "agentId": "Builder", "timestamp": "2026-03-02T21:16:27.778Z"}
            """)
        try workspace.write("coordination/memory-bank/b.json", "{\"content\": \"no id: the file name is the id\"}")
        try workspace.write("coordination/memory-bank/broken.json", "{\n  \"id\": \"p-3\",\n  \"content\": oops\n}")
        try workspace.write("coordination/memory-bank/list.json", "[1, 2]")
        try workspace.write("coordination/memory-bank/notes.txt", "not a pattern file")
        let (rows, diagnostics) = try workspace.ingest(MemoryBankSource())
        #expect(rows == 2)
        #expect(diagnostics.map(\.severity) == [.error, .error])
        #expect(diagnostics[0].file == "coordination/memory-bank/broken.json")
        #expect(diagnostics[0].line == 3)
        #expect(diagnostics[1].file == "coordination/memory-bank/list.json")
        #expect(diagnostics[1].message.hasPrefix("not a memory-bank pattern"))
        let stored = try workspace.store.queue.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM memory_patterns ORDER BY pattern_id").map {
                "\($0["pattern_id"] as String) \($0["agent_id"] as String? ?? "-") \($0["timestamp"] as String? ?? "-") \($0["tags"] as String)"
            }
        }
        #expect(stored == ["b - - []", "p-1 builder 2026-03-02 21:16:27 [\"architecture\",\"swift\"]"])
        let content = try workspace.store.queue.read { db in
            try String.fetchOne(db, sql: "SELECT content FROM memory_patterns WHERE pattern_id = 'p-1'")
        }
        #expect(content == "## Layout\nkey: [REDACTED]")
        #expect(try workspace.ingest(MemoryBankSource()).rows == 0)
    }
}
