/// What the metrics source did on one run, across files.
struct MetricIngestTotals {
    /// New rows per kind.
    var inserted = [Int](repeating: 0, count: MetricBatch.Kind.allCases.count)
    /// Lines skipped as bad.
    var badLines = 0
    /// Lines read (good, bad and blank).
    var linesRead = 0
    /// Files read again from the start because their content was replaced or truncated.
    var reread = 0
    /// Files read on from the state of the file they were rotated from.
    var rotated = 0
    var agents = AgentTimes()

    /// New rows in all tables.
    var rows: Int { inserted.reduce(0, +) }

    /// A one-line account for `source_state.detail`.
    var detail: String {
        let names = ["agent", "system_health", "rag", "alert", "check", "session"]
        var text = zip(names, inserted).map { "\($0) \($1)" }.joined(separator: ", ")
        text += "; \(linesRead) lines read, \(badLines) bad"
        if rotated > 0 { text += ", \(rotated) rotated file\(rotated == 1 ? "" : "s") read on" }
        if reread > 0 { text += ", \(reread) file\(reread == 1 ? "" : "s") read again" }
        return text
    }
}
