/// One task of the simulated board, with the fields of the flat board shape (DESIGN §3.2)
/// and the simulation's own bookkeeping (not written to the board).
struct DemoTask {
    /// A comment as agents write them.
    struct Comment {
        var author: String
        var time: Int64
        var message: String
    }

    // MARK: - Board fields (DESIGN §3.2), named as on the board

    var id: String
    var title: String
    var description: String
    /// The raw, upper-case status the seed system wrote (`IN_PROGRESS`, …).
    var status: String
    var priority: String
    /// Index of the assigned agent.
    var assignee: Int
    var createdBy: String
    var createdAt: Int64
    var updatedAt: Int64
    var completedAt: Int64?
    var dependencies: [String]
    var tags: [String]
    var estimatedHours: Double
    var actualHours: Double
    var blockers: [String] = []
    var comments: [Comment] = []
    var verifiedBy: String?
    var verifiedAt: Int64?

    // MARK: - Simulation only

    /// Work commits left before the task goes to review.
    var workLeft: Int
    /// An incident task (stalled, long blocked): the simulation no longer touches it.
    var pinned = false
    /// When a blocked task may be picked up again.
    var blockedUntil: Int64?

    /// Whether the board counts it as finished.
    var isFinished: Bool { status == "DONE" || status == "VERIFIED" }
}

