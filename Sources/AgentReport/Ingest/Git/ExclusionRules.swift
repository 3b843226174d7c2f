/// `exclude.paths` and `exclude.authors`, and the tally of what they left out, which the
/// report shows (`git_exclusions`).
struct ExclusionRules {
    /// What one pattern left out.
    struct Tally: Equatable {
        var commits = 0
        var files = 0
        var linesAdded = 0
        var linesDeleted = 0
    }

    /// `path` or `author`, as stored in `git_exclusions.kind`.
    enum Kind: String {
        case path, author
    }

    private let paths: [GlobPattern]
    private let authors: [GlobPattern]

    /// The rules of the config.
    init(config: ReportConfig) {
        paths = config.exclude.paths.map { GlobPattern($0) }
        authors = config.exclude.authors.map { GlobPattern($0, caseInsensitive: true) }
    }

    /// The `exclude.authors` pattern that matches the author's name or e-mail, if any.
    func authorPattern(name: String, email: String) -> String? {
        authors.first { $0.matches(name) || $0.matches(email) }?.text
    }

    /// The commit's files split into those counted and, per `exclude.paths` pattern, the
    /// tally of those left out (each file goes to the first pattern that matches it).
    func split(_ files: [NumstatEntry]) -> (kept: [NumstatEntry], excluded: [String: Tally]) {
        guard !paths.isEmpty else { return (files, [:]) }
        var kept: [NumstatEntry] = []
        kept.reserveCapacity(files.count)
        var excluded: [String: Tally] = [:]
        for file in files {
            guard let pattern = paths.first(where: { $0.matchesPath(file.path) }) else {
                kept.append(file)
                continue
            }
            var tally = excluded[pattern.text] ?? Tally(commits: 1)
            tally.files += 1
            tally.linesAdded += file.added ?? 0
            tally.linesDeleted += file.deleted ?? 0
            excluded[pattern.text] = tally
        }
        return (kept, excluded)
    }

    /// The tally of a whole commit left out by an author pattern.
    static func tally(ofWhole files: [NumstatEntry]) -> Tally {
        Tally(
            commits: 1, files: files.count, linesAdded: files.reduce(0) { $0 + ($1.added ?? 0) },
            linesDeleted: files.reduce(0) { $0 + ($1.deleted ?? 0) })
    }
}

extension ExclusionRules.Tally {
    /// The sum of two tallies.
    static func + (a: Self, b: Self) -> Self {
        Self(
            commits: a.commits + b.commits, files: a.files + b.files,
            linesAdded: a.linesAdded + b.linesAdded, linesDeleted: a.linesDeleted + b.linesDeleted)
    }
}
