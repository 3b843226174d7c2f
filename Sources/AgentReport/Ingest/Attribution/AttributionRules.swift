import Foundation

/// What one branch name answers to the three branch rules (cached per branch by the service).
struct BranchAnswers: Sendable {
    /// `agents[].branches`.
    var config: String?
    /// `attribution.branchPatterns`.
    var pattern: String?
    /// The tools' branch conventions (`worktree-<name>`, `claude/…`).
    var convention: String?
}

/// What one checkout (a branch, or none, in a worktree folder, or none) answers to the
/// checkout rules, split around the trailer rule that comes between them for commits.
struct CheckoutAnswers: Sendable {
    /// Rules 2 and 3 (`agents[].branches`, `agents[].worktree`): before a commit's trailers.
    var beforeTrailers: Attribution?
    /// Rules 5, 6 and 7 (branch patterns, folder and branch conventions): after them.
    var afterTrailers: Attribution?

    /// The checkout's own answer, no commit involved.
    var checkout: Attribution? { beforeTrailers ?? afterTrailers }
}

/// The compiled rules of the attribution service: immutable, so one value serves every
/// thread; the service caches its answers.
struct AttributionRules: Sendable {
    /// One agent of the config, its globs compiled.
    struct ConfigAgent: Sendable {
        var id: String
        var authors: [GlobPattern]
        var branches: [GlobPattern]
        var worktree: FolderPattern?
    }

    let agents: [ConfigAgent]
    let branchPatterns: [NSRegularExpressionBox]
    /// `attribution.trailers`, lower-cased UTF-8.
    let trailerKeys: [[UInt8]]
    /// Lower-cased, NFC-normalised ids, names and slugged names of config agents → id.
    let names: [String: String]
    /// The config's folder, canonical: relative folders are taken from here.
    let baseDirectory: String
    /// Folders under which `agents/<name>` is a worktree convention: the config's folder and
    /// the top folder of each repository's main checkout.
    let conventionRoots: [String]
    /// Whether any agent has `authors` (else rule 1 is skipped without a lookup).
    let hasAuthorRules: Bool

    init(config: ReportConfig, worktrees: [GitWorktree]) {
        let base = CanonicalPath.resolve(config.baseDirectory)
        baseDirectory = base
        agents = config.agents.map { agent in
            ConfigAgent(
                id: agent.id, authors: agent.authors.map { GlobPattern($0, caseInsensitive: true) },
                branches: agent.branches.map { GlobPattern($0) },
                worktree: agent.worktree.map { FolderPattern($0, base: base) })
        }
        hasAuthorRules = agents.contains { !$0.authors.isEmpty }
        branchPatterns = config.attribution.branchPatterns.compactMap { pattern in
            (try? NSRegularExpression(pattern: pattern)).map(NSRegularExpressionBox.init)
        }
        trailerKeys = config.attribution.trailers.map { Array($0.lowercased().utf8) }
        var names: [String: String] = [:]
        for agent in config.agents {
            guard let id = agent.id.agentSlug else { continue }
            for spelling in [agent.id, agent.name].compactMap({ $0 }) {
                names[Self.folded(spelling)] = names[Self.folded(spelling)] ?? id
                if let slug = spelling.agentSlug { names[slug] = names[slug] ?? id }
            }
        }
        self.names = names
        var roots = [base]
        for worktree in worktrees where worktree.isMain && !worktree.isBare && !roots.contains(worktree.path) {
            roots.append(worktree.path)
        }
        conventionRoots = roots
    }

    // MARK: - Rules

    /// Rule 1: the first agent one of whose `authors` globs matches the name or the e-mail.
    func configAuthorAgent(name: String, email: String) -> String? {
        agents.first { agent in agent.authors.contains { $0.matches(email) || $0.matches(name) } }?.id
    }

    /// Rules 2, 5 and 7 for one branch name.
    func branchAnswers(_ branch: String) -> BranchAnswers {
        BranchAnswers(
            config: configBranchAgent(branch), pattern: patternAgent(branch), convention: conventionAgent(branch))
    }

    /// Rule 3: the first agent whose `worktree` contains the folder.
    func configWorktreeAgent(_ folder: String) -> String? {
        agents.first { $0.worktree?.contains(folder) == true }?.id
    }

    /// Rule 6 on a canonical folder.
    func worktreeConventionAgent(_ folder: String) -> String? {
        ToolConventions.worktreeAgent(path: folder, roots: conventionRoots)
    }

    /// Rules 2, 3, 5, 6, 7 for a checkout of `branch` (nil: detached) in `folder`.
    func checkout(branch: String?, folder: String?) -> Attribution? {
        checkoutAnswers(branch: branch.map(branchAnswers), folder: folder).checkout
    }

    /// Rules 2, 3, 5, 6, 7 for a branch's answers (nil: detached) in `folder`.
    func checkoutAnswers(branch answers: BranchAnswers?, folder: String?) -> CheckoutAnswers {
        var result = CheckoutAnswers()
        if let agent = answers?.config {
            result.beforeTrailers = Attribution(agent: agent, rule: .configBranch)
        } else if let folder, let agent = configWorktreeAgent(folder) {
            result.beforeTrailers = Attribution(agent: agent, rule: .configWorktree)
        }
        if let agent = answers?.pattern {
            result.afterTrailers = Attribution(agent: agent, rule: .branchPattern)
        } else if let folder, let agent = worktreeConventionAgent(folder) {
            result.afterTrailers = Attribution(agent: agent, rule: .worktreeConvention)
        } else if let agent = answers?.convention {
            result.afterTrailers = Attribution(agent: agent, rule: .branchConvention)
        }
        return result
    }

    /// A hand-written name as an agent id (see `AgentAttribution.agentId(forName:)`).
    func agentId(forName name: String) -> String? {
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        let folded = Self.folded(trimmed)
        if Self.wholeTeam.contains(folded) { return nil }
        if let id = names[folded] { return id }
        guard let slug = trimmed.agentSlug else { return nil }
        return names[slug] ?? slug
    }

    /// Assignee spellings that mean the whole team, not an agent (DESIGN §3.1).
    static let wholeTeam: Set<String> = ["all", "team", "*", "everyone"]

    /// Lower-cased, canonically composed (NFC): the form names are compared in.
    static func folded(_ text: String) -> String {
        text.precomposedStringWithCanonicalMapping.lowercased()
    }
}

private extension AttributionRules {
    func configBranchAgent(_ branch: String) -> String? {
        agents.first { $0.branches.contains { $0.matches(branch) } }?.id
    }

    /// The `agent` group of the first branch pattern that matches (else its first group).
    func patternAgent(_ branch: String) -> String? {
        let range = NSRange(branch.startIndex..., in: branch)
        for box in branchPatterns {
            guard let match = box.regex.firstMatch(in: branch, range: range) else { continue }
            var group = match.range(withName: "agent")
            if group.location == NSNotFound, match.numberOfRanges > 1 { group = match.range(at: 1) }
            guard group.location != NSNotFound, let captured = Range(group, in: branch),
                let id = agentId(forName: String(branch[captured]))
            else { continue }
            return id
        }
        return nil
    }

    /// `worktree-<name>` → the name; `claude/…`, `codex/…`, `copilot/…`, `cursor/…` → the
    /// agent the rest of the name gives by rules 2 and 5 (or `worktree-<name>`), else the tool.
    func conventionAgent(_ branch: String) -> String? {
        if branch.hasPrefix(ToolConventions.worktreeBranchPrefix) {
            return agentId(forName: String(branch.dropFirst(ToolConventions.worktreeBranchPrefix.count)))
        }
        for (prefix, tool) in ToolConventions.branchPrefixes where branch.hasPrefix(prefix) {
            let rest = String(branch.dropFirst(prefix.count))
            if let agent = configBranchAgent(rest) ?? patternAgent(rest) { return agent }
            if rest.hasPrefix(ToolConventions.worktreeBranchPrefix),
                let agent = agentId(forName: String(rest.dropFirst(ToolConventions.worktreeBranchPrefix.count)))
            {
                return agent
            }
            return tool
        }
        return nil
    }
}

/// `agents[].worktree`: a folder or a glob of folders, relative to the config's folder; a
/// path matches when it is such a folder or lies inside one.
struct FolderPattern: Sendable {
    /// The literal folder, canonical, when the pattern has no glob characters.
    private let folder: String?
    /// The glob on canonical paths, otherwise.
    private let glob: GlobPattern?

    init(_ text: String, base: String) {
        let pattern = GlobPattern(text)
        if pattern.isLiteral {
            folder = CanonicalPath.resolve(text, relativeTo: base)
            glob = nil
        } else {
            // Canonicalise the part before the first glob character; keep the rest as written.
            let absolute = text.hasPrefix("/") ? text : (base as NSString).appendingPathComponent(text)
            var fixed: [Substring] = []
            var rest: [Substring] = []
            for component in absolute.split(separator: "/") {
                if rest.isEmpty, !component.contains("*"), !component.contains("?") {
                    fixed.append(component)
                } else {
                    rest.append(component)
                }
            }
            let prefix = CanonicalPath.resolve("/" + fixed.joined(separator: "/"))
            folder = nil
            glob = GlobPattern((prefix == "/" ? "" : prefix) + "/" + rest.joined(separator: "/"))
        }
    }

    /// Whether the canonical `path` is a matching folder or lies inside one.
    func contains(_ path: String) -> Bool {
        if let folder { return CanonicalPath.isInside(path, folder) }
        guard let glob else { return false }
        var candidate = Substring(path)
        while !candidate.isEmpty {
            if glob.matches(String(candidate)) { return true }
            guard let slash = candidate.lastIndex(of: "/"), slash > candidate.startIndex else { return false }
            candidate = candidate[..<slash]
        }
        return false
    }
}

/// A compiled regular expression that can be shared (NSRegularExpression is immutable and
/// documented thread-safe).
struct NSRegularExpressionBox: @unchecked Sendable {
    let regex: NSRegularExpression
}
