import Foundation

/// The YAML front matter of a Markdown file, for the flat keys task files use: scalars,
/// `[a, b]` lists and `- item` block lists. Not a YAML parser: nested maps are kept as text.
enum FrontMatter {
    /// The fields between the opening and closing `---`; nil (with a warning at the line)
    /// when the file has no front matter or it is not closed.
    static func parse(_ text: String, file: String, diagnostics: inout [Diagnostic]) -> [String: Any]? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.hasSuffix("\r") ? String($0.dropLast()) : String($0)
        }
        guard lines.first?.trimmingCharacters(in: .whitespaces) == "---" else {
            diagnostics.append(Diagnostic(.warning, file: file, line: 1, column: 1, "no YAML front matter (a first line `---`); not a task file, skipped"))
            return nil
        }
        var fields: [String: Any] = [:]
        var listKey: String?
        for (index, line) in lines.enumerated().dropFirst() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed == "---" { return fields }
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            if trimmed.hasPrefix("- "), let key = listKey {
                var list = fields[key] as? [Any] ?? []
                list.append(scalar(String(trimmed.dropFirst(2))))
                fields[key] = list
                continue
            }
            if line.first == " " || line.first == "\t", let key = listKey {
                // A nested map or a continued value: kept as text.
                fields[key] = ((fields[key] as? String).map { $0 + "\n" } ?? "") + trimmed
                continue
            }
            guard let colon = line.firstIndex(of: ":") else {
                diagnostics.append(Diagnostic(.warning, file: file, line: index + 1, column: 1, "front matter line is not `key: value`; ignored"))
                continue
            }
            let key = line[..<colon].trimmingCharacters(in: .whitespaces)
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            listKey = key
            fields[key] = value.isEmpty ? [Any]() : scalar(value)
        }
        diagnostics.append(Diagnostic(.warning, file: file, line: lines.count, column: 1, "front matter is not closed with `---`; not a task file, skipped"))
        return nil
    }

    /// A scalar or inline list: quotes removed, `[a, 'b']` as an array of strings.
    static func scalar(_ value: String) -> Any {
        if value.hasPrefix("["), value.hasSuffix("]") {
            return value.dropFirst().dropLast().split(separator: ",").map { unquote($0.trimmingCharacters(in: .whitespaces)) }
                .filter { !$0.isEmpty }
        }
        return unquote(value)
    }

    private static func unquote(_ value: String) -> String {
        for quote in ["\"", "'"] where value.count >= 2 && value.hasPrefix(quote) && value.hasSuffix(quote) {
            return String(value.dropFirst().dropLast())
        }
        return value
    }
}
