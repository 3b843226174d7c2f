import Foundation

/// Splits a progress log into entries. Understands `## <ISO-8601 time> - <agent>` headings
/// and the hand-written `## 2026-03-02` followed by `### 13:05 - Agent Name`. An entry's
/// body runs to the next entry heading, its own `#`/`##`/`###` headings included (and
/// headings inside code fences are never entry headings). Text before the first entry is
/// not an entry.
public struct ProgressLogParser {
    let file: String
    let path: String
    let resolver: AgentResolver
    let taskIdPattern: NSRegularExpression?

    /// A parser naming `file` in diagnostics (`coordination/progress-log.md@agent-builder`),
    /// keying entries by `path` (the log's path relative to the workspace; `file` when nil),
    /// extracting task ids with `taskIdPattern`.
    public init(file: String, path: String? = nil, resolver: AgentResolver, taskIdPattern: String) {
        self.file = file
        self.path = path ?? file
        self.resolver = resolver
        self.taskIdPattern = try? NSRegularExpression(pattern: taskIdPattern)
    }

    private static let isoHeading = try? NSRegularExpression(
        pattern:
            #"^##\s+(\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?\s?(?:Z|z|[+-]\d{2}(?::?\d{2})?)?)\s+[-–—]\s+(\S.*?)\s*$"#
    )
    private static let dateHeading = try? NSRegularExpression(pattern: #"^##\s+(\d{4}-\d{2}-\d{2})\s*$"#)
    private static let timeHeading = try? NSRegularExpression(
        pattern: #"^###\s+(\d{1,2}:\d{2}(?::\d{2})?)\s*(?:(?:UTC|Z))?\s+[-–—]\s+(\S.*?)\s*$"#)

    /// The entries of `text` (already through `InputText`), in file order; problems go to `diagnostics`.
    public func parse(_ text: String, diagnostics: inout [Diagnostic]) -> [ProgressEntry] {
        var entries: [ProgressEntry] = []
        var headings: [String: Int] = [:]
        var open: (agent: String, time: Int64, line: Int)?
        var body: [Substring] = []
        var day: String?
        var inFence = false
        func close() {
            if let current = open {
                var next = entry(current.agent, current.time, current.line, body)
                let heading = "\(next.agentId)|\(next.timestamp)"
                next.position = headings[heading, default: 0]
                headings[heading] = next.position + 1
                next.key = ProgressEntry.key(
                    path: path, agentId: next.agentId, timestamp: next.timestamp, position: next.position)
                entries.append(next)
            }
            open = nil
            body = []
        }
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = line.hasSuffix("\r") ? line.dropLast() : line
            let lineNumber = index + 1
            if line.hasPrefix("```") || line.hasPrefix("~~~") { inFence.toggle() }
            if !inFence, line.hasPrefix("## ") || line.hasPrefix("### ") {
                let text = String(line)
                if let m = Self.match(Self.isoHeading, text) {
                    close()
                    day = nil
                    guard let time = UTCTime.parse(m[0]) else {
                        diagnostics.append(
                            Diagnostic(
                                .warning, file: file, line: lineNumber, column: 4,
                                "\"\(m[0])\" is not a valid time; entry skipped"))
                        continue
                    }
                    open = (m[1], time, lineNumber)
                    continue
                }
                if let m = Self.match(Self.dateHeading, text) {
                    close()
                    day = UTCTime.parse(m[0]) == nil ? nil : m[0]
                    if day == nil {
                        diagnostics.append(
                            Diagnostic(
                                .warning, file: file, line: lineNumber, column: 4,
                                "\"\(m[0])\" is not a valid date; its entries are skipped"))
                    }
                    continue
                }
                if let day, let m = Self.match(Self.timeHeading, text) {
                    close()
                    let clock = m[0].count == 4 ? "0" + m[0] : m[0]
                    guard let time = UTCTime.parse("\(day)T\(clock)") else {
                        diagnostics.append(
                            Diagnostic(
                                .warning, file: file, line: lineNumber, column: 5,
                                "\"\(m[0])\" is not a valid time of day; entry skipped"))
                        continue
                    }
                    open = (m[1], time, lineNumber)
                    continue
                }
            }
            if open != nil { body.append(line) }
        }
        close()
        return entries
    }

    private func entry(_ agentText: String, _ time: Int64, _ line: Int, _ lines: [Substring]) -> ProgressEntry {
        var lines = lines
        // Trailing blank lines and the `---` rules agents put between entries are not the body.
        while let last = lines.last,
            last.trimmingCharacters(in: .whitespaces).isEmpty || last.trimmingCharacters(in: .whitespaces) == "---"
        {
            lines.removeLast()
        }
        while let first = lines.first, first.trimmingCharacters(in: .whitespaces).isEmpty { lines.removeFirst() }
        let body = SecretRedactor.redact(lines.joined(separator: "\n"))
        let agentId = resolver.agentId(forName: Self.agentName(inHeading: agentText)) ?? "unattributed"
        let title = lines.lazy.map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "#-*> \t")) }.first {
            !$0.isEmpty
        }
        return ProgressEntry(
            key: "", path: path, position: 0, agentId: agentId,
            agentName: agentText == agentId ? nil : agentText, timestamp: time,
            title: title.map { SecretRedactor.redact(String($0.prefix(120))) }, body: body,
            taskIds: taskIds(in: body), line: line)
    }

    /// The agent's name in a heading's agent part, without what agents add after it: a role
    /// in parentheses (`claude (agent)`), a topic after ` · ` (`claude · phase 0`) or the
    /// receiver of a handoff after ` → ` or ` -> ` (`Claude → Local Agent`).
    static func agentName(inHeading text: String) -> String {
        var name = Substring(text)
        for separator in [" · ", " → ", " -> "] {
            if let range = name.range(of: separator) { name = name[..<range.lowerBound] }
        }
        name = Substring(name.trimmingCharacters(in: .whitespaces))
        if name.hasSuffix(")"), let open = name.lastIndex(of: "("), open > name.startIndex {
            let before = name[..<open].trimmingCharacters(in: .whitespaces)
            if !before.isEmpty { name = Substring(before) }
        }
        return String(name)
    }

    /// The task ids `body` mentions, each once, in order.
    func taskIds(in body: String) -> [String] {
        guard let taskIdPattern else { return [] }
        var seen: Set<String> = []
        return taskIdPattern.matches(in: body, range: NSRange(body.startIndex..., in: body)).compactMap { match in
            guard let range = Range(match.range, in: body) else { return nil }
            let id = String(body[range])
            return seen.insert(id).inserted ? id : nil
        }
    }

    private static func match(_ regex: NSRegularExpression?, _ text: String) -> [String]? {
        guard let regex, let m = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) else {
            return nil
        }
        return (1..<m.numberOfRanges).map { i in Range(m.range(at: i), in: text).map { String(text[$0]) } ?? "" }
    }
}
