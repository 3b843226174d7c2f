import Foundation
import GRDB

extension MetricsSource {
    /// Reads what is new in one file: from its remembered offset when it is the file read
    /// before, from the offset of the file it was rotated from, or from the start when it is
    /// new or was replaced.
    func ingestFile(
        _ file: MetricFileName, path: String, display: String, matcher: inout MetricFileMatcher, store: ReportStore,
        context: RunContext, totals: inout MetricIngestTotals
    ) throws {
        guard let reader = openReader(path, display: display, context: context) else { return }
        let folder = (path as NSString).deletingLastPathComponent
        let start = try matcher.start(for: file.name, reader: reader) { other in
            try? openReader((folder as NSString).appendingPathComponent(other))
        }
        var state = MetricFileState(path: file.name, offset: 0, fingerprint: "", size: reader.size, linesRead: 0)
        var mustSave = true
        switch start {
        case .continuing(let previous):
            if reader.isUnchanged(since: previous) { return }
            state = previous
            mustSave = previous.size != reader.size
        case .rotated(let from, let previous):
            context.diagnostics.report(
                Diagnostic(
                    .note, file: display,
                    "continues \(from) (rotated): reading on from the \(previous.offset) bytes read before"))
            state = previous
            state.path = file.name
            totals.rotated += 1
        case .beginning(let replaced):
            if let replaced {
                context.diagnostics.report(
                    Diagnostic(.note, file: display, "\(replaced); reading it again from the start"))
                totals.reread += 1
            }
        }
        try read(
            reader, from: state, saving: mustSave, display: display, store: store, context: context, totals: &totals)
    }

    /// Opens a metric file through `InputFile`; a file that cannot be read is a diagnostic
    /// (a FIFO, socket or device a warning, the rest errors) and nil.
    func openReader(_ path: String, display: String, context: RunContext) -> (any MetricChunkReader)? {
        do {
            return try openReader(path)
        } catch {
            switch error {
            case .missing: return nil  // removed since the folder was listed (rotation at work)
            case .notRegular: context.diagnostics.report(Diagnostic(.warning, file: display, "\(error)"))
            case .tooLarge, .unreadable:
                context.diagnostics.report(Diagnostic(.error, file: display, "metric file not read: \(error)"))
            }
            return nil
        }
    }

    /// The reader for `path`: gzip for `.gz`, plain otherwise.
    func openReader(_ path: String) throws(InputFile.Problem) -> any MetricChunkReader {
        path.hasSuffix(".gz")
            ? try GzipMetricReader(path: path, chunkSize: chunkSize)
            : try MetricFileReader(path: path, chunkSize: chunkSize)
    }

    /// Reads `reader` on from `state`, one transaction per `transactionBytes` of lines: the
    /// rows, the lines rejected in them (`input_rejections`) and the new offset together.
    private func read(
        _ reader: any MetricChunkReader, from start: MetricFileState, saving mustSave: Bool, display: String,
        store: ReportStore, context: RunContext, totals: inout MetricIngestTotals
    ) throws {
        var state = start
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
        let stage = name
        repeat {
            // One transaction: some batches' rows, their rejected lines and the offset after them.
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
                if pending == nil, let summary = reporter.summary { shown.append(summary) }
                shown = shown.map { diagnostic in
                    var tagged = diagnostic
                    tagged.stage = stageName
                    return tagged
                }
                state.size = reader.size
                state.fingerprint = try reader.fingerprint(upTo: state.offset)
                try ReportStore.saveMetricFileState(state, at: context.now, in: db)
                try ReportStore.recordRejections(shown, source: stage, at: context.now, in: db)
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
    }
}
