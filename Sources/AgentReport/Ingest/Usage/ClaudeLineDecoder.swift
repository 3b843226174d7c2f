/// Reads what usage needs from one line of a Claude Code transcript
/// (`~/.claude/projects/<encoded cwd>/<sessionId>.jsonl`, docs/usage.md).
///
/// Every line has `type`, `uuid`, `timestamp`, `sessionId`, `cwd`, `gitBranch`,
/// `isSidechain`, `version`. Usage is on `type: "assistant"` lines: `message.id`,
/// `message.model`, `message.usage.{input_tokens, output_tokens, cache_creation_input_tokens,
/// cache_read_input_tokens, cache_creation.{ephemeral_5m_input_tokens,
/// ephemeral_1h_input_tokens}, speed}`, the top-level `requestId`, and `message.content[]`
/// with the `tool_use` items. `user` lines carry `tool_result` items with `is_error`. What
/// is never counted: any other line type (a `progress` line's nested `agent_progress` copy of
/// a message, a `user` line's `toolUseResult.usage`), and Claude Code's own `<synthetic>`
/// error messages.
enum ClaudeLineDecoder {
    /// What a line holds for usage.
    enum Line: Equatable {
        /// An assistant line with usage: one line of a response.
        case response(Response)
        /// A user line whose tool results include errors: the failed calls' `tool_use_id`s.
        case toolErrors([String])
        /// Anything else.
        case ignored
    }

    /// One assistant line's usage.
    struct Response: Equatable {
        var messageId: String
        var requestId: String?
        var sessionId: String?
        var timestamp: Int64?
        var cwd: String?
        var branch: String?
        var isSidechain = false
        var model: String?
        var tokens = TokenCounts()
        var fast = false
        var toolUses: [UsageRequest.ToolUse] = []
    }

    /// The byte pre-filter: only lines holding one of these strings can matter, and only
    /// they are parsed (most of a transcript's bytes are tool results and text).
    static func mayMatter(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        ByteSearch.hasQuoted(line, filterKeys)
    }

    /// The quoted words the pre-filter looks for.
    static let filterKeys: [StaticString] = ["usage\"", "is_error\""]

    /// Decodes one line (without its newline).
    static func decode(_ line: UnsafeBufferPointer<UInt8>) throws(JSONLineScanner.Failure) -> Line {
        let scanner = JSONLineScanner(line)
        var type: LineType = .other
        var response = Response(messageId: "")
        var message: Message?
        try scanner.forEachMember(ofObjectAt: 0) { (k0, k1, value) throws(JSONLineScanner.Failure) -> Int? in
            switch k1 - k0 {
            case 4 where scanner.key(k0, k1, is: "type"):
                let start = scanner.skipSpace(value)
                let end = try scanner.endOfValue(at: start)
                if scanner.key(start + 1, end - 1, is: "assistant") {
                    type = .assistant
                } else if scanner.key(start + 1, end - 1, is: "user") {
                    type = .user
                }
                return end
            case 7 where scanner.key(k0, k1, is: "message"):
                var decoded = Message()
                let end = try decodeMessage(scanner, at: value, into: &decoded)
                message = decoded
                return end
            case 9 where scanner.key(k0, k1, is: "requestId"):
                let (text, end) = try scanner.string(at: value)
                response.requestId = text
                return end
            case 9 where scanner.key(k0, k1, is: "sessionId"):
                let (text, end) = try scanner.string(at: value)
                response.sessionId = text
                return end
            case 9 where scanner.key(k0, k1, is: "timestamp"):
                let (time, end) = try scanner.time(at: value)
                response.timestamp = time
                return end
            case 3 where scanner.key(k0, k1, is: "cwd"):
                let (text, end) = try scanner.string(at: value)
                response.cwd = text
                return end
            case 9 where scanner.key(k0, k1, is: "gitBranch"):
                let (text, end) = try scanner.string(at: value)
                response.branch = text
                return end
            case 11 where scanner.key(k0, k1, is: "isSidechain"):
                let (flag, end) = try scanner.bool(at: value)
                response.isSidechain = flag ?? false
                return end
            default:
                return nil
            }
        }
        guard let message else { return .ignored }
        switch type {
        case .assistant:
            guard let id = message.id, message.hasUsage, message.model != "<synthetic>" else { return .ignored }
            response.messageId = id
            response.model = message.model
            response.tokens = message.tokens
            response.fast = message.fast
            response.toolUses = message.toolUses
            return .response(response)
        case .user:
            return message.failedToolUses.isEmpty ? .ignored : .toolErrors(message.failedToolUses)
        case .other:
            return .ignored
        }
    }

    /// The `cwd` of a line, when it has one (to learn a session's working directory without
    /// reading any further); nil for lines without one or that are not JSON objects.
    static func workingDirectory(of line: UnsafeBufferPointer<UInt8>) -> String? {
        guard ByteSearch.contains(line, "\"cwd\"") else { return nil }
        let scanner = JSONLineScanner(line)
        var cwd: String?
        _ = try? scanner.forEachMember(ofObjectAt: 0) { (k0, k1, value) throws(JSONLineScanner.Failure) -> Int? in
            guard scanner.key(k0, k1, is: "cwd") else { return nil }
            let (text, end) = try scanner.string(at: value)
            cwd = text
            return end
        }
        return cwd
    }
}

private extension ClaudeLineDecoder {
    enum LineType { case assistant, user, other }

    /// The parts of `message` usage reads.
    struct Message {
        var id: String?
        var model: String?
        var hasUsage = false
        var tokens = TokenCounts()
        var fast = false
        var toolUses: [UsageRequest.ToolUse] = []
        var failedToolUses: [String] = []
    }

    static func decodeMessage(
        _ scanner: JSONLineScanner, at index: Int, into message: inout Message
    ) throws(JSONLineScanner.Failure) -> Int {
        let start = scanner.skipSpace(index)
        guard scanner.byte(start) == 0x7B else { return try scanner.endOfValue(at: start) }
        return try scanner.forEachMember(ofObjectAt: start) { (k0, k1, value) throws(JSONLineScanner.Failure) -> Int? in
            if scanner.key(k0, k1, is: "id") {
                let (text, end) = try scanner.string(at: value)
                message.id = text
                return end
            }
            if scanner.key(k0, k1, is: "model") {
                let (text, end) = try scanner.string(at: value)
                message.model = text
                return end
            }
            if scanner.key(k0, k1, is: "usage") {
                let at = scanner.skipSpace(value)
                guard scanner.byte(at) == 0x7B else { return nil }
                message.hasUsage = true
                return try decodeUsage(scanner, at: at, into: &message)
            }
            if scanner.key(k0, k1, is: "content") {
                let at = scanner.skipSpace(value)
                guard scanner.byte(at) == 0x5B else { return nil }
                return try scanner.forEachElement(ofArrayAt: at) { element throws(JSONLineScanner.Failure) -> Int? in
                    try decodeContentItem(scanner, at: element, into: &message)
                }
            }
            return nil
        }
    }

    static func decodeUsage(
        _ scanner: JSONLineScanner, at index: Int, into message: inout Message
    ) throws(JSONLineScanner.Failure) -> Int {
        var cacheCreation: Int64 = 0
        var fiveMinutes: Int64?
        var oneHour: Int64?
        let end = try scanner.forEachMember(ofObjectAt: index) {
            (k0, k1, value) throws(JSONLineScanner.Failure) -> Int? in
            if scanner.key(k0, k1, is: "input_tokens") {
                let (n, end) = try scanner.int64(at: value)
                message.tokens.input = max(0, n ?? 0)
                return end
            }
            if scanner.key(k0, k1, is: "output_tokens") {
                let (n, end) = try scanner.int64(at: value)
                message.tokens.output = max(0, n ?? 0)
                return end
            }
            if scanner.key(k0, k1, is: "cache_creation_input_tokens") {
                let (n, end) = try scanner.int64(at: value)
                cacheCreation = max(0, n ?? 0)
                return end
            }
            if scanner.key(k0, k1, is: "cache_read_input_tokens") {
                let (n, end) = try scanner.int64(at: value)
                message.tokens.cacheRead = max(0, n ?? 0)
                return end
            }
            if scanner.key(k0, k1, is: "speed") {
                let (isFast, end) = try scanner.stringEquals(at: value, "fast")
                message.fast = isFast
                return end
            }
            if scanner.key(k0, k1, is: "cache_creation") {
                let at = scanner.skipSpace(value)
                guard scanner.byte(at) == 0x7B else { return nil }
                return try scanner.forEachMember(ofObjectAt: at) {
                    (c0, c1, inner) throws(JSONLineScanner.Failure) -> Int? in
                    if scanner.key(c0, c1, is: "ephemeral_5m_input_tokens") {
                        let (n, end) = try scanner.int64(at: inner)
                        fiveMinutes = n.map { max(0, $0) }
                        return end
                    }
                    if scanner.key(c0, c1, is: "ephemeral_1h_input_tokens") {
                        let (n, end) = try scanner.int64(at: inner)
                        oneHour = n.map { max(0, $0) }
                        return end
                    }
                    return nil
                }
            }
            return nil
        }
        // The split by lifetime when given; what it leaves of the total is a 5-minute write
        // (Claude Code's default lifetime), and so is all of it without a split.
        message.tokens.cacheWrite1h = oneHour ?? 0
        message.tokens.cacheWrite5m = (fiveMinutes ?? 0) + max(0, cacheCreation - (fiveMinutes ?? 0) - (oneHour ?? 0))
        return end
    }

    static func decodeContentItem(
        _ scanner: JSONLineScanner, at index: Int, into message: inout Message
    ) throws(JSONLineScanner.Failure) -> Int? {
        let start = scanner.skipSpace(index)
        guard scanner.byte(start) == 0x7B else { return nil }
        var kind = 0  // 1 tool_use, 2 tool_result
        var id: String?
        var name: String?
        var isError = false
        let end = try scanner.forEachMember(ofObjectAt: start) {
            (k0, k1, value) throws(JSONLineScanner.Failure) -> Int? in
            if scanner.key(k0, k1, is: "type") {
                let at = scanner.skipSpace(value)
                let end = try scanner.endOfValue(at: at)
                if scanner.key(at + 1, end - 1, is: "tool_use") {
                    kind = 1
                } else if scanner.key(at + 1, end - 1, is: "tool_result") {
                    kind = 2
                }
                return end
            }
            if scanner.key(k0, k1, is: "id") || scanner.key(k0, k1, is: "tool_use_id") {
                let (text, end) = try scanner.string(at: value)
                id = text
                return end
            }
            if scanner.key(k0, k1, is: "name") {
                let (text, end) = try scanner.string(at: value)
                name = text
                return end
            }
            if scanner.key(k0, k1, is: "is_error") {
                let (flag, end) = try scanner.bool(at: value)
                isError = flag ?? false
                return end
            }
            return nil
        }
        if kind == 1, let id {
            message.toolUses.append(UsageRequest.ToolUse(id: id, name: name ?? "unknown"))
        } else if kind == 2, isError, let id {
            message.failedToolUses.append(id)
        }
        return end
    }
}
