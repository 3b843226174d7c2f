import Foundation

/// Parses a task-board file into a `TaskBoardSnapshot`, detecting its shape.
///
/// Boards are written by agents and are messy: the parser takes them as they are,
/// reports what it cannot use as diagnostics, and never throws for input problems.
/// Shapes: (a) flat `tasks[]`, (b) status buckets `tasks.{pending,…}[]`, (c) Task Master
/// `{"<tag>": {"tasks": […]}}` (see docs/formats.md).
public struct TaskBoardParser {
    /// The file name used in diagnostics.
    public let file: String
    /// How diagnostics about the board's content are graded: `.error` for the working copy,
    /// `.warning` for versions replayed from history (they cannot be fixed any more).
    public var rejectionSeverity: Diagnostic.Severity = .error

    /// A parser whose diagnostics name `file`.
    public init(file: String, rejectionSeverity: Diagnostic.Severity = .error) {
        self.file = file
        self.rejectionSeverity = rejectionSeverity
    }

    /// The snapshot of `data`, or nil when the data is no usable board; problems go to `diagnostics`.
    public func parse(_ data: Data, diagnostics: inout [Diagnostic]) -> TaskBoardSnapshot? {
        var data = data
        if String(validating: data, as: UTF8.self) == nil {
            // Agents paste terminal output with Latin-1 or broken bytes; keep the board and
            // replace what is not UTF-8 rather than losing every task over one byte.
            let offset = Self.firstInvalidUTF8Offset(in: data) ?? 0
            let position = JSONSupport.position(ofByte: offset, in: data)
            diagnostics.append(
                Diagnostic(.warning, file: file, line: position.line, column: position.column,
                           "not valid UTF-8 (byte \(offset)); invalid bytes were replaced with U+FFFD",
                           hint: "save the board as UTF-8"))
            data = Data(String(decoding: data, as: UTF8.self).utf8)
        }
        let root: Any
        do {
            root = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        } catch {
            let position = JSONSupport.errorPosition(error, in: data)
            diagnostics.append(
                Diagnostic(rejectionSeverity, file: file, line: position.line, column: position.column,
                           "not valid JSON: \(JSONSupport.errorReason(error))",
                           hint: "the board's tasks were left as they were in the database"))
            return nil
        }
        guard let object = root as? [String: Any] else {
            diagnostics.append(
                Diagnostic(rejectionSeverity, file: file, line: 1, column: 1,
                           "not a task board: the top level is not a JSON object"))
            return nil
        }
        if let tasks = object["tasks"] as? [Any] {
            return parseFlat(object, tasks: tasks, diagnostics: &diagnostics)
        }
        if let buckets = object["tasks"] as? [String: Any], buckets.values.contains(where: { $0 is [Any] }) {
            return parseBuckets(object, buckets: buckets, diagnostics: &diagnostics)
        }
        let tags = object.filter { (_, value) in ((value as? [String: Any])?["tasks"] as? [Any]) != nil }
        if !tags.isEmpty {
            return parseTaskMaster(tags, diagnostics: &diagnostics)
        }
        diagnostics.append(
            Diagnostic(rejectionSeverity, file: file, line: 1, column: 1,
                       "not a task board: no \"tasks\" array, status buckets or Task Master tags",
                       hint: "expected {\"tasks\": [ … ]}, {\"tasks\": {\"pending\": [ … ]}} or {\"master\": {\"tasks\": [ … ]}}"))
        return nil
    }

    /// The byte offset of the first byte that is not valid UTF-8, or nil.
    static func firstInvalidUTF8Offset(in data: Data) -> Int? {
        var offset = 0
        var iterator = data.makeIterator()
        var decoder = UTF8()
        var valid = 0
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                valid += UTF8.width(scalar)
                offset = valid
            case .emptyInput:
                return nil
            case .error:
                return offset
            }
        }
    }
}
