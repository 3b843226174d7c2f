import GRDB

/// Named queries for the session-log read positions (`usage_files`, migration v12).
extension ReportStore {
    /// Every remembered session log, by identity (`tool`, file name, head fingerprint).
    static func usageFileStates(_ db: Database) throws -> [UsageFileIdentity: UsageFileState] {
        var states: [UsageFileIdentity: UsageFileState] = [:]
        let rows = try Row.fetchCursor(
            db,
            sql: """
                SELECT tool, file_name, head_fingerprint, relative_path, offset, size, tail_fingerprint, lines_read,
                       status, scope, state
                FROM usage_files
                """)
        while let row = try rows.next() {
            guard let tool = SessionLogTool(rawValue: row["tool"]),
                let status = UsageFileState.Status(rawValue: row["status"])
            else { continue }
            let state = UsageFileState(
                tool: tool, fileName: row["file_name"], headFingerprint: row["head_fingerprint"],
                relativePath: row["relative_path"], offset: row["offset"], size: row["size"],
                tailFingerprint: row["tail_fingerprint"], linesRead: row["lines_read"], status: status,
                scope: row["scope"], context: SessionLogContext(json: row["state"]))
            states[state.identity] = state
        }
        return states
    }

    /// Remembers how far a session log was read.
    static func saveUsageFileState(_ state: UsageFileState, at now: Int64, in db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO usage_files (tool, file_name, head_fingerprint, relative_path, offset, size, tail_fingerprint,
                    lines_read, status, scope, state, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(tool, file_name, head_fingerprint) DO UPDATE SET relative_path = excluded.relative_path,
                    offset = excluded.offset, size = excluded.size, tail_fingerprint = excluded.tail_fingerprint,
                    lines_read = excluded.lines_read, status = excluded.status, scope = excluded.scope,
                    state = excluded.state, updated_at = excluded.updated_at
                """,
            arguments: .redacted([
                state.tool.rawValue, state.fileName, state.headFingerprint, state.relativePath, state.offset,
                state.size,
                state.tailFingerprint, state.linesRead, state.status.rawValue, state.scope, state.context.json,
                UTCTime.format(now),
            ]))
    }

    /// Forgets the session logs that are gone (their requests stay). A log this run did not
    /// read but that is still where it was last seen (`exists(tool, relative_path)`: a
    /// project folder out of scope since the workspace moved, say) keeps its read position.
    static func forgetUsageFiles(
        except seen: Set<UsageFileIdentity>, existing exists: (String, String) -> Bool, in db: Database
    ) throws {
        let rows = try Row.fetchAll(
            db, sql: "SELECT tool, file_name, head_fingerprint, relative_path FROM usage_files")
        for row in rows {
            let identity = UsageFileIdentity(
                tool: row["tool"], fileName: row["file_name"], headFingerprint: row["head_fingerprint"])
            guard !seen.contains(identity), !exists(identity.tool, row["relative_path"] ?? "") else { continue }
            try db.execute(
                sql: "DELETE FROM usage_files WHERE tool = ? AND file_name = ? AND head_fingerprint = ?",
                arguments: .redacted([identity.tool, identity.fileName, identity.headFingerprint]))
        }
    }
}

/// What a session log is known by between runs.
struct UsageFileIdentity: Hashable, Sendable {
    /// `SessionLogTool.rawValue`.
    var tool: String
    var fileName: String
    var headFingerprint: String
}

extension UsageFileState {
    /// Its identity.
    var identity: UsageFileIdentity {
        UsageFileIdentity(tool: tool.rawValue, fileName: fileName, headFingerprint: headFingerprint)
    }
}
