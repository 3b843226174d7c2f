import Foundation

/// Maps the names agents go by (a progress-log heading's "Full-Stack Builder", a commit's
/// author e-mail or `Agent:` trailer, a branch name) to agent ids, using the config first.
public struct AgentResolver: Sendable {
    let config: ReportConfig
    private let byName: [String: String]
    private let branchPatterns: [NSRegularExpressionBox]

    /// A resolver for the agents and attribution rules of `config`.
    public init(config: ReportConfig) {
        self.config = config
        var byName: [String: String] = [:]
        for agent in config.agents {
            guard let id = agent.id.agentSlug else { continue }
            byName[agent.id.lowercased()] = id
            if let name = agent.name { byName[name.lowercased()] = id }
        }
        self.byName = byName
        self.branchPatterns = config.attribution.branchPatterns.compactMap { pattern in
            (try? NSRegularExpression(pattern: pattern)).map(NSRegularExpressionBox.init)
        }
    }

    /// The id for a name written by hand: a config agent's id or name, else its slug.
    public func agentId(forName name: String) -> String? {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        return byName[trimmed.lowercased()] ?? trimmed.agentSlug
    }

    /// The agent of a commit from its author e-mail (config `authors`) or a trailer.
    public func agentId(forAuthorEmail email: String?, trailers: [String: String]) -> String? {
        if let email {
            for agent in config.agents where agent.authors.contains(where: { $0.caseInsensitiveCompare(email) == .orderedSame }) {
                return agent.id.agentSlug
            }
        }
        for key in config.attribution.trailers {
            if let value = trailers.first(where: { $0.key.caseInsensitiveCompare(key) == .orderedSame })?.value {
                return agentId(forName: value)
            }
        }
        return nil
    }

    /// The agent a branch name belongs to: config `branches` globs, then `branchPatterns`.
    public func agentId(forBranch branch: String) -> String? {
        let short = branch.hasPrefix("refs/heads/") ? String(branch.dropFirst("refs/heads/".count)) : branch
        for agent in config.agents where agent.branches.contains(where: { fnmatch($0, short, 0) == 0 }) {
            return agent.id.agentSlug
        }
        for box in branchPatterns {
            let regex = box.regex
            let range = NSRange(short.startIndex..., in: short)
            guard let match = regex.firstMatch(in: short, range: range) else { continue }
            let group = match.range(withName: "agent")
            let captured = group.location != NSNotFound ? group : (match.numberOfRanges > 1 ? match.range(at: 1) : NSRange(location: NSNotFound, length: 0))
            if captured.location != NSNotFound, let r = Range(captured, in: short) {
                return agentId(forName: String(short[r]))
            }
        }
        return nil
    }
}

/// A compiled regular expression that can be shared (NSRegularExpression is immutable).
struct NSRegularExpressionBox: @unchecked Sendable {
    let regex: NSRegularExpression
}
