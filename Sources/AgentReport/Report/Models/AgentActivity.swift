import Foundation
import GRDB

/// An agent's recent events (commits, task events, progress entries) and progress-log
/// entries, as template values.
enum AgentActivity {
    /// One line of an agent's recent activity.
    struct Event {
        var time: String
        var kind: String
        var subject: String
        var what: String
    }

    /// The newest `limit` events of `agent`, newest first (ties in a fixed order): its
    /// commits and progress entries from indexed queries, its task events from the replay
    /// every page shares (`task_events` has no index on `changed_by`).
    static func recent(_ db: Database, agent: String, taskEvents: [Event], limit: Int) throws -> [[String: Any]] {
        var events = taskEvents
        events += try Row.fetchAll(db, sql: """
            SELECT commit_timestamp AS t, short_hash AS subject,
                   substr(COALESCE(message, ''), 1, instr(COALESCE(message, '') || char(10), char(10)) - 1) AS what
            FROM git_commits WHERE agent_id = ? ORDER BY commit_timestamp DESC LIMIT ?
            """, arguments: [agent, limit]).map { Event(time: $0["t"] ?? "", kind: "commit", subject: $0["subject"] ?? "", what: $0["what"] ?? "") }
        events += try Row.fetchAll(db, sql: """
            SELECT timestamp AS t, COALESCE(title, substr(body, 1, 80)) AS what
            FROM progress_entries WHERE agent_id = ? ORDER BY timestamp DESC LIMIT ?
            """, arguments: [agent, limit]).map { Event(time: $0["t"] ?? "", kind: "progress", subject: "", what: $0["what"] ?? "") }
        // Newest first, then kind, subject, what ascending; field by field rather than as a
        // tuple of four strings, which copied (retained and released) them for every comparison.
        events.sort { a, b in
            if a.time != b.time { return a.time > b.time }
            if a.kind != b.kind { return a.kind < b.kind }
            if a.subject != b.subject { return a.subject < b.subject }
            return a.what < b.what
        }
        return events.prefix(limit).map { ["time": $0.time, "kind": $0.kind, "subject": $0.subject, "what": $0.what] }
    }

    /// The newest `limit` progress-log entries of `agent`, newest first, each body quoted.
    static func progressEntries(_ db: Database, agent: String, limit: Int) throws -> [[String: Any]] {
        try Row.fetchAll(db, sql: """
            SELECT timestamp, title, body, task_ids FROM progress_entries WHERE agent_id = ?
            ORDER BY timestamp DESC, id DESC LIMIT ?
            """, arguments: [agent, limit]).map { row -> [String: Any] in
            let title: String = row["title"] ?? ""
            let tasks = TaskQueries.strings(row["task_ids"]).joined(separator: ", ")
            return ["time": row["timestamp"] as String? ?? "", "title": title, "hasTitle": !title.isEmpty,
                    "taskIds": tasks, "hasTaskIds": !tasks.isEmpty, "quoted": quote(row["body"] as String? ?? "")]
        }
    }

    /// A progress-log body (Markdown written by an agent) nested in a blockquote, so its
    /// headings, lists and code blocks stay inside it and cannot break the page.
    ///
    /// Outside code, `<` is escaped (raw HTML shows as text in every Markdown viewer, not
    /// only in those that sanitise) and `![` too (a remote image becomes a plain link, so
    /// opening the report loads nothing from elsewhere).
    static func quote(_ body: String) -> String {
        var inFence = false
        var lines = body.split(separator: "\n", omittingEmptySubsequences: false).map { raw -> String in
            let line = raw.hasSuffix("\r") ? String(raw.dropLast()) : String(raw)
            let trimmed = line.drop { $0 == " " }
            if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
                inFence.toggle()
                return line
            }
            return inFence ? line : neutralise(line)
        }
        while let last = lines.last, last.trimmingCharacters(in: .whitespaces).isEmpty { lines.removeLast() }
        while let first = lines.first, first.trimmingCharacters(in: .whitespaces).isEmpty { lines.removeFirst() }
        if lines.isEmpty { return "> (empty entry)" }
        return lines.map { $0.isEmpty ? ">" : "> " + $0 }.joined(separator: "\n")
    }

    /// `line` with `<` and `![` escaped outside inline code spans (a run of backticks
    /// opens a span only when a run of the same length closes it, as in CommonMark).
    static func neutralise(_ line: String) -> String {
        let characters = Array(line)
        var result = ""
        var backslashes = 0
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if character == "`", backslashes % 2 == 0 {
                var length = 0
                while index + length < characters.count, characters[index + length] == "`" { length += 1 }
                if let end = closingRun(of: length, in: characters, after: index + length) {
                    result += String(characters[index..<end])
                    index = end
                } else {
                    result += String(repeating: "`", count: length)
                    index += length
                }
                backslashes = 0
                continue
            }
            let escapedAlready = backslashes % 2 == 1
            if character == "<", !escapedAlready {
                result.append("\\")
            } else if character == "!", !escapedAlready, index + 1 < characters.count, characters[index + 1] == "[" {
                result.append("\\")
            }
            result.append(character)
            backslashes = character == "\\" ? backslashes + 1 : 0
            index += 1
        }
        return result
    }

    /// The index just past a run of exactly `length` backticks after `start`, if any.
    private static func closingRun(of length: Int, in characters: [Character], after start: Int) -> Int? {
        var index = start
        while index < characters.count {
            guard characters[index] == "`" else {
                index += 1
                continue
            }
            var run = 0
            while index + run < characters.count, characters[index + run] == "`" { run += 1 }
            if run == length { return index + run }
            index += run
        }
        return nil
    }
}
