/// Which branch each new commit belongs to (DESIGN §3.5): an agent branch claims the
/// commits on its first-parent line that are not on the first-parent line of any non-agent
/// ref, so the commits an agent branch started from stay `main`'s, and an agent's commits
/// stay the agent's after a merge into `main`.
///
/// Commits are keyed by the first 8 bytes of their hash, so a million-commit history costs
/// a few megabytes, not the hundreds a set of hash strings would.
struct BranchClaims {
    /// Index into `refs` of the agent branch that claims a commit.
    private var agentClaims: [UInt64: Int32] = [:]
    /// Index into `refs` of the first non-agent ref whose first-parent line has a commit.
    private var mainLines: [UInt64: Int32] = [:]
    /// The refs of the repository, sorted by name.
    let refs: [GitRef]
    /// The first ref (by name) at each tip, for `--source` answers.
    private var refAtTip: [String: Int] = [:]

    /// No claims: every commit keeps the ref it was found on (for re-reading stored commits,
    /// whose branch is not claimed again).
    init(unclaimed refs: [GitRef]) {
        self.refs = refs
        for (index, ref) in refs.enumerated() where refAtTip[ref.tip] == nil { refAtTip[ref.tip] = index }
    }

    /// Walks the first-parent lines of `refs` (only the part not reachable from
    /// `alreadyRead`, whose commits are stored already). `isAgentRef` says which refs are
    /// agent branches.
    init(git: GitProcess, refs: [GitRef], isAgentRef: (GitRef) -> Bool, alreadyRead: [String]) throws {
        self.refs = refs
        for (index, ref) in refs.enumerated() where refAtTip[ref.tip] == nil { refAtTip[ref.tip] = index }
        let exclusions = alreadyRead.isEmpty ? [] : ["--not"] + alreadyRead
        var mainLines: [UInt64: Int32] = [:]
        var agentClaims: [UInt64: Int32] = [:]
        var agentIndexes: [Int] = []
        for (index, ref) in refs.enumerated() {
            if isAgentRef(ref) {
                agentIndexes.append(index)
                continue
            }
            let line = Int32(index)
            _ = try git.stream(
                ["rev-list", "--first-parent", ref.tip] + exclusions + ["--"],
                onLine: { hash in
                    let key = Self.key(hash)
                    if mainLines[key] == nil { mainLines[key] = line }
                })
        }
        for index in agentIndexes {
            let line = Int32(index)
            // Once the line reaches a non-agent first-parent commit, every older commit on it
            // is on that line too: stop there.
            _ = try git.stream(
                ["rev-list", "--first-parent", refs[index].tip] + exclusions + ["--"],
                while: { hash in
                    let key = Self.key(hash)
                    if mainLines[key] != nil { return false }
                    if agentClaims[key] == nil { agentClaims[key] = line }
                    return true
                })
        }
        self.mainLines = mainLines
        self.agentClaims = agentClaims
    }

    /// The claimed branch of a commit: the agent branch that claims it, else the non-agent
    /// ref whose first-parent line has it, else the ref git found it on (`source`).
    func branch(of hash: String, foundOn source: String) -> GitRef? {
        let key = Self.key(Array(hash.utf8)[...])
        if let index = agentClaims[key] ?? mainLines[key] { return refs[Int(index)] }
        return refAtTip[source].map { refs[$0] }
    }

    /// The first 16 hex digits of a hash as a number.
    static func key(_ hash: ArraySlice<UInt8>) -> UInt64 {
        var value: UInt64 = 0
        for byte in hash.prefix(16) {
            let digit: UInt8
            switch byte {
            case 0x30...0x39: digit = byte - 0x30
            case 0x61...0x66: digit = byte - 0x61 + 10
            case 0x41...0x46: digit = byte - 0x41 + 10
            default: digit = 0
            }
            value = value << 4 | UInt64(digit)
        }
        return value
    }
}
