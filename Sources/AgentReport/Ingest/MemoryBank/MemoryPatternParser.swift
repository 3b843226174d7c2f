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
            root = try JSONSerialization.jsonObject(with: try InputText.json(data, file: file, diagnostics: &diagnostics), options: [.fragmentsAllowed])
        } catch let problem as InputText.JSONSyntaxProblem {
            diagnostics.append(Diagnostic(severity, file: file, line: problem.line, column: problem.column,
                                          "not valid JSON: \(problem.reason); pattern skipped"))
            return nil
        } catch {
            diagnostics.append(Diagnostic(severity, file: file, line: 1, column: 1,
                                          "not valid JSON: \(JSONSupport.errorReason(error)); pattern skipped"))
            return nil
        }
        guard let object = root as? [String: Any] else {
            diagnostics.append(Diagnostic(severity, file: file, line: 1, column: 1, "not a memory-bank pattern: the top level is not a JSON object; skipped"))
            return nil
        }
        let stem = (name as NSString).deletingPathExtension
        let id = (object["id"] as? String).flatMap { $0.isEmpty ? nil : $0 } ?? JSONSupport.int(object["id"]).map(String.init) ?? stem
        var pattern = MemoryPattern(id: id, tags: TaskBoardParser.strings(object["tags"]))
        pattern.content = SecretRedactor.redact(object["content"] as? String)
        pattern.description = SecretRedactor.redact(object["description"] as? String)
        if let agent = (object["agentId"] ?? object["agent_id"] ?? object["agent"]) as? String {
            pattern.agentId = resolver.agentId(forName: agent)
        }
        if let time = (object["timestamp"] ?? object["createdAt"] ?? object["created_at"]) as? String {
            pattern.timestamp = UTCTime.parse(time)
            if pattern.timestamp == nil {
                diagnostics.append(Diagnostic(.warning, file: file, "timestamp \"\(time)\" is not a time; the pattern is stored without one"))
            }
        }
        if pattern.content == nil && pattern.description == nil {
            diagnostics.append(Diagnostic(.warning, file: file, line: 1, column: 1, "pattern \(id) has neither content nor description"))
        }
        return pattern
    }
}
