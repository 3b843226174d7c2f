import Foundation

/// What a run did, for the closing paragraph on stderr and the `runs` table.
public struct RunSummary: Sendable {
    /// New rows per source, in the order the sources ran.
    public var rowsBySource: [(source: String, rows: Int)] = []
    /// Wall time per stage, in seconds.
    public var stageTimes: [(stage: String, seconds: Double)] = []
    public var alertsOpened = 0
    public var alertsResolved = 0
    public var pagesWritten = 0
    public var outputDirectory: String?
    /// The report's front page (`output/index.html`), named at the end of the summary.
    public var reportPath: String?
    /// Other one-line facts worth a mention (retention, backups, …).
    public var notes: [String] = []
    public var totalSeconds: Double = 0
    /// The `runs` row once the record stage wrote it (before render), and how many of the
    /// run's diagnostics it holds; the rest are added with the exit code at the end.
    public var runId: Int64?
    public var diagnosticsRecorded = 0

    public init() {}

    /// The one-paragraph summary.
    public func paragraph(rejections: Int) -> String {
        var parts: [String] = []
        if !rowsBySource.isEmpty {
            parts.append(
                "Ingested " + rowsBySource.map { "\($0.source) \($0.rows)" }.joined(separator: ", ") + " new rows")
        }
        if alertsOpened + alertsResolved > 0 || stageTimes.contains(where: { $0.stage.hasPrefix("evaluate alerts") }) {
            parts.append("alerts \(alertsOpened) opened, \(alertsResolved) resolved")
        }
        parts.append(contentsOf: notes)
        if pagesWritten > 0, let outputDirectory {
            parts.append("\(pagesWritten) files written to \(outputDirectory)")
        }
        if rejections > 0 {
            parts.append("\(rejections) input problem\(rejections == 1 ? "" : "s") rejected (see above)")
        }
        let body = parts.isEmpty ? "Nothing to do" : parts.joined(separator: "; ")
        return body + String(format: "; %.2f s.", totalSeconds) + (reportPath.map { " Report: \($0)" } ?? "")
    }

    /// The summary as JSON for the `runs` table (no wall-clock times: those vary).
    public var json: String {
        JSONSupport.encode(
            [
                "rows": Dictionary(rowsBySource.map { ($0.source, $0.rows) }, uniquingKeysWith: +),
                "alertsOpened": alertsOpened, "alertsResolved": alertsResolved, "files": pagesWritten,
            ] as [String: Any])
    }
}
