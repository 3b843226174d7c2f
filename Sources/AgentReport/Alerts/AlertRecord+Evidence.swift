import Foundation

/// Alert evidence (a JSON object) as one line of text.
extension AlertRecord {
    /// `key: value; …` for an object, the text itself when it is not JSON, `—` for none.
    public var evidenceLine: String {
        guard let json = evidence, !json.isEmpty else { return "—" }
        guard let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) else { return json }
        if let dictionary = object as? [String: Any] {
            return dictionary.keys.sorted().map { key in "\(key): \(describe(dictionary[key]))" }.joined(
                separator: "; ")
        }
        return describe(object)
    }

    private func describe(_ value: Any?) -> String {
        switch value {
        case let text as String: return text
        case let number as NSNumber: return number.stringValue
        case let array as [Any]: return array.map { describe($0) }.joined(separator: ", ")
        case .some(let other): return JSONSupport.encode(other)
        case .none: return "—"
        }
    }
}
