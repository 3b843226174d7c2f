import Foundation

/// Which sessions belong to the team, and whose they are: the cwd filter and the attribution
/// of session logs, both through the one attribution service (`AgentAttribution`).
///
/// Only a session whose working directory lies inside a checkout of a configured repository
/// (its main worktree or a linked one, as `git worktree list` gives them) is read; any
/// other session is never read beyond the line that names its working directory. A request
/// is attributed by the folder rules on its working directory, then by the branch rules on
/// its branch (`gitBranch`, `git.branch`, else the branch the checkout has now), else it is
/// `unattributed` within its repository.
final class UsageScope {
    /// The checkout a working directory lies in.
    struct Checkout: Sendable, Equatable {
        /// `repositories[].path` as written.
        var repository: String
        /// The worktree's current branch (short name), when one is checked out.
        var branch: String?
        /// The working directory, canonical.
        var folder: String
    }

    /// The attribution service.
    let attribution: AgentAttribution
    /// A fingerprint of the checkouts in scope: a log found outside is looked at again only
    /// when this changes (a repository or worktree added).
    let fingerprint: String
    /// Claude Code project folder names of the checkouts (canonical and as configured).
    private let folderNames: [String]
    private var checkouts: [String: Checkout?] = [:]
    private var answers: [String: Attribution] = [:]

    /// The scope of `attribution`'s worktrees; `config` adds the repositories' folders as written.
    init(attribution: AgentAttribution, config: ReportConfig) {
        self.attribution = attribution
        let checkouts = attribution.worktrees.filter { !$0.isBare }.map(\.path).sorted()
        fingerprint = FNV1a.hex(checkouts.joined(separator: "\u{0}").utf8)
        var folders = checkouts
        for repository in config.repositories {
            folders.append((config.resolve(repository.path) as NSString).standardizingPath)
        }
        folderNames = Array(Set(folders.map(SessionLogLocations.claudeProjectFolderName(forWorkingDirectory:))))
            .sorted()
    }

    /// Whether there is any checkout to read sessions for.
    var isEmpty: Bool { attribution.worktrees.allSatisfy(\.isBare) }

    /// Whether a Claude Code project folder can hold sessions of a checkout: its name is a
    /// checkout's, or starts with a checkout's followed by `-` (a folder inside it). A
    /// necessary condition only (the name is lossy): the session's own `cwd` decides.
    func mayHold(claudeProjectFolder name: String) -> Bool {
        let limit = SessionLogLocations.maxFolderNameLength
        return folderNames.contains { checkout in
            if name == checkout { return true }
            if checkout.utf8.count >= limit { return name.hasPrefix(String(checkout.prefix(limit))) }
            return name.hasPrefix(checkout + "-")
                || (name.utf8.count > limit && checkout.hasPrefix(String(name.prefix(limit))))
        }
    }

    /// The checkout a session's working directory lies in, or nil (another project, or a
    /// directory that is not an absolute path).
    func checkout(forWorkingDirectory cwd: String) -> Checkout? {
        guard cwd.hasPrefix("/") else { return nil }
        if let known = checkouts[cwd] { return known }
        let answer: Checkout? = attribution.worktree(containing: cwd).map { worktree in
            Checkout(
                repository: worktree.repository, branch: worktree.branchName,
                folder: CanonicalPath.resolve(cwd, relativeTo: worktree.path))
        }
        checkouts[cwd] = answer
        return answer
    }

    /// The agent of a request made in `checkout` on `branch` (nil: the checkout's branch).
    func attribute(checkout: Checkout, branch: String?) -> Attribution {
        let branch = branch.flatMap { $0.isEmpty || $0 == "HEAD" ? nil : $0 } ?? checkout.branch
        let key = checkout.folder + "\u{0}" + (branch ?? "")
        if let known = answers[key] { return known }
        let answer =
            attribution.attribution(forBranch: nil, worktree: checkout.folder)
            ?? branch.flatMap { attribution.attribution(forBranch: $0) }
            ?? Attribution(agent: AgentAttribution.unattributed, rule: .unattributed)
        answers[key] = answer
        return answer
    }
}
