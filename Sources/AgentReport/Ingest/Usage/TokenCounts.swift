/// The tokens of one request, by how they are priced.
///
/// Claude Code's `message.usage` maps one to one (`input_tokens` is uncached input; the
/// cache writes split by `cache_creation.ephemeral_5m/1h_input_tokens`, all 5-minute when
/// the split is missing). Codex's `last_token_usage` counts cached input inside
/// `input_tokens` and reasoning inside `output_tokens`: `input` is then
/// `input_tokens - cached_input_tokens`, `cacheRead` the cached part, `output` the output
/// with reasoning, `reasoning` the reasoning part (shown, not priced apart).
public struct TokenCounts: Sendable, Equatable {
    /// Uncached input tokens.
    public var input: Int64 = 0
    /// Output tokens, reasoning included.
    public var output: Int64 = 0
    /// Input written to the cache for 5 minutes.
    public var cacheWrite5m: Int64 = 0
    /// Input written to the cache for an hour.
    public var cacheWrite1h: Int64 = 0
    /// Input read from the cache.
    public var cacheRead: Int64 = 0
    /// The reasoning part of `output` (Codex); 0 when the log does not say.
    public var reasoning: Int64 = 0

    /// Counts; every class defaults to 0.
    public init(
        input: Int64 = 0, output: Int64 = 0, cacheWrite5m: Int64 = 0, cacheWrite1h: Int64 = 0, cacheRead: Int64 = 0,
        reasoning: Int64 = 0
    ) {
        self.input = input
        self.output = output
        self.cacheWrite5m = cacheWrite5m
        self.cacheWrite1h = cacheWrite1h
        self.cacheRead = cacheRead
        self.reasoning = reasoning
    }

    /// Every input token: uncached, cache writes and cache reads (what the 200k tier looks at).
    public var promptTokens: Int64 { input + cacheWrite5m + cacheWrite1h + cacheRead }

    /// Every token of the request, input of all kinds and output.
    public var total: Int64 { promptTokens + output }
}
