import Foundation

/// Parsed board versions by blob id, so that a version shared by a commit and its
/// children's parents is read and parsed once. Bounded: emptied past `limit` entries.
struct BoardVersionCache {
    private var entries: [String: TaskBoardSnapshot?] = [:]
    /// The most versions kept at once.
    var limit = 16

    /// The parsed version of `blob` (nil when it is not a usable board; the problem is
    /// reported once, as a warning naming `label`).
    mutating func snapshot(
        of blob: String, label: String, in repository: CoordinationRepository, diagnostics: inout [Diagnostic]
    ) throws -> TaskBoardSnapshot? {
        if let cached = entries[blob] { return cached }
        let data = try repository.blob(blob)
        let parsed = TaskBoardParser(file: label, rejectionSeverity: .warning).parse(data, diagnostics: &diagnostics)
        if entries.count >= limit { entries.removeAll(keepingCapacity: true) }
        entries[blob] = .some(parsed)
        return parsed
    }
}
