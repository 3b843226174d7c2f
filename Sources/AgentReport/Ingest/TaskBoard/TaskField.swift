import Foundation

/// The fields agentreport reads from a task object, and every name boards give them: the one
/// table of field aliases (documented in docs/formats.md, "Field names").
///
/// Names match ignoring case, `_` and `-` (`assigned_to`, `assignedTo` and `Assigned-To` are
/// one name), so each alias is listed once. When a task has several aliases of one field,
/// the first in the list with a non-null value is read; the others are kept in `details`.
/// Sources of the aliases: the seed board (camelCase), status-bucket boards (`assignee`,
/// `created`, `blockedBy`), Task Master, claim boards written by Python tools (`assigned_to`,
/// `claimed_by`, `depends_on`, `last_updated_by`), per-task Markdown front matter
/// (`owner_agent`), and Claude Code team task lists (`subject`, `owner`, `blockedBy`).
enum TaskField: String, CaseIterable {
    case id, title, description, status, priority, assignee, dependencies, tags, blockers, comments, subtasks
    /// Times the board claims (kept in `details.claimed` under the key as written).
    case createdAt, updatedAt, startedAt, claimedAt, completedAt, verifiedAt

    /// The names of the field, in order of preference.
    var aliases: [String] {
        switch self {
        case .id: ["id", "taskId"]
        case .title: ["title", "name", "subject", "summary", "task"]
        case .description: ["description", "desc"]
        case .status: ["status", "state"]
        case .priority: ["priority"]
        // The owner a board assigned wins over a claim: a claim board's `claimed_by` is the
        // assignee when nothing else names one.
        case .assignee: ["assignedTo", "assignee", "owner", "ownerAgent", "claimedBy", "agent"]
        case .dependencies: ["dependencies", "dependsOn", "deps", "requires"]
        case .tags: ["tags", "labels"]
        case .blockers: ["blockers", "blockedBy", "blocker", "blockedReason"]
        case .comments: ["comments"]
        case .subtasks: ["subtasks"]
        case .createdAt: ["createdAt", "created", "createdOn", "creationDate"]
        case .updatedAt: ["updatedAt", "updated", "lastUpdated", "modifiedAt"]
        case .startedAt: ["startedAt"]
        case .claimedAt: ["claimedAt"]
        case .completedAt: ["completedAt", "completed", "finishedAt", "doneAt", "closedAt", "resolvedAt"]
        case .verifiedAt: ["verifiedAt"]
        }
    }

    /// Whether the field is a time the board claims.
    var isClaimedTime: Bool {
        switch self {
        case .createdAt, .updatedAt, .startedAt, .claimedAt, .completedAt, .verifiedAt: true
        default: false
        }
    }

    /// The names of the board-level field naming the agent that last wrote the board.
    static let boardUpdatedBy = ["updatedBy", "lastUpdatedBy", "modifiedBy"]

    /// A key as compared: lower case, without `_`, `-` and spaces.
    static func normalised(_ key: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(key.utf8.count)
        for byte in key.utf8 {
            switch byte {
            case UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: " "): continue
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): bytes.append(byte + 32)
            case 0x80...: return String(key.lowercased().filter { $0 != "_" && $0 != "-" && $0 != " " })
            default: bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The field a key names and the alias's rank, nil for a key that names none. Boards
    /// repeat the same few keys in every task: answers are remembered (at most
    /// `rememberedKeys` keys, so a hostile board cannot grow the table without bound).
    static func field(ofKey key: String) -> (field: TaskField, rank: Int)? {
        remembered.answer(for: key) { byAlias[normalised(key)] }
    }

    /// Keys already looked up, shared by every parse (boards are parsed one at a time, but
    /// the table must be safe to share).
    private final class RememberedKeys: @unchecked Sendable {
        private let lock = NSLock()
        private var table: [String: (field: TaskField, rank: Int)?] = [:]

        func answer(for key: String, compute: () -> (field: TaskField, rank: Int)?) -> (field: TaskField, rank: Int)? {
            lock.lock()
            defer { lock.unlock() }
            if let known = table[key] { return known }
            let answer = compute()
            if table.count >= TaskField.rememberedKeys { table.removeAll(keepingCapacity: true) }
            table[key] = .some(answer)
            return answer
        }
    }

    private static let remembered = RememberedKeys()
    private static let rememberedKeys = 4_096

    /// Normalised alias → (field, rank of the alias in its field's list).
    static let byAlias: [String: (field: TaskField, rank: Int)] = {
        var table: [String: (TaskField, Int)] = [:]
        for field in allCases {
            for (rank, alias) in field.aliases.enumerated() { table[normalised(alias)] = (field, rank) }
        }
        return table
    }()
}

/// A task object's keys sorted out by `TaskField`: the value read for each field, the keys
/// that name no field, and the other aliases of a field that was read (kept in `details`).
struct TaskFieldValues {
    /// Each field's chosen key and value.
    private(set) var chosen: [TaskField: (key: String, value: Any)] = [:]
    /// Keys that name no field, or an alias not chosen (with a non-null value), in key order.
    private(set) var others: [(key: String, value: Any)] = []
    /// Claimed times as written: key → value.
    private(set) var times: [(field: TaskField, key: String, value: Any)] = []

    /// Sorts out `fields`.
    init(_ fields: [String: Any]) {
        var best: [TaskField: (rank: Int, key: String, value: Any)] = [:]
        var losers: [(key: String, value: Any)] = []
        for (key, value) in fields {
            guard let (field, rank) = TaskField.field(ofKey: key) else {
                others.append((key, value))
                continue
            }
            if field.isClaimedTime {
                times.append((field, key, value))
                continue
            }
            if value is NSNull { continue }  // null says nothing: a field that is absent
            // The first-preferred alias wins; two spellings of one alias, the smaller key.
            if let current = best[field], (current.rank, current.key) <= (rank, key) {
                losers.append((key, value))
                continue
            }
            if let current = best[field] { losers.append((current.key, current.value)) }
            best[field] = (rank, key, value)
        }
        for (field, entry) in best { chosen[field] = (entry.key, entry.value) }
        others += losers
        if others.count > 1 { others.sort { $0.key < $1.key } }
        if times.count > 1 { times.sort { $0.key < $1.key } }
    }

    /// The value read for `field`, nil when the task has none.
    subscript(_ field: TaskField) -> Any? { chosen[field]?.value }

    /// The key the value of `field` was read from.
    func key(of field: TaskField) -> String? { chosen[field]?.key }

    /// The claimed times of `field`, first alias first.
    func claimedTime(_ field: TaskField) -> (key: String, value: Any)? {
        times.filter { $0.field == field }
            .min {
                (TaskField.byAlias[TaskField.normalised($0.key)]?.rank ?? 0)
                    < (TaskField.byAlias[TaskField.normalised($1.key)]?.rank ?? 0)
            }
            .map { ($0.key, $0.value) }
    }
}
