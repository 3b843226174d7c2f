/// What the attribution service looks at in a commit.
public struct CommitFacts: Sendable {
    /// The author's name as git prints it with `.mailmap` applied (`%aN`).
    public var authorName: String
    /// The author's e-mail as git prints it with `.mailmap` applied (`%aE`).
    public var authorEmail: String
    /// The whole raw message (subject, body, trailers).
    public var message: String
    /// The commit's claimed branch (DESIGN §3.5) as branch rules see it: `GitRef.branchName`,
    /// nil when it is no branch (a detached worktree's HEAD).
    public var branch: String?
    /// The canonical folder of the worktree that has the claimed ref checked out, if any.
    public var worktree: String?

    /// The facts of one commit.
    public init(authorName: String, authorEmail: String, message: String, branch: String?, worktree: String? = nil) {
        self.authorName = authorName
        self.authorEmail = authorEmail
        self.message = message
        self.branch = branch
        self.worktree = worktree
    }
}
