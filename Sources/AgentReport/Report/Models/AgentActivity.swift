import Foundation

/// An agent's recent events (commits, task events, progress entries), and the quoting of
/// progress-log bodies.
enum AgentActivity {
    /// One line of an agent's recent activity.
    struct Event {
        var time: String
        var kind: String
        var subject: String
        var what: String
    }

    /// The newest `limit` of `events`, newest first (ties in a fixed order: kind, subject,
    /// then what, ascending).
    static func newest(_ events: [Event], limit: Int) -> [Event] {
        var events = events
        // Field by field rather than as a tuple of four strings, which copied (retained and
        // released) them for every comparison.
        events.sort { a, b in
            if a.time != b.time { return a.time > b.time }
            if a.kind != b.kind { return a.kind < b.kind }
            if a.subject != b.subject { return a.subject < b.subject }
            return a.what < b.what
        }
        return Array(events.prefix(limit))
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
