import Foundation
import Yams

/// The YAML front matter of a Markdown task file: the lines between a first line `---` and
/// the next `---` (or `...`), parsed by Yams (libyaml), so quoted escapes, inline comments,
/// flow and block lists and nested maps are read as YAML says.
///
/// Values are resolved with the YAML 1.2 core schema (null, true/false, integers, floats;
/// everything else is a string): times such as `2026-03-02T10:08:54+0000` stay text, as the
/// board's claimed times are, and `no`/`on` stay words. The result has the value types
/// `JSONSerialization` gives (`[String: Any]`, `[Any]`, `String`, `NSNumber`, `NSNull`), so
/// the task reader treats a front matter exactly like a board's task object.
enum FrontMatter {
    /// YAML 1.2's core schema: no YAML 1.1 `yes`/`no`/`on`/`off` booleans, no timestamps.
    static let resolver: Resolver = {
        let core = Resolver.basic.appending(.null).appending(.int).appending(.float)
        return (try? core.appending(.bool, "^(?:true|True|TRUE|false|False|FALSE)$")) ?? core
    }()

    /// The fields of the front matter of `text` (already through `InputText`: LF line ends);
    /// nil, with a warning at its line, when there is none, it is not closed, or it is not a
    /// YAML mapping.
    static func parse(_ text: String, file: String, diagnostics: inout [Diagnostic]) -> [String: Any]? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.first.map({ $0.trimmingCharacters(in: .whitespaces) == "---" }) == true else {
            diagnostics.append(
                Diagnostic(
                    .warning, file: file, line: 1, column: 1,
                    "no YAML front matter (a first line `---`); not a task file, skipped"))
            return nil
        }
        guard
            let end = lines.indices.dropFirst().first(where: {
                ["---", "..."].contains(lines[$0].trimmingCharacters(in: .whitespaces))
            })
        else {
            diagnostics.append(
                Diagnostic(
                    .warning, file: file, line: lines.count, column: 1,
                    "front matter is not closed with `---`; not a task file, skipped"))
            return nil
        }
        let yaml = lines[1..<end].joined(separator: "\n")
        let root: Any?
        do {
            root = try Yams.load(yaml: yaml, resolver)
        } catch {
            let (line, column, reason) = Self.describe(error)
            diagnostics.append(
                Diagnostic(
                    .warning, file: file, line: line.map { $0 + 1 } ?? 2, column: column,
                    "front matter is not valid YAML: \(reason); not a task file, skipped"))
            return nil
        }
        if root == nil { return [:] }
        guard let mapping = jsonValue(root) as? [String: Any] else {
            diagnostics.append(
                Diagnostic(
                    .warning, file: file, line: 2, column: 1,
                    "front matter is not a YAML mapping (`key: value` lines); not a task file, skipped"))
            return nil
        }
        return mapping
    }

    /// A value from Yams as the types `JSONSerialization` gives.
    static func jsonValue(_ value: Any?) -> Any {
        switch value {
        case nil, is NSNull: return NSNull()
        case let text as String: return text
        case let flag as Bool: return NSNumber(value: flag)
        case let number as Int: return NSNumber(value: number)
        case let number as Double: return NSNumber(value: number)
        case let list as [Any]: return list.map { jsonValue($0) }
        case let map as [AnyHashable: Any]:
            var object: [String: Any] = [:]
            for (key, element) in map { object["\(key.base)"] = jsonValue(element) }
            return object
        case let other?: return "\(other)"
        }
    }

    /// The line (in the YAML text, 1-based), column and reason of a Yams error.
    private static func describe(_ error: Error) -> (line: Int?, column: Int?, reason: String) {
        guard let error = error as? YamlError else { return (nil, nil, "\(error)") }
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
            .composer(_, let problem, let mark, _):
            return (mark.line, mark.column, problem)
        default:
            return (nil, nil, "\(error)")
        }
    }
}
