import Foundation
import GRDB

/// One run of the `usage` source over the files found: which to read, from where, and in
/// what order (a forked Codex rollout after the sessions it may copy).
final class UsageIngestRun {
    /// A file about to be read: its state, and the checkout its session is in. (Not its open
    /// reader: thousands of rollouts wait for their turn, and descriptors are limited.)
    struct Prepared {
        var file: SessionLogFile
        var state: UsageFileState
        var checkout: UsageScope.Checkout
        /// Whether `state` must be saved even when no line is new (new, moved, re-read).
        var mustSave: Bool
    }

    let source: UsageSource
    let store: ReportStore
    let context: RunContext
    let scope: UsageScope
    let prices: PriceTable
    /// Each model's price as `prices` finds it, looked up once per run: the lookup tries
    /// several spellings of the name, a tenth of the ingest's time when done per request.
    private var modelPrices: [String: ModelPrice?] = [:]
    var totals = UsageIngestTotals()
    /// The identities of the files found on this run (the others are forgotten).
    var seen: Set<UsageFileIdentity> = []
    private var states: [UsageFileIdentity: UsageFileState] = [:]
    private var byPath: [String: UsageFileState] = [:]

    /// Bytes of a first line hashed for a file's identity.
    static let headBytes = 64 << 10
    /// Bytes before the offset hashed to check that a file was only appended to.
    static let tailBytes = 256
    /// The most bytes read to find a Claude Code session's working directory.
    static let workingDirectorySearchBytes: Int64 = 1 << 20
    /// Bytes of session log read before the open transaction is committed (see
    /// `TransactionBatch`): a few hundred files, some 20,000 requests, about 10 MB of pages
    /// (below the page cache, so nothing is written to the database before the commit and
    /// readers are not locked out). A run killed half-way reads at most this again.
    static let batchBytes = 256 << 20

    /// A run of `source` for `context`.
    init(source: UsageSource, store: ReportStore, context: RunContext, scope: UsageScope, prices: PriceTable) {
        self.source = source
        self.store = store
        self.context = context
        self.scope = scope
        self.prices = prices
    }

    /// Reads what is new in `files`: Claude Code transcripts in the order given (main
    /// sessions before subagents), then Codex rollouts, sessions that are not forks first
    /// and forks by the time they were made, so that a fork's copy of its parent's history
    /// meets the parent's own rows.
    ///
    /// The writes share transactions (`TransactionBatch`): each chunk of a file is a
    /// savepoint holding its rows and the file's new read position together, and a commit
    /// comes every `batchBytes` of session log, not once per file.
    func ingest(_ files: [SessionLogFile]) throws {
        try store.queue.writeWithoutTransaction { db in
            // Tens of thousands of rows go into four indexes per commit: a 16 MB page cache
            // (instead of 2 MB) keeps SQLite from spilling pages and reading them back. Each
            // chunk is a savepoint, whose journal of the pages it changed (a few hundred kB)
            // is kept in memory (temp_store 2) rather than in a temporary file (600,000
            // writes of 4 kB on 1 GB of logs).
            try db.withPragmas(["cache_size": -16384, "temp_store": 2]) {
                var batch = TransactionBatch(db, limit: Self.batchBytes)
                do {
                    try ingest(files, batch: &batch)
                    try batch.commit()
                } catch {
                    batch.rollBack()
                    throw error
                }
            }
        }
    }

    private func ingest(_ files: [SessionLogFile], batch: inout TransactionBatch) throws {
        states = try ReportStore.usageFileStates(batch.db)
        for state in states.values { byPath[state.tool.rawValue + "\u{0}" + state.relativePath] = state }
        var rollouts: [Prepared] = []
        var progress = UsageProgress(files: files.count, console: context.console)
        defer { context.console.endProgress() }
        for file in files {
            progress.step()
            let display = context.config.displayPath(file.path)
            do {
                guard let prepared = try prepare(file, batch: &batch) else { continue }
                if file.tool == .codex {
                    rollouts.append(prepared)
                } else {
                    try read(prepared, display: display, batch: &batch)
                }
            } catch let error as MetricFileReader.ReadError {
                context.diagnostics.report(Diagnostic(.warning, file: display, "session log not read: \(error)"))
            }
        }
        let ordered = rollouts.enumerated().sorted { a, b in
            let x = a.element.state.context
            let y = b.element.state.context
            if (x.forkedFrom == nil) != (y.forkedFrom == nil) { return x.forkedFrom == nil }
            return (x.forkTime ?? 0, a.offset) < (y.forkTime ?? 0, b.offset)
        }
        progress.rollouts(ordered.count)
        for (_, prepared) in ordered {
            progress.step()
            let display = context.config.displayPath(prepared.file.path)
            do {
                try read(prepared, display: display, batch: &batch)
            } catch let error as MetricFileReader.ReadError {
                context.diagnostics.report(Diagnostic(.warning, file: display, "session log not read: \(error)"))
            }
        }
    }

    /// The cost of a request of `model` (see `PriceTable.cost(of:model:fast:)`).
    func cost(of tokens: TokenCounts, model: String, fast: Bool = false) -> Double? {
        let price: ModelPrice?
        if let known = modelPrices[model] {
            price = known
        } else {
            price = prices.price(of: model)
            modelPrices[model] = price
        }
        return price.flatMap { PriceTable.cost(of: tokens, at: $0, fast: fast) }
    }

    /// One warning per model without a price, naming how many requests have an unknown cost.
    func reportUnpricedModels() {
        for (model, count) in totals.unpriced.sorted(by: { $0.key < $1.key }) {
            context.diagnostics.report(
                Diagnostic(
                    .warning,
                    "model '\(model)' has no price: its \(count) new request\(count == 1 ? "" : "s") have an unknown cost (not 0)",
                    hint: "add it to usage.prices in agentreport.json, or refresh the embedded table (docs/usage.md)"))
        }
    }
}

// MARK: - Which files, from where

private extension UsageIngestRun {
    /// The file ready to be read from where the last run stopped; nil when there is nothing
    /// to read (unchanged, another project's session, a stale copy, no whole first line yet).
    func prepare(_ file: SessionLogFile, batch: inout TransactionBatch) throws -> Prepared? {
        let pathKey = file.tool.rawValue + "\u{0}" + file.relativePath
        var info = stat()
        guard stat(file.path, &info) == 0 else { return nil }
        if let known = byPath[pathKey], Int64(info.st_size) == known.size,
            known.status == .read ? known.offset == known.size : known.scope == scope.fingerprint
        {
            // Unchanged since the last run: not even opened.
            seen.insert(known.identity)
            if known.status == .outside { totals.filesOutside += 1 }
            return nil
        }
        let reader = try MetricFileReader(path: file.path, chunkSize: source.chunkSize)
        guard let head = try headFingerprint(of: reader) else { return nil }
        let identity = UsageFileIdentity(tool: file.tool.rawValue, fileName: file.fileName, headFingerprint: head)
        seen.insert(identity)
        if var known = states[identity], known.status == .read || known.scope == scope.fingerprint {
            let moved = known.relativePath != file.relativePath
            known.relativePath = file.relativePath
            if known.status == .outside {
                totals.filesOutside += 1
                if moved { try save(known, batch: &batch) }
                return nil
            }
            if reader.size < known.offset {
                // The same file (same first line) but shorter: a stale copy of one read further.
                return nil
            }
            if try tailFingerprint(of: reader, upTo: known.offset) == known.tailFingerprint,
                let checkout = known.context.cwd.flatMap(scope.checkout(forWorkingDirectory:))
            {
                return Prepared(file: file, state: known, checkout: checkout, mustSave: moved)
            }
            context.diagnostics.report(
                Diagnostic(
                    .note, file: context.config.displayPath(file.path),
                    "the session log changed before the point read last time; reading it again (known requests count once)"
                ))
        }
        var state = UsageFileState(
            tool: file.tool, fileName: file.fileName, headFingerprint: head, relativePath: file.relativePath)
        state.size = reader.size
        guard let cwd = try workingDirectory(of: file, reader: reader, state: &state) else { return nil }
        guard let checkout = scope.checkout(forWorkingDirectory: cwd) else {
            state.status = .outside
            state.scope = scope.fingerprint
            state.context = SessionLogContext()  // nothing of another project's session is kept
            try save(state, batch: &batch)
            totals.filesOutside += 1
            return nil
        }
        state.context.cwd = cwd
        if let meta = file.metaPath { state.context.subagentType = subagentType(from: meta) }
        return Prepared(file: file, state: state, checkout: checkout, mustSave: true)
    }

    /// The session's working directory, read from as few lines as possible: a Claude Code
    /// transcript's first line that has a `cwd`; a Codex rollout's `session_meta`. nil when it
    /// cannot be known yet (no such line so far); a file where none can ever be found is
    /// marked outside.
    func workingDirectory(of file: SessionLogFile, reader: MetricFileReader, state: inout UsageFileState) throws
        -> String?
    {
        var offset: Int64 = 0
        while offset < min(reader.size, Self.workingDirectorySearchBytes) {
            let block = try reader.read(at: offset, count: Self.headBytes)
            guard let newline = block.firstIndex(of: 0x0A) else {
                if block.count == Self.headBytes {
                    offset += Int64(block.count)
                }  // a long line: skip on
                else {
                    return nil
                }  // a last line still being written
                continue
            }
            let found: String?? = block.withUnsafeBufferPointer { buffer -> String?? in
                var line = UnsafeBufferPointer(rebasing: buffer[..<newline])
                line = Self.trimmed(line, first: offset == 0)
                switch file.tool {
                case .claudeCode:
                    return ClaudeLineDecoder.workingDirectory(of: line).map { .some($0) }
                case .codex:
                    guard case .sessionMeta(let meta)? = try? CodexLineDecoder.decode(line) else {
                        return .some(nil)  // not a rollout with a session_meta: its cwd is unknown
                    }
                    state.context.session = meta.id
                    state.context.branch = meta.branch
                    state.context.forkedFrom = meta.parent
                    state.context.forkTime = meta.time
                    state.context.replaying = meta.parent != nil
                    return .some(meta.cwd)
                }
            }
            if let found {
                if let cwd = found { return cwd }
                return Self.outsideMarker
            }
            offset += Int64(newline + 1)
        }
        return reader.size >= Self.workingDirectorySearchBytes ? Self.outsideMarker : nil
    }

    /// A working directory no checkout contains: what a session whose directory cannot be
    /// known is treated as (never read).
    static let outsideMarker = "\u{0}unknown"

    /// FNV-1a of the first line (at most `headBytes`); nil without a whole first line yet.
    func headFingerprint(of reader: MetricFileReader) throws -> String? {
        let head = try reader.read(at: 0, count: Self.headBytes)
        if let newline = head.firstIndex(of: 0x0A) { return FNV1a.hex(head[..<newline]) }
        return head.count == Self.headBytes ? FNV1a.hex(head) : nil
    }

    /// FNV-1a of the `tailBytes` before `offset`.
    func tailFingerprint(of reader: MetricFileReader, upTo offset: Int64) throws -> String {
        let start = max(0, offset - Int64(Self.tailBytes))
        let bytes = try reader.read(at: start, count: Int(offset - start))
        return FNV1a.hex(bytes)
    }

    /// A Claude Code subagent's `agentType`, from its `.meta.json`.
    func subagentType(from path: String) -> String? {
        guard let data = try? InputFile.read(path, limit: 1 << 20),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        else { return nil }
        return (object["agentType"] ?? object["agent_type"] ?? object["subagent_type"]) as? String
    }

    func save(_ state: UsageFileState, batch: inout TransactionBatch) throws {
        try batch.write(units: 0) { db in try ReportStore.saveUsageFileState(state, at: context.now, in: db) }
    }
}

// MARK: - Reading

extension UsageIngestRun {
    /// Reads a prepared file on to its last whole line, one savepoint of `batch` per chunk.
    func read(_ prepared: Prepared, display: String, batch: inout TransactionBatch) throws {
        var state = prepared.state
        let reader = try MetricFileReader(path: prepared.file.path, chunkSize: source.chunkSize)
        if reader.size < state.offset { return }  // shrank since it was looked at: next run
        var decoder = SessionLogChunkDecoder(run: self, state: state, checkout: prepared.checkout, display: display)
        var mustSave = prepared.mustSave
        var readAny = false
        while true {
            let chunk = try reader.nextChunk(from: state.offset)
            var bytes: [UInt8] = []
            let end: Int64
            switch chunk {
            case .end:
                end = -1
            case .overlongLine(let lineEnd):
                decoder.problem(
                    line: state.linesRead + 1, column: 1, "line longer than \(reader.chunkSize) bytes; skipped")
                end = lineEnd
            case .lines(let lines, let lineEnd):
                bytes = lines
                end = lineEnd
            }
            guard end >= 0 || mustSave else { break }
            try batch.write(units: bytes.count) { db in
                let writer = try UsageRequestWriter(db, now: context.now)
                if end >= 0 {
                    let firstLine = state.linesRead + 1
                    let lines = try bytes.withUnsafeBufferPointer { buffer in
                        try decoder.decode(buffer, firstLine: firstLine, isStart: state.offset == 0, writer: writer)
                    }
                    state.offset = end
                    state.linesRead += max(lines, chunk.isOverlong ? 1 : 0)
                    state.tailFingerprint = try tailFingerprint(of: reader, upTo: end)
                }
                state.size = reader.size
                state.context = decoder.state.context
                try ReportStore.saveUsageFileState(state, at: context.now, in: db)
            }
            decoder.flushDiagnostics()
            mustSave = false
            readAny = readAny || end >= 0
            if end < 0 { break }
        }
        if readAny { totals.filesRead += 1 }
        decoder.finish()
    }

    /// The bytes of a line without a trailing CR and, on a file's first line, a UTF-8 BOM.
    static func trimmed(_ line: UnsafeBufferPointer<UInt8>, first: Bool) -> UnsafeBufferPointer<UInt8> {
        var start = 0
        var end = line.count
        if first, end >= 3, line[0] == 0xEF, line[1] == 0xBB, line[2] == 0xBF { start = 3 }
        if end > start, line[end - 1] == 0x0D { end -= 1 }
        return UnsafeBufferPointer(rebasing: line[start..<end])
    }
}

private extension MetricFileReader.Chunk {
    var isOverlong: Bool {
        if case .overlongLine = self { return true }
        return false
    }
}

/// The progress line of a usage ingest on a terminal: files looked at so far, every 50
/// files (a line per file would cost more than a small file's reading).
private struct UsageProgress {
    let files: Int
    let console: Console
    private var done = 0
    private var rolloutsLeft = 0

    init(files: Int, console: Console) {
        self.files = files
        self.console = console
    }

    /// After the files come the Codex rollouts kept for the end, read in fork order.
    mutating func rollouts(_ count: Int) {
        rolloutsLeft = count
        done = 0
    }

    mutating func step() {
        done += 1
        guard done % 50 == 0 else { return }
        if rolloutsLeft > 0 {
            console.progress("ingest session logs: Codex rollouts \(done)/\(rolloutsLeft)")
        } else {
            console.progress("ingest session logs: \(done)/\(files) files")
        }
    }
}
