/// Reads what usage needs from one line of a Codex rollout
/// (`$CODEX_HOME/sessions/YYYY/MM/DD/rollout-*.jsonl`, docs/usage.md).
///
/// Lines are `{timestamp, type, payload}`: `session_meta` (`id`, `cwd`, `source`,
/// `forked_from_id`, `git.{branch, commit_hash}`), `turn_context` (`model`, `cwd`),
/// `event_msg` with `payload.type = "token_count"` (`info.total_token_usage` — cumulative —
/// and `info.last_token_usage`, each `{input_tokens, cached_input_tokens, output_tokens,
/// reasoning_output_tokens, total_tokens}`; `info` may be null), and `response_item`s, of
/// which the tool calls (`function_call`, `custom_tool_call`, `local_shell_call`) are read.
enum CodexLineDecoder {
    /// What a line holds for usage.
    enum Line: Equatable {
        /// The session's metadata (the first line; a fork repeats its parent's after its own).
        case sessionMeta(SessionMeta)
        /// A turn's settings.
        case turnContext(model: String?, cwd: String?)
        /// A token count: the cumulative and the last turn's usage, each as
        /// `[input, cached input, output, reasoning output, total]`; nil when `info` is null.
        case tokenCount(time: Int64?, total: [Int64]?, last: [Int64]?)
        /// A tool call.
        case toolCall(id: String?, name: String)
        /// Anything else.
        case ignored
    }

    /// A `session_meta` payload.
    struct SessionMeta: Equatable {
        var id: String?
        var time: Int64?
        var cwd: String?
        var branch: String?
        /// `forked_from_id`, else a subagent thread's `source.subagent.thread_spawn.parent_thread_id`.
        var parent: String?
    }

    /// The byte pre-filter: only lines holding one of these strings are parsed (most of a
    /// rollout's bytes are messages, reasoning and tool output).
    static func mayMatter(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        ByteSearch.hasQuoted(line, filterKeys)
    }

    /// The quoted words the pre-filter looks for.
    static let filterKeys: [StaticString] = ["token_count\"", "turn_context\"", "session_meta\"", "_call\""]

    /// Decodes one line (without its newline).
    static func decode(_ line: UnsafeBufferPointer<UInt8>) throws(JSONLineScanner.Failure) -> Line {
        let scanner = JSONLineScanner(line)
        var type = ""
        var time: Int64?
        var payload: Int?
        try scanner.forEachMember(ofObjectAt: 0) { (k0, k1, value) throws(JSONLineScanner.Failure) -> Int? in
            if scanner.key(k0, k1, is: "type") {
                let (text, end) = try scanner.string(at: value)
                type = text ?? ""
                return end
            }
            if scanner.key(k0, k1, is: "timestamp") {
                let (t, end) = try scanner.time(at: value)
                time = t
                return end
            }
            if scanner.key(k0, k1, is: "payload") {
                payload = scanner.skipSpace(value)
            }
            return nil
        }
        guard let payload, scanner.byte(payload) == 0x7B else { return .ignored }
        switch type {
        case "session_meta":
            var meta = SessionMeta(time: time)
            try decodeSessionMeta(scanner, at: payload, into: &meta)
            return .sessionMeta(meta)
        case "turn_context":
            var model: String?
            var cwd: String?
            try scanner.forEachMember(ofObjectAt: payload) { (k0, k1, value) throws(JSONLineScanner.Failure) -> Int? in
                if scanner.key(k0, k1, is: "model") {
                    let (text, end) = try scanner.string(at: value)
                    model = text
                    return end
                }
                if scanner.key(k0, k1, is: "cwd") {
                    let (text, end) = try scanner.string(at: value)
                    cwd = text
                    return end
                }
                return nil
            }
            return .turnContext(model: model, cwd: cwd)
        case "event_msg":
            return try decodeEvent(scanner, at: payload, time: time)
        case "response_item":
            return try decodeResponseItem(scanner, at: payload)
        default:
            return .ignored
        }
    }
}

private extension CodexLineDecoder {
    static func decodeSessionMeta(
        _ scanner: JSONLineScanner, at index: Int, into meta: inout SessionMeta
    ) throws(JSONLineScanner.Failure) {
        var spawnParent: String?
        try scanner.forEachMember(ofObjectAt: index) { (k0, k1, value) throws(JSONLineScanner.Failure) -> Int? in
            if scanner.key(k0, k1, is: "id") {
                let (text, end) = try scanner.string(at: value)
                meta.id = text
                return end
            }
            if scanner.key(k0, k1, is: "cwd") {
                let (text, end) = try scanner.string(at: value)
                meta.cwd = text
                return end
            }
            if scanner.key(k0, k1, is: "forked_from_id") {
                let (text, end) = try scanner.string(at: value)
                meta.parent = text ?? meta.parent
                return end
            }
            if scanner.key(k0, k1, is: "git") {
                let at = scanner.skipSpace(value)
                guard scanner.byte(at) == 0x7B else { return nil }
                return try scanner.forEachMember(ofObjectAt: at) {
                    (g0, g1, inner) throws(JSONLineScanner.Failure) -> Int? in
                    guard scanner.key(g0, g1, is: "branch") else { return nil }
                    let (text, end) = try scanner.string(at: inner)
                    meta.branch = text
                    return end
                }
            }
            if scanner.key(k0, k1, is: "source") {
                let at = scanner.skipSpace(value)
                guard scanner.byte(at) == 0x7B else { return nil }
                return try parentThread(scanner, at: at, found: &spawnParent)
            }
            return nil
        }
        if meta.parent == nil { meta.parent = spawnParent }
    }

    /// `parent_thread_id` anywhere inside `source` (`{"subagent": {"thread_spawn": {…}}}`).
    static func parentThread(
        _ scanner: JSONLineScanner, at index: Int, found: inout String?
    ) throws(JSONLineScanner.Failure) -> Int {
        try scanner.forEachMember(ofObjectAt: index) { (k0, k1, value) throws(JSONLineScanner.Failure) -> Int? in
            if scanner.key(k0, k1, is: "parent_thread_id") {
                let (text, end) = try scanner.string(at: value)
                found = text
                return end
            }
            let at = scanner.skipSpace(value)
            guard scanner.byte(at) == 0x7B else { return nil }
            return try parentThread(scanner, at: at, found: &found)
        }
    }

    static func decodeEvent(_ scanner: JSONLineScanner, at index: Int, time: Int64?) throws(JSONLineScanner.Failure)
        -> Line
    {
        var isTokenCount = false
        var total: [Int64]?
        var last: [Int64]?
        try scanner.forEachMember(ofObjectAt: index) { (k0, k1, value) throws(JSONLineScanner.Failure) -> Int? in
            if scanner.key(k0, k1, is: "type") {
                let (matches, end) = try scanner.stringEquals(at: value, "token_count")
                isTokenCount = matches
                return end
            }
            if scanner.key(k0, k1, is: "info") {
                let at = scanner.skipSpace(value)
                guard scanner.byte(at) == 0x7B else { return nil }
                return try scanner.forEachMember(ofObjectAt: at) {
                    (i0, i1, inner) throws(JSONLineScanner.Failure) -> Int? in
                    if scanner.key(i0, i1, is: "total_token_usage") {
                        let (counts, end) = try tokenUsage(scanner, at: inner)
                        total = counts
                        return end
                    }
                    if scanner.key(i0, i1, is: "last_token_usage") {
                        let (counts, end) = try tokenUsage(scanner, at: inner)
                        last = counts
                        return end
                    }
                    return nil
                }
            }
            return nil
        }
        return isTokenCount ? .tokenCount(time: time, total: total, last: last) : .ignored
    }

    /// `{input_tokens, cached_input_tokens, output_tokens, reasoning_output_tokens, total_tokens}`
    /// as five numbers in that order (missing ones 0); nil when it is not an object.
    static func tokenUsage(_ scanner: JSONLineScanner, at index: Int) throws(JSONLineScanner.Failure) -> ([Int64]?, Int)
    {
        let at = scanner.skipSpace(index)
        guard scanner.byte(at) == 0x7B else { return (nil, try scanner.endOfValue(at: at)) }
        var counts: [Int64] = [0, 0, 0, 0, 0]
        let end = try scanner.forEachMember(ofObjectAt: at) { (k0, k1, value) throws(JSONLineScanner.Failure) -> Int? in
            let slot: Int
            if scanner.key(k0, k1, is: "input_tokens") {
                slot = 0
            } else if scanner.key(k0, k1, is: "cached_input_tokens") {
                slot = 1
            } else if scanner.key(k0, k1, is: "output_tokens") {
                slot = 2
            } else if scanner.key(k0, k1, is: "reasoning_output_tokens") {
                slot = 3
            } else if scanner.key(k0, k1, is: "total_tokens") {
                slot = 4
            } else {
                return nil
            }
            let (n, end) = try scanner.int64(at: value)
            counts[slot] = max(0, n ?? 0)
            return end
        }
        return (counts, end)
    }

    static func decodeResponseItem(_ scanner: JSONLineScanner, at index: Int) throws(JSONLineScanner.Failure) -> Line {
        var kind: String?
        var name: String?
        var id: String?
        try scanner.forEachMember(ofObjectAt: index) { (k0, k1, value) throws(JSONLineScanner.Failure) -> Int? in
            if scanner.key(k0, k1, is: "type") {
                let (text, end) = try scanner.string(at: value)
                kind = text
                return end
            }
            if scanner.key(k0, k1, is: "name") {
                let (text, end) = try scanner.string(at: value)
                name = text
                return end
            }
            if scanner.key(k0, k1, is: "call_id") {
                let (text, end) = try scanner.string(at: value)
                id = text
                return end
            }
            return nil
        }
        switch kind {
        case "function_call", "custom_tool_call": return .toolCall(id: id, name: name ?? "unknown")
        case "local_shell_call": return .toolCall(id: id, name: name ?? "local_shell")
        default: return .ignored
        }
    }
}
