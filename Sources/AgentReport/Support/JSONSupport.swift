import Foundation

/// Small helpers for the untyped values `JSONSerialization` returns.
public enum JSONSupport {
    /// Whether a value from `JSONSerialization` was a JSON `true`/`false` (and not 0 or 1).
    public static func isBool(_ value: Any) -> Bool {
        guard let number = value as? NSNumber else { return false }
        return String(cString: number.objCType) == "c"
    }

    /// The value as a number, when it is a JSON number (not a boolean).
    public static func double(_ value: Any?) -> Double? {
        guard let value, let number = value as? NSNumber, !isBool(value) else { return nil }
        return number.doubleValue
    }

    /// The value as an integer, when it is a JSON number with no fraction.
    public static func int(_ value: Any?) -> Int? {
        guard let d = double(value), d == d.rounded(), abs(d) < 9e15 else { return nil }
        return Int(d)
    }

    /// The strings of a JSON array text (`["a","b"]`); empty for anything else.
    public static func strings(_ text: String?) -> [String] {
        guard let text, let array = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [Any] else {
            return []
        }
        return array.compactMap { $0 as? String }
    }

    /// A value serialised back to compact JSON with sorted keys (deterministic).
    public static func encode(_ value: Any) -> String {
        guard JSONSerialization.isValidJSONObject([value]),
            let data = try? JSONSerialization.data(
                withJSONObject: value, options: [.sortedKeys, .fragmentsAllowed, .withoutEscapingSlashes]),
            let text = String(data: data, encoding: .utf8)
        else { return "null" }
        return text
    }

    /// The 1-based line and column of the byte at `offset` in `data`. Lines end at LF, CRLF
    /// or a lone CR (as `InputText` reads them); columns count characters, not bytes.
    public static func position<Bytes: Sequence>(ofByte offset: Int, in data: Bytes) -> (line: Int, column: Int)
    where Bytes.Element == UInt8 {
        var line = 1
        var column = 1
        var index = 0
        var afterCR = false
        for byte in data {
            if index >= offset { break }
            if byte == 0x0A {
                if !afterCR { line += 1 }
                column = 1
            } else if byte == 0x0D {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {  // count characters, not UTF-8 continuation bytes
                column += 1
            }
            afterCR = byte == 0x0D
            index += 1
        }
        return (line, column)
    }

    /// Where a `JSONSerialization` error happened, as line and column, from the
    /// "around character N" in its message; (1, 1) when the error does not say.
    public static func errorPosition(_ error: Error, in data: Data) -> (line: Int, column: Int) {
        let text = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "\(error)"
        if let range = text.range(of: "character ") {
            let digits = text[range.upperBound...].prefix { $0.isNumber }
            if let offset = Int(digits) { return position(ofByte: offset, in: data) }
        }
        return (1, 1)
    }

    /// The error message of `JSONSerialization` without its Cocoa wrapping.
    public static func errorReason(_ error: Error) -> String {
        let text = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "\(error)"
        return text.replacingOccurrences(
            of: #" around (line \d+, column \d+|character \d+)\.?"#, with: "", options: .regularExpression)
    }
}
