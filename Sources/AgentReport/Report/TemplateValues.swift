import Foundation

/// Conveniences the templates rely on, added to every page's values.
enum TemplateValues {
    /// `values` with a `hasX` flag beside every list `x` (at any depth), so a template can
    /// print a table header only when there are rows: `{{#hasCommits}}| … |{{/hasCommits}}`.
    static func withPresenceFlags(_ values: [String: Any]) -> [String: Any] {
        var result = values
        for (key, value) in values {
            if let list = value as? [Any] {
                result["has" + key.prefix(1).uppercased() + key.dropFirst()] = !list.isEmpty
                if let rows = value as? [[String: Any]] { result[key] = rows.map(withPresenceFlags) }
            } else if let nested = value as? [String: Any] {
                result[key] = withPresenceFlags(nested)
            }
        }
        return result
    }
}
