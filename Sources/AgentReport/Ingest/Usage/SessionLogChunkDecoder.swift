import Foundation

/// Turns the whole lines of one chunk of a session log into stored requests: the byte
/// pre-filter, the line decoders, deduplication within the chunk, attribution, pricing.
/// Its `state.context` carries what the next chunk (or run) needs.
struct SessionLogChunkDecoder {
    unowned let run: UsageIngestRun
    /// The file's state; `context` is updated as lines are read.
    var state: UsageFileState
    /// The checkout the session started in.
    let checkout: UsageScope.Checkout
    /// The file as diagnostics name it.
    let display: String
    private var shown: [Diagnostic] = []
    private var problems = 0
    private var firstHiddenLine: Int?

    /// A decoder for the file of `state`.
    init(run: UsageIngestRun, state: UsageFileState, checkout: UsageScope.Checkout, display: String) {
        self.run = run
        self.state = state
        self.checkout = checkout
        self.display = display
    }

    /// Decodes and writes the lines of `bytes` (whole lines, each ending in a newline); the
    /// first is line `firstLine` of the file. Returns the number of lines.
    mutating func decode(
        _ bytes: UnsafeBufferPointer<UInt8>, firstLine: Int, isStart: Bool, writer: UsageRequestWriter
    ) throws -> Int {
        guard let base = bytes.baseAddress else { return 0 }
        var pending: [UsageRequest] = []
        var index: [Int64: Int] = [:]
        var errors: [String] = []
        var position = 0
        var lineNumber = firstLine
        while position < bytes.count {
            guard let hit = memchr(base + position, 0x0A, bytes.count - position) else { break }
            let newline = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            let line = UsageIngestRun.trimmed(
                UnsafeBufferPointer(rebasing: bytes[position..<newline]), first: isStart && position == 0)
            defer {
                position = newline + 1
                lineNumber += 1
            }
            do {
                switch state.tool {
                case .claudeCode:
                    guard ClaudeLineDecoder.mayMatter(line) else { continue }
                    switch try ClaudeLineDecoder.decode(line) {
                    case .response(let response):
                        guard let request = request(from: response, line: lineNumber) else { continue }
                        if let at = index[request.key] {
                            pending[at] = Self.merged(pending[at], request)
                        } else {
                            index[request.key] = pending.count
                            pending.append(request)
                        }
                    case .toolErrors(let ids):
                        errors += ids
                    case .ignored:
                        continue
                    }
                case .codex:
                    guard CodexLineDecoder.mayMatter(line) else { continue }
                    if let request = try codexRequest(from: CodexLineDecoder.decode(line), writer: writer) {
                        pending.append(request)
                    }
                }
            } catch let failure as JSONLineScanner.Failure {
                problem(
                    line: lineNumber, column: JSONText.column(ofByte: failure.offset, in: line),
                    "line skipped, not a JSON object: \(failure.message)")
            }
        }
        // Requests first (tool calls refer to them), then the errors of their calls.
        for request in pending {
            guard try writer.write(request) else {
                run.totals.duplicates += 1
                continue
            }
            run.totals.inserted += 1
            run.totals.note(agent: request.agent, at: request.timestamp)
            if request.cost == nil { run.totals.unpriced[request.model, default: 0] += 1 }
        }
        try writer.markToolErrors(errors)
        return lineNumber - firstLine
    }

    /// Records a bad line: the first few as warnings, then only a count.
    mutating func problem(line: Int, column: Int, _ message: String) {
        problems += 1
        run.totals.badLines += 1
        if problems <= UsageSource.maxProblemsPerFile {
            shown.append(Diagnostic(.warning, file: display, line: line, column: column, message))
        } else if firstHiddenLine == nil {
            firstHiddenLine = line
        }
    }

    /// Reports the diagnostics gathered so far (after their chunk was written).
    mutating func flushDiagnostics() {
        run.context.diagnostics.report(contentsOf: shown)
        shown = []
    }

    /// Reports how many bad lines were not shown one by one.
    mutating func finish() {
        flushDiagnostics()
        guard let firstHiddenLine, problems > UsageSource.maxProblemsPerFile else { return }
        let hidden = problems - UsageSource.maxProblemsPerFile
        run.context.diagnostics.report(
            Diagnostic(
                .warning, file: display, line: firstHiddenLine,
                "\(hidden) more bad line\(hidden == 1 ? "" : "s") skipped in this session log (\(problems) in all)"))
    }
}

// MARK: - Claude Code

private extension SessionLogChunkDecoder {
    /// The request one assistant line stands for; nil when it lies outside every checkout or
    /// has no time.
    mutating func request(from response: ClaudeLineDecoder.Response, line: Int) -> UsageRequest? {
        let cwd = response.cwd ?? state.context.cwd
        let place = cwd == state.context.cwd ? checkout : cwd.flatMap(run.scope.checkout(forWorkingDirectory:))
        guard let place else {
            run.totals.linesOutside += 1
            return nil
        }
        guard let time = response.timestamp else {
            problem(line: line, column: 1, "response without a readable timestamp; skipped")
            return nil
        }
        if state.context.session == nil { state.context.session = response.sessionId }
        let attribution = run.scope.attribute(checkout: place, branch: response.branch)
        let model = response.model ?? "unknown"
        return UsageRequest(
            key: UsageKeys.claude(messageId: response.messageId, requestId: response.requestId), tool: .claudeCode,
            agent: attribution.agent, attributedBy: attribution.rule.rawValue, timestamp: time,
            sessionId: response.sessionId ?? state.context.session ?? state.fileName, model: model,
            repository: place.repository, branch: response.branch ?? place.branch,
            subagentType: state.context.subagentType, isSidechain: response.isSidechain, tokens: response.tokens,
            fast: response.fast, cost: run.cost(of: response.tokens, model: model, fast: response.fast),
            toolUses: response.toolUses)
    }

    /// Two lines of one response: the larger counts (the output grows from line to line),
    /// every tool call, the first time.
    static func merged(_ a: UsageRequest, _ b: UsageRequest) -> UsageRequest {
        var result = b.tokens.total > a.tokens.total ? b : a
        result.timestamp = min(a.timestamp, b.timestamp)
        var ids = Set(result.toolUses.map(\.id))
        for use in a.toolUses + b.toolUses where ids.insert(use.id).inserted { result.toolUses.append(use) }
        result.isSidechain = a.isSidechain && b.isSidechain
        return result
    }
}

// MARK: - Codex

private extension SessionLogChunkDecoder {
    /// The request a rollout line stands for, updating the context on the way.
    ///
    /// A `token_count` row counts only when `total_token_usage` moved (half of them repeat
    /// the previous total; `info` may be null). In a fork or a subagent's rollout, the copy
    /// of the parent's history that comes first is not counted: its rows are matched against
    /// the parent's stored rows (same cumulative totals), and rows stamped no later than the
    /// fork's own `session_meta` are the copy too (the parent may be gone or unread). The
    /// first row that is neither ends the copy.
    mutating func codexRequest(from line: CodexLineDecoder.Line, writer: UsageRequestWriter) throws -> UsageRequest? {
        switch line {
        case .sessionMeta, .ignored:
            // The first session_meta was read when the file was opened; later ones are the
            // parent's, copied.
            return nil
        case .turnContext(let model, let cwd):
            if let model { state.context.model = model }
            if let cwd { state.context.cwd = cwd }
            return nil
        case .toolCall(let id, let name):
            // Kept until the next counted row; dropped with a row found to be a copy.
            state.context.pendingTools = (state.context.pendingTools ?? []) + [name]
            state.context.pendingToolIds = (state.context.pendingToolIds ?? []) + [id ?? ""]
            return nil
        case .tokenCount(let time, let total, let last):
            guard let total else { return nil }
            let previous = state.context.totals
            guard total != previous else {
                run.totals.repeatedCodexRows += 1
                return nil
            }
            state.context.totals = total
            if state.context.replaying == true {
                if try isCopiedFromParent(total: total, time: time, writer: writer) {
                    run.totals.repeatedCodexRows += 1
                    state.context.pendingTools = nil
                    state.context.pendingToolIds = nil
                    return nil
                }
                state.context.replaying = false
            }
            guard let session = state.context.session, let time else { return nil }
            let cwd = state.context.cwd
            let place = cwd.flatMap(run.scope.checkout(forWorkingDirectory:))
            guard let place else {
                run.totals.linesOutside += 1
                return nil
            }
            let delta = last ?? zip(total, previous ?? [0, 0, 0, 0, 0]).map { max(0, $0 - $1) }
            let tokens = TokenCounts(
                input: max(0, delta[0] - delta[1]), output: delta[2], cacheRead: delta[1], reasoning: delta[3])
            let model = state.context.model ?? "unknown"
            let attribution = run.scope.attribute(checkout: place, branch: state.context.branch)
            let names = state.context.pendingTools ?? []
            let ids = state.context.pendingToolIds ?? []
            state.context.pendingTools = nil
            state.context.pendingToolIds = nil
            let key = UsageKeys.codex(session: session, totals: total)
            let uses = zip(ids, names).enumerated().map { offset, pair in
                UsageRequest.ToolUse(id: pair.0.isEmpty ? "\(key):\(offset)" : pair.0, name: pair.1)
            }
            return UsageRequest(
                key: key, tool: .codex, agent: attribution.agent, attributedBy: attribution.rule.rawValue,
                timestamp: time, sessionId: session, model: model, repository: place.repository,
                branch: state.context.branch ?? place.branch, subagentType: nil, isSidechain: false, tokens: tokens,
                fast: false, cost: run.cost(of: tokens, model: model), toolUses: uses)
        }
    }

    func isCopiedFromParent(total: [Int64], time: Int64?, writer: UsageRequestWriter) throws -> Bool {
        if let parent = state.context.forkedFrom, try writer.contains(UsageKeys.codex(session: parent, totals: total)) {
            return true
        }
        if let time, let forkTime = state.context.forkTime, time <= forkTime { return true }
        return false
    }
}
