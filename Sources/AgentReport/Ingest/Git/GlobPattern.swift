import Foundation

/// A shell-style glob for paths, ref names and author identities (`exclude.paths`,
/// `exclude.authors`, `agents[].branches`, `agents[].authors`).
///
/// `*` matches any run of characters except `/`, `**` any run including `/` (and `**/`
/// also matches nothing, so `**/*.lock` matches `yarn.lock`), `?` one character except `/`.
/// Everything else is literal — brackets included, so the default `*[bot]` means "ends with
/// `[bot]`" (as fnmatch would read it, "ends with b, o or t", it would drop every "Scott").
/// Matching is on bytes; `caseInsensitive` folds letters (e-mail addresses, names).
/// Ref globs (`repositories[].refs`) are built with `starCrossesSlash`, so that the default
/// `refs/heads/*` means every local branch, `agents/validator` included.
public struct GlobPattern: Sendable, Hashable {
    /// The pattern as written in the config.
    public let text: String
    private let bytes: [UInt8]
    private let caseInsensitive: Bool

    /// A glob from its text.
    public init(_ text: String, caseInsensitive: Bool = false, starCrossesSlash: Bool = false) {
        self.text = text
        self.caseInsensitive = caseInsensitive
        let folded = caseInsensitive ? text.lowercased() : text
        // A lone `*` that may cross `/` is exactly a `**`.
        self.bytes = Array((starCrossesSlash ? folded.replacingOccurrences(of: "**", with: "*").replacingOccurrences(of: "*", with: "**") : folded).utf8)
    }

    /// Whether the text has any glob character (else it names one thing exactly).
    public var isLiteral: Bool { !text.contains("*") && !text.contains("?") }

    /// Whether the pattern has a `/`: path globs without one match the file name at any depth.
    public var hasSlash: Bool { bytes.contains(0x2F) }

    /// Whether `candidate` matches the whole pattern.
    public func matches(_ candidate: String) -> Bool {
        let subject = Array(caseInsensitive ? candidate.lowercased().utf8 : candidate.utf8)
        return Self.match(bytes[...], subject[...])
    }

    /// Path matching as `exclude.paths` means it: the whole path for patterns with a `/`,
    /// else the last path component (so `*.lock` drops `web/yarn.lock` too).
    public func matchesPath(_ path: String) -> Bool {
        if hasSlash { return matches(path) }
        let name = path.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? path
        return matches(name)
    }
}

private extension GlobPattern {
    static let star: UInt8 = 0x2A
    static let slash: UInt8 = 0x2F
    static let question: UInt8 = 0x3F

    /// Backtracking matcher; patterns are short, so the worst case does not matter.
    static func match(_ p: ArraySlice<UInt8>, _ s: ArraySlice<UInt8>) -> Bool {
        var p = p
        var s = s
        while let c = p.first {
            if c == star {
                let isDouble = p.dropFirst().first == star
                if isDouble {
                    let rest = p.dropFirst(2)
                    // `**/` may match no directory at all.
                    if rest.first == slash, match(rest.dropFirst(), s) { return true }
                    var tail = s
                    while true {
                        if match(rest, tail) { return true }
                        guard !tail.isEmpty else { return false }
                        tail = tail.dropFirst()
                    }
                }
                let rest = p.dropFirst()
                var tail = s
                while true {
                    if match(rest, tail) { return true }
                    guard let next = tail.first, next != slash else { return false }
                    tail = tail.dropFirst()
                }
            }
            guard let d = s.first else { return false }
            if c == question {
                guard d != slash else { return false }
            } else if c != d {
                return false
            }
            p = p.dropFirst()
            s = s.dropFirst()
        }
        return s.isEmpty
    }
}
