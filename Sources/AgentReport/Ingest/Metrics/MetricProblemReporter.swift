/// Reports the bad lines of one file: the first few one by one, then only a count, so a
/// corrupt file of a million lines prints six diagnostics rather than a million.
struct MetricProblemReporter {
    let file: String
    let limit: Int
    private(set) var count = 0
    private var firstUnshown: Int?

    /// A reporter for `file`, showing at most `limit` lines one by one.
    init(file: String, limit: Int) {
        self.file = file
        self.limit = limit
    }

    /// The diagnostics to show for a batch's bad lines (rejected inputs: severity error).
    mutating func diagnostics(for batch: MetricBatch) -> [Diagnostic] {
        var result: [Diagnostic] = []
        for problem in batch.problems {
            count += 1
            if count <= limit {
                result.append(Diagnostic(.error, file: file, line: problem.line, column: problem.column,
                                         "bad metric line skipped: \(problem.message)"))
            } else if firstUnshown == nil {
                firstUnshown = problem.line
            }
        }
        count += batch.moreProblems
        if firstUnshown == nil { firstUnshown = batch.firstMoreProblemLine }
        return result
    }

    /// The closing count of lines not shown one by one, if any.
    var summary: Diagnostic? {
        guard let firstUnshown, count > limit else { return nil }
        let hidden = count - limit
        return Diagnostic(.error, file: file, line: firstUnshown,
                          "\(hidden) more bad metric line\(hidden == 1 ? "" : "s") skipped in this file (\(count) in all; only the first \(limit) are shown)")
    }
}
