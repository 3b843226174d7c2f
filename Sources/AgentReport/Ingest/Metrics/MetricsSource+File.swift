import Foundation
import GRDB

extension MetricsSource {
    /// Reads what is new in one file: from the remembered offset when the file is the one
    /// read before, from the start when it was rotated, truncated or replaced.
    func ingestFile(
        _ path: String, display: String, previous: MetricFileState?, store: ReportStore,
        context: RunContext, totals: inout MetricIngestTotals
    ) throws {
        let reader: any MetricChunkReader
        do {
            reader =
                path.hasSuffix(".gz")
                ? try GzipMetricReader(path: path, chunkSize: chunkSize)
                : try MetricFileReader(path: path, chunkSize: chunkSize)
        } catch {
            context.diagnostics.report(Diagnostic(.error, file: display, "metric file not read: \(error)"))
            return
        }
        var state = MetricFileState(path: display, offset: 0, fingerprint: "", size: reader.size, linesRead: 0)
        var mustSave = true
        if let previous {
            if let reason = try reader.changeReason(since: previous) {
                context.diagnostics.report(
                    Diagnostic(.note, file: display, "\(reason); reading it again from the start"))
                totals.reread += 1
            } else {
                if try reader.isUnchanged(since: previous) { return }
                state = previous
                mustSave = previous.size != reader.size
            }
        }
        let firstLine = state.linesRead
        let batches = ThreadedBatches(
            MetricChunkProducer(reader: reader, offset: state.offset, nextLine: state.linesRead + 1, now: context.now))
        defer { batches.stop() }
        var reporter = MetricProblemReporter(file: display, limit: Self.maxProblemsPerFile)
        var readFailure: Error?
        // A file that cannot be read on (I/O error, corrupt gzip) keeps what was stored before.
        func next() throws -> MetricBatch? {
            do {
                return try batches.next()
            } catch let error as MetricFileReader.ReadError {
                readFailure = error
                return nil
            }
        }
        var pending = try next()
        defer {
            if let readFailure {
                context.diagnostics.report(
                    Diagnostic(
                        .error, file: display, line: state.linesRead + 1, "metric file not read further: \(readFailure)"
                    ))
            }
        }
        guard pending != nil || mustSave else { return }
        repeat {
            // One transaction: some batches' rows and the offset after them, together.
            var shown: [Diagnostic] = []
            let agents = try store.queue.write { db in
                let writer = try MetricSampleWriter(db)
                defer { writer.finish() }
                var bytes = 0
                while let batch = pending, bytes < transactionBytes {
                    try writer.insert(batch)
                    shown += reporter.diagnostics(for: batch)
                    totals.badLines += batch.problemCount
                    state.offset = batch.endOffset
                    state.linesRead += batch.lineCount
                    bytes += batch.bytes.count
                    pending = try next()
                }
                state.size = reader.size
                state.fingerprint = try reader.fingerprint(upTo: state.offset)
                try ReportStore.saveMetricFileState(state, at: context.now, in: db)
                for (kind, count) in writer.inserted.enumerated() { totals.inserted[kind] += count }
                return writer.agents
            }
            totals.agents.merge(agents)
            context.diagnostics.report(contentsOf: shown)
            context.console.progress(
                "ingest metrics \(display): \(state.offset / 1_000_000)/\(max(reader.size, state.offset) / 1_000_000) MB"
            )
        } while pending != nil
        totals.linesRead += state.linesRead - firstLine
        if let summary = reporter.summary { context.diagnostics.report(summary) }
    }
}
