import Foundation

/// One metric line as the collector writes it: a flat JSON object whose keys keep the
/// order they were added in (the seed's column order, as DESIGN §3.6 shows them), numbers
/// with fixed decimals, one line with no newline inside.
///
/// Written by hand rather than with `JSONSerialization`, which orders keys by hash (or
/// sorts them) and prints `37.5` as `37.500000000000007` for some values.
struct JSONLine: Sendable, Equatable {
    /// A JSON value of a line.
    indirect enum Value: Sendable, Equatable {
        case string(String)
        case int(Int64)
        /// A number printed with `decimals` decimals.
        case number(Double, decimals: Int)
        case bool(Bool)
        case null
        case object([(String, Value)])
        case array([Value])

        static func == (a: Value, b: Value) -> Bool { a.text == b.text }

        /// The value's JSON text.
        var text: String {
            var out = ""
            write(to: &out)
            return out
        }

        func write(to out: inout String) {
            switch self {
            case .string(let s): JSONLine.appendString(s, to: &out)
            case .int(let v): out += String(v)
            case .number(let v, let decimals):
                out += v.isFinite ? String(format: "%.\(decimals)f", v) : "null"
            case .bool(let v): out += v ? "true" : "false"
            case .null: out += "null"
            case .object(let fields):
                out += "{"
                for (index, (key, value)) in fields.enumerated() {
                    if index > 0 { out += "," }
                    JSONLine.appendString(key, to: &out)
                    out += ":"
                    value.write(to: &out)
                }
                out += "}"
            case .array(let values):
                out += "["
                for (index, value) in values.enumerated() {
                    if index > 0 { out += "," }
                    value.write(to: &out)
                }
                out += "]"
            }
        }
    }

    /// The fields, in order.
    private(set) var fields: [(String, Value)] = []

    /// A line starting with `"kind": kind`.
    init(kind: String) {
        fields.append(("kind", .string(kind)))
    }

    static func == (a: JSONLine, b: JSONLine) -> Bool { a.text == b.text }

    /// Adds a field (or replaces the value of an existing one, in place).
    mutating func set(_ key: String, _ value: Value) {
        if let index = fields.firstIndex(where: { $0.0 == key }) {
            fields[index].1 = value
        } else {
            fields.append((key, value))
        }
    }

    /// The value of a field, if set.
    func value(_ key: String) -> Value? { fields.first { $0.0 == key }?.1 }

    /// The line's JSON text, without the newline.
    var text: String { Value.object(fields).text }

    /// `seconds` as text: `5 s`, `0.5 s`.
    static func seconds(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? "\(Int(seconds)) s" : String(format: "%.1f s", seconds)
    }

    /// A string value, or null.
    static func text(_ value: String?) -> Value { value.map { .string($0) } ?? .null }

    /// An ISO 8601 UTC time (`2026-03-02T21:35:00Z`), or null.
    static func time(_ seconds: Int64?) -> Value { seconds.map { .string(UTCTime.formatISO($0)) } ?? .null }

    /// JSON string escaping: quotes, backslashes and control characters (so a line can
    /// never break in two); everything else as UTF-8.
    static func appendString(_ string: String, to out: inout String) {
        out += "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += String(format: "\\u%04x", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }
}
