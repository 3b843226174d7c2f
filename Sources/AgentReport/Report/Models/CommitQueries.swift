import Foundation
import GRDB

/// Named queries over `git_commits` and their template values.
enum CommitQueries {
    /// The newest `limit` commits (of `agent` when given), newest first.
    static func recent(_ data: ReportData, limit: Int, agent: String? = nil, from path: String) throws -> [[String: Any]] {
        let filter = agent == nil ? "" : "WHERE agent_id = ?"
        let arguments: StatementArguments = agent.map { [$0, limit] } ?? [limit]
        return try Row.fetchAll(data.db, sql: """
            SELECT commit_hash, short_hash, agent_id, message, branch, files_changed, lines_added, lines_deleted,
                   commit_timestamp, is_merge, lines_unknown
            FROM git_commits \(filter) ORDER BY commit_timestamp DESC, commit_hash LIMIT ?
            """, arguments: arguments).map { values($0, data: data, from: path) }
    }

    /// Template values of one commit row.
    static func values(_ row: Row, data: ReportData, from path: String) -> [String: Any] {
        let merge = (row["is_merge"] as Int?) == 1
        let unknown = merge || (row["lines_unknown"] as Int?) == 1
        let message: String = row["message"] ?? ""
        let subject = message.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
        return [
            "hash": row["short_hash"] as String? ?? "", "agent": data.agents.link(row["agent_id"], from: path),
            "subject": subject, "branch": row["branch"] as String? ?? "—", "time": row["commit_timestamp"] as String? ?? "",
            "files": row["files_changed"] as Int? ?? 0,
            "added": unknown ? "—" : String(row["lines_added"] as Int? ?? 0),
            "deleted": unknown ? "—" : String(row["lines_deleted"] as Int? ?? 0),
            "merge": merge,
        ]
    }
}
