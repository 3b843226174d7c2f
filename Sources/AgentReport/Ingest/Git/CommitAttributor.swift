import Foundation

/// Names the agent of a commit by DESIGN §3.5's rules, first that answers: the config's
/// `agents[].authors`, then its `agents[].branches`, then a trailer (`Agent: builder`),
/// then `attribution.branchPatterns` on the claimed branch; else `unattributed`.
struct CommitAttributor {
    /// Which rule named the agent; stored as `git_commits.attributed_by`.
    enum Rule: String {
        case configAuthor = "config-author"
        case configBranch = "config-branch"
        case trailer
        case branchPattern = "branch-pattern"
        case unattributed
    }

    /// The agent id of commits no rule attributes.
    static let unattributed = "unattributed"

    private let agents: [(id: String, authors: [GlobPattern], branches: [GlobPattern])]
    private let branchPatterns: [NSRegularExpression]
    private let trailerKeys: [String]
    private var authorCache: [String: String?] = [:]
    private var branchCache: [String: (String, Rule)?] = [:]

    /// Rules from the config; patterns the config loader already validated.
    init(config: ReportConfig) {
        agents = config.agents.map { agent in
            (agent.id, agent.authors.map { GlobPattern($0, caseInsensitive: true) },
             agent.branches.map { GlobPattern($0) })
        }
        branchPatterns = config.attribution.branchPatterns.compactMap { try? NSRegularExpression(pattern: $0) }
        trailerKeys = config.attribution.trailers.map { $0.lowercased() }
    }

    /// The agent and rule for one commit on its claimed branch (`branch` is the name the
    /// branch rules see: `GitRef.branchName`).
    mutating func attribute(authorName: String, authorEmail: String, message: String, branch: String?) -> (agent: String, rule: Rule) {
        if let agent = configAuthor(name: authorName, email: authorEmail) { return (agent, .configAuthor) }
        if let branch, let answer = agent(forBranch: branch), answer.rule == .configBranch { return answer }
        if let agent = trailerAgent(in: message) { return (agent, .trailer) }
        if let branch, let answer = agent(forBranch: branch) { return answer }
        return (Self.unattributed, .unattributed)
    }

    /// The agent a branch name belongs to, by the config's `branches` globs, else by
    /// `branchPatterns` (their `agent` group, made an agent id).
    mutating func agent(forBranch branch: String) -> (agent: String, rule: Rule)? {
        if let cached = branchCache[branch] { return cached }
        var answer: (String, Rule)?
        if let agent = agents.first(where: { $0.branches.contains { $0.matches(branch) } }) {
            answer = (agent.id, .configBranch)
        } else {
            let range = NSRange(branch.startIndex..., in: branch)
            for pattern in branchPatterns {
                guard let match = pattern.firstMatch(in: branch, range: range) else { continue }
                let group = match.range(withName: "agent")
                guard group.location != NSNotFound, let swiftRange = Range(group, in: branch),
                    let id = String(branch[swiftRange]).agentSlug
                else { continue }
                answer = (id, .branchPattern)
                break
            }
        }
        branchCache[branch] = answer
        return answer
    }
}

private extension CommitAttributor {
    mutating func configAuthor(name: String, email: String) -> String? {
        guard !agents.isEmpty else { return nil }
        let key = name + "\u{0}" + email
        if let cached = authorCache[key] { return cached }
        let agent = agents.first { agent in agent.authors.contains { $0.matches(email) || $0.matches(name) } }?.id
        authorCache[key] = agent
        return agent
    }

    /// The first `Key: value` line after the subject whose key is a configured trailer.
    /// Scans bytes: most messages have no such line, and this runs for every commit.
    func trailerAgent(in message: String) -> String? {
        guard !trailerKeys.isEmpty else { return nil }
        var message = message
        return message.withUTF8 { bytes -> String? in
            guard var lineStart = bytes.firstIndex(of: 0x0A).map({ $0 + 1 }) else { return nil }
            while lineStart < bytes.count {
                let lineEnd = bytes[lineStart...].firstIndex(of: 0x0A) ?? bytes.count
                if let colon = bytes[lineStart..<lineEnd].firstIndex(of: 0x3A) {
                    let key = Self.trimmed(bytes, lineStart, colon).lowercased()
                    if trailerKeys.contains(key), let id = Self.trimmed(bytes, colon + 1, lineEnd).agentSlug {
                        return id
                    }
                }
                lineStart = lineEnd + 1
            }
            return nil
        }
    }

    static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> String {
        var start = start
        var end = end
        while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
        while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 || bytes[end - 1] == 0x0D { end -= 1 }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
    }
}
