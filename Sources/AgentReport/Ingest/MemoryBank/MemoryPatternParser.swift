import Foundation

/// Reads one memory-bank file: `{"id", "content", "description", "tags", "agentId", "timestamp"}`.
/// A file that is not valid JSON, or not an object, is reported with its position and skipped.
public struct MemoryPatternParser {
    let file: String
    let name: String
    let severity: Diagnostic.Severity
    let resolver: AgentResolver

    /// A parser for the file `name` (shown as `file` in diagnostics); `severity` grades
    /// rejections (errors for the working copy, warnings for other branches' copies).
    public init(file: String, name: String, severity: Diagnostic.Severity, resolver: AgentResolver) {
        self.file = file
        self.name = name
        self.severity = severity
        self.resolver = resolver
    }

    /// The pattern in `data`, or nil (with a diagnostic) when the file is unusable.
    public func parse(_ data: Data, diagnostics: inout [Diagnostic]) -> MemoryPattern? {
        let root: Any
        do {
            root = try JSONSerialization.jsonObject(
                with: try InputText.json(data, file: file, diagnostics: &diagnostics), options: [.fragmentsAllowed])
        } catch let problem as InputText.JSONSyntaxProblem {
            diagnostics.append(
                Diagnostic(
                    severity, file: file, line: problem.line, column: problem.column,
                    "not valid JSON: \(problem.reason); pattern skipped"))
            return nil
        } catch {
            diagnostics.append(
                Diagnostic(
                    severity, file: file, line: 1, column: 1,
                    "not valid JSON: \(JSONSupport.errorReason(error)); pattern skipped"))
            return nil
        }
        guard let object = root as? [String: Any] else {
            diagnostics.append(
                Diagnostic(
                    severity, file: file, line: 1, column: 1,
                    "not a memory-bank pattern: the top level is not a JSON object; skipped"))
            return nil
        }
        let stem = (name as NSString).deletingPathExtension
        let id =
            (object["id"] as? String).flatMap { $0.isEmpty ? nil : $0 } ?? JSONSupport.int(object["id"]).map(
                String.init) ?? stem
        /// Warns about a value that cannot be read into its field, at the value's position.
        func problem(_ key: String, _ message: String) {
            let at = InputText.position(ofTopLevelValue: key, in: data)
            diagnostics.append(
                Diagnostic(.warning, file: file, line: at?.line, column: at?.column, "\(key) \(message)"))
        }
        /// The key and text of the first of `keys` present; another kind of value is a warning.
        func field(_ keys: [String]) -> (key: String, text: String)? {
            guard let key = keys.first(where: { object[$0] != nil && !(object[$0] is NSNull) }), let value = object[key]
            else { return nil }
            if let text = value as? String { return (key, text) }
            problem(key, "is \(TaskBoardParser.kind(of: value)), not text; not read")
            return nil
        }
        func text(_ keys: [String]) -> String? { field(keys)?.text }
        let (tags, rejected) = object["tags"].map(TaskBoardParser.stringsAndRejected) ?? ([], [])
        if !rejected.isEmpty { problem("tags", "has values that are not text; those are not read") }
        var pattern = MemoryPattern(id: id, tags: tags)
        pattern.content = SecretRedactor.redact(text(["content"]))
        pattern.description = SecretRedactor.redact(text(["description"]))
        if let agent = text(["agentId", "agent_id", "agent"]) {
            pattern.agentId = resolver.agentId(forName: agent)
        }
        if let (key, time) = field(["timestamp", "createdAt", "created_at"]) {
            pattern.timestamp = UTCTime.parse(time)
            if pattern.timestamp == nil { problem(key, "\"\(time)\" is not a time; the pattern is stored without one") }
        }
        if pattern.content == nil && pattern.description == nil {
            diagnostics.append(
                Diagnostic(
                    .warning, file: file, line: 1, column: 1, "pattern \(id) has neither content nor description"))
        }
        return pattern
    }
}
