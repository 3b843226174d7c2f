/// What one `usage` ingest did, for the run summary and `source_state.detail`.
struct UsageIngestTotals {
    /// New requests stored.
    var inserted = 0
    /// Copies of requests already stored (another line of one response, a sidechain or
    /// resumed copy, a file under two folders).
    var duplicates = 0
    /// Codex rows that re-emitted the previous total, or replayed a parent's history.
    var repeatedCodexRows = 0
    /// Files read (in whole or in part) on this run.
    var filesRead = 0
    /// Files whose session lies outside every checkout (never read beyond their cwd).
    var filesOutside = 0
    /// Claude Code project folders not opened: their name is no checkout's.
    var otherProjectFolders = 0
    /// Lines skipped because their own working directory lies outside every checkout.
    var linesOutside = 0
    /// Bad lines skipped.
    var badLines = 0
    /// Requests with no price, by model.
    var unpriced: [String: Int] = [:]
    /// Agents seen, with their first and last request time.
    var agents: [String: (first: Int64, last: Int64)] = [:]

    /// Notes an agent's request at `time`.
    mutating func note(agent: String, at time: Int64) {
        if let known = agents[agent] {
            agents[agent] = (min(known.first, time), max(known.last, time))
        } else {
            agents[agent] = (time, time)
        }
    }

    /// One line for `source_state.detail`.
    var detail: String {
        var parts = ["\(inserted) new requests from \(filesRead) files"]
        if duplicates > 0 { parts.append("\(duplicates) copies of known requests") }
        if repeatedCodexRows > 0 { parts.append("\(repeatedCodexRows) repeated Codex token rows skipped") }
        if filesOutside > 0 || otherProjectFolders > 0 {
            parts.append("\(filesOutside) files and \(otherProjectFolders) project folders of other projects not read")
        }
        if linesOutside > 0 { parts.append("\(linesOutside) lines outside the repositories skipped") }
        if badLines > 0 { parts.append("\(badLines) bad lines skipped") }
        let unpricedCount = unpriced.values.reduce(0, +)
        if unpricedCount > 0 { parts.append("\(unpricedCount) requests without a price") }
        return parts.joined(separator: "; ")
    }
}
