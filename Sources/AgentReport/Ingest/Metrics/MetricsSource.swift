import Foundation
import GRDB

/// Ingests the metric samples collectors append to `metrics/*.jsonl` (DESIGN §3.6) into
/// `agent_metrics`, `system_health`, `rag_metrics` and `alerts`.
///
/// Incremental: each file is read from where the last run stopped (`metric_files`, keyed
/// by the file's name in the metrics folder), one transaction per chunk that stores the
/// chunk's rows, its rejected lines and the new offset together, so an interrupted run
/// resumes cleanly and loses no rejection. Rotation loses nothing: a file logrotate renamed,
/// copied or compressed (`x.jsonl.1`, `x.jsonl.1.gz`, `x.jsonl-20260302`) is recognised by
/// its fingerprint and read on from where its old name was left (`MetricFileMatcher`).
/// Bad lines are skipped with a diagnostic each (a count after `maxProblemsPerFile`); a last
/// line without its newline waits for the next run. Only regular files are opened, never
/// blocking (`InputFile`): a FIFO or socket in the folder is skipped with a warning.
public struct MetricsSource: IngestSource {
    public let name = "metrics"
    public let stageName = "ingest metrics"
    /// The most bytes read (and decoded) at once; also the longest line accepted.
    public var chunkSize: Int
    /// Roughly how many bytes of lines go into one transaction.
    public var transactionBytes: Int
    /// Bad lines reported one by one per file before they are only counted.
    public static let maxProblemsPerFile = MetricBatch.problemDetailLimit

    /// A source with the given chunk size (tests use small ones to cross chunk boundaries).
    public init(chunkSize: Int = 4 << 20, transactionBytes: Int = 32 << 20) {
        self.chunkSize = chunkSize
        self.transactionBytes = transactionBytes
    }

    public func ingest(into store: ReportStore, context: RunContext) throws -> Int {
        let config = context.config
        let directory = config.metricsPath
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            context.diagnostics.report(
                Diagnostic(
                    .note, file: config.displayPath(directory), "no metrics folder; no samples ingested",
                    hint: "set metrics.dir in agentreport.json"))
            try store.queue.write { db in
                try ReportStore.recordSuccess(of: name, rows: 0, detail: "no metrics folder", at: context.now, in: db)
            }
            return 0
        }
        let files = try metricFiles(in: directory)
        let states = try store.queue.read { db in try ReportStore.metricFileStates(db) }
        var total = MetricIngestTotals()
        var matcher = MetricFileMatcher(states: states, present: files.map(\.name))
        for file in files {
            let path = (directory as NSString).appendingPathComponent(file.name)
            let display = config.displayPath(path)
            do {
                try ingestFile(
                    file, path: path, display: display, matcher: &matcher, store: store, context: context,
                    totals: &total)
            } catch let error as MetricFileReader.ReadError {
                // An I/O error on one file: what its committed transactions stored stays, with
                // their offset; the other files still go in.
                context.diagnostics.report(Diagnostic(.error, file: display, "metric file not read: \(error)"))
            }
        }
        context.console.endProgress()
        try store.queue.write { db in
            try ReportStore.forgetMetricFiles(except: Set(files.map(\.name)), in: db)
            for agent in total.agents.sorted {
                try ReportStore.noteAgent(agent.id, source: name, at: agent.last, in: db)
                if agent.first != agent.last {
                    try ReportStore.noteAgent(agent.id, source: name, at: agent.first, in: db)
                }
            }
            try ReportStore.recordSuccess(of: name, rows: total.rows, detail: total.detail, at: context.now, in: db)
        }
        return total.rows
    }

    /// The metric files of the folder (`MetricFileName`: live, compressed and rotated
    /// names), oldest content of each stream first, so a run is deterministic.
    func metricFiles(in directory: String) throws -> [MetricFileName] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            throw SourceError("\(directory): cannot list the metrics folder: \(error.localizedDescription)")
        }
        return names.compactMap(MetricFileName.init).sorted()
    }
}
