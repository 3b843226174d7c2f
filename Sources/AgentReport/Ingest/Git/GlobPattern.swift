import Foundation

/// A shell-style glob for paths, ref names and author identities (`exclude.paths`,
/// `exclude.authors`, `agents[].branches`, `agents[].authors`).
///
/// `*` matches any run of characters except `/`, `**` any run including `/` (and `**/`
/// also matches nothing, so `**/*.lock` matches `yarn.lock`), `?` one character except `/`.
/// Everything else is literal — brackets included, so the default `*[bot]` means "ends with
/// `[bot]`" (as fnmatch would read it, "ends with b, o or t", it would drop every "Scott").
/// Matching is on bytes of the canonically composed (NFC) forms of pattern and candidate, so
/// "José" written precomposed matches "José" written with a combining accent (git prints
/// names and paths as their bytes were written: macOS file names and some tools use NFD);
/// `caseInsensitive` folds letters (e-mail addresses, names).
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
        let composed = text.precomposedStringWithCanonicalMapping
        let folded = caseInsensitive ? composed.lowercased() : composed
        // A lone `*` that may cross `/` is exactly a `**`.
        self.bytes = Array(
            (starCrossesSlash
                ? folded.replacingOccurrences(of: "**", with: "*").replacingOccurrences(of: "*", with: "**") : folded)
                .utf8)
        self.hasSlash = text.contains("/")
    }

    /// Whether the text has any glob character (else it names one thing exactly).
    public var isLiteral: Bool { !text.contains("*") && !text.contains("?") }

    /// Whether the pattern has a `/`: path globs without one match the file name at any depth.
    public let hasSlash: Bool

    /// Whether `candidate` matches the whole pattern.
    public func matches(_ candidate: String) -> Bool {
        var subject = Self.prepared(candidate, caseInsensitive: caseInsensitive)
        return subject.withUTF8 { s in bytes.withUnsafeBufferPointer { p in Self.match(p, 0, s, 0) } }
    }

    /// Path matching as `exclude.paths` means it: the whole path for patterns with a `/`,
    /// else the last path component (so `*.lock` drops `web/yarn.lock` too).
    public func matchesPath(_ path: String) -> Bool {
        var subject = Self.prepared(path, caseInsensitive: caseInsensitive)
        let anchored = hasSlash
        return subject.withUTF8 { s in
            let start = anchored ? 0 : (s.lastIndex(of: 0x2F).map { $0 + 1 } ?? 0)
            return bytes.withUnsafeBufferPointer { p in Self.match(p, 0, UnsafeBufferPointer(rebasing: s[start...]), 0)
            }
        }
    }
}

private extension GlobPattern {
    static let star: UInt8 = 0x2A
    static let slash: UInt8 = 0x2F
    static let question: UInt8 = 0x3F

    /// The candidate in the pattern's form: NFC (only computed when it has non-ASCII bytes:
    /// this runs for every file of every commit), then folded when case does not matter.
    static func prepared(_ text: String, caseInsensitive: Bool) -> String {
        let composed = text.utf8.contains(where: { $0 >= 0x80 }) ? text.precomposedStringWithCanonicalMapping : text
        return caseInsensitive ? composed.lowercased() : composed
    }

    /// Backtracking matcher over bytes (no allocation: it runs for every file of every
    /// commit); patterns are short, so the worst case does not matter.
    static func match(_ p: UnsafeBufferPointer<UInt8>, _ pi: Int, _ s: UnsafeBufferPointer<UInt8>, _ si: Int) -> Bool {
        var pi = pi
        var si = si
        while pi < p.count {
            let c = p[pi]
            if c == star {
                if pi + 1 < p.count, p[pi + 1] == star {
                    let rest = pi + 2
                    // `**/` may match no directory at all.
                    if rest < p.count, p[rest] == slash, match(p, rest + 1, s, si) { return true }
                    var tail = si
                    while true {
                        if match(p, rest, s, tail) { return true }
                        guard tail < s.count else { return false }
                        tail += 1
                    }
                }
                var tail = si
                while true {
                    if match(p, pi + 1, s, tail) { return true }
                    guard tail < s.count, s[tail] != slash else { return false }
                    tail += 1
                }
            }
            guard si < s.count else { return false }
            if c == question {
                guard s[si] != slash else { return false }
            } else if c != s[si] {
                return false
            }
            pi += 1
            si += 1
        }
        return si == s.count
    }
}
