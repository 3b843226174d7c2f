import Foundation

/// Compact JSON text written by hand for the per-task columns, where `JSONSerialization`
/// (validation, boxing, a `Data` per call) cost a fifth of a large board's ingest.
/// Output is what `JSONSupport.encode` writes: sorted keys, no escaped slashes.
enum BoardJSONText {
    /// A JSON string literal.
    static func string(_ text: String) -> String {
        var result = "\""
        result.reserveCapacity(text.utf8.count + 2)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case "\u{08}": result += "\\b"
            case "\u{0C}": result += "\\f"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }

    /// A JSON array of strings.
    static func array(_ items: [String]) -> String {
        "[" + items.map(string).joined(separator: ",") + "]"
    }

    /// A JSON object from keys and values that are already JSON text, keys sorted.
    static func object(_ fields: [String: String]) -> String {
        "{" + fields.keys.sorted().map { key in string(key) + ":" + (fields[key] ?? "null") }.joined(separator: ",") + "}"
    }
}
