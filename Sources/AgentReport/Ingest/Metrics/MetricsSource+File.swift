import Foundation
import GRDB

extension MetricsSource {
    /// Reads what is new in one file: from the remembered offset when the file is the one
    /// read before, from the start when it was rotated, truncated or replaced.
    func ingestFile(
        _ path: String, display: String, previous: MetricFileState?, store: ReportStore,
        context: RunContext, totals: inout MetricIngestTotals
    ) throws {
        let reader: MetricFileReader
        do {
            reader = try MetricFileReader(path: path, chunkSize: chunkSize)
        } catch {
            context.diagnostics.report(Diagnostic(.error, file: display, "metric file not read: \(error)"))
            return
        }
        var state = MetricFileState(path: display, offset: 0, fingerprint: "", size: reader.size, linesRead: 0)
        var mustSave = true
        if let previous {
            if let reason = try changeReason(reader, previous) {
                context.diagnostics.report(Diagnostic(.note, file: display, "\(reason); reading it again from the start"))
                totals.reread += 1
            } else {
                state = previous
                mustSave = previous.size != reader.size
            }
        }
        let firstLine = state.linesRead
        let batches = ThreadedBatches(MetricChunkProducer(reader: reader, offset: state.offset, nextLine: state.linesRead + 1, now: context.now))
        defer { batches.stop() }
        var reporter = MetricProblemReporter(file: display, limit: Self.maxProblemsPerFile)
        var pending = try batches.next()
        guard pending != nil || mustSave else { return }
        repeat {
            // One transaction: some batches' rows and the offset after them, together.
            var problems: [(line: Int, column: Int, message: String)] = []
            let agents = try store.queue.write { db in
                let writer = try MetricSampleWriter(db)
                defer { writer.finish() }
                var bytes = 0
                while let batch = pending, bytes < transactionBytes {
                    try writer.insert(batch)
                    problems += batch.problems
                    state.offset = batch.endOffset
                    state.linesRead += batch.lineCount
                    bytes += batch.bytes.count
                    pending = try batches.next()
                }
                state.size = reader.size
                state.fingerprint = try MetricFileState.fingerprint(of: reader, upTo: state.offset)
                try ReportStore.saveMetricFileState(state, at: context.now, in: db)
                for (kind, count) in writer.inserted.enumerated() { totals.inserted[kind] += count }
                return writer.agents
            }
            totals.agents.merge(agents)
            totals.badLines += problems.count
            context.diagnostics.report(contentsOf: reporter.diagnostics(for: problems))
        } while pending != nil
        totals.linesRead += state.linesRead - firstLine
        if let summary = reporter.summary { context.diagnostics.report(summary) }
    }

    /// Why a file can no longer be read on from `previous.offset`, or nil when it can.
    private func changeReason(_ reader: MetricFileReader, _ previous: MetricFileState) throws -> String? {
        if reader.size < previous.offset {
            return "the file is shorter than the \(previous.offset) bytes read before (truncated, rotated or replaced)"
        }
        if try MetricFileState.fingerprint(of: reader, upTo: previous.offset) != previous.fingerprint {
            return "the file's content changed since it was last read (rotated or replaced)"
        }
        return nil
    }
}
