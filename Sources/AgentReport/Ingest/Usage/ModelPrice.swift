/// The prices of one model in US dollars per token, under LiteLLM's field names
/// (`model_prices_and_context_window.json`, the table ccusage embeds too); nil where the
/// table gives no price.
///
/// The above-200k prices apply to every token of a request whose input (uncached, cache
/// writes and cache reads together) exceeds 200,000 tokens — Anthropic's long-context rule;
/// `fastMultiplier` (LiteLLM's `provider_specific_entry.fast`) multiplies the cost of a
/// request Claude Code marks `speed: "fast"`.
public struct ModelPrice: Sendable, Equatable {
    /// `input_cost_per_token`: uncached input.
    public var input: Double?
    /// `output_cost_per_token`: output, reasoning included.
    public var output: Double?
    /// `cache_creation_input_token_cost`: a cache write that lives 5 minutes.
    public var cacheWrite5m: Double?
    /// `cache_creation_input_token_cost_above_1hr`: a cache write that lives an hour.
    public var cacheWrite1h: Double?
    /// `cache_read_input_token_cost`: input read from the cache.
    public var cacheRead: Double?
    /// `input_cost_per_token_above_200k_tokens`.
    public var inputAbove200k: Double?
    /// `output_cost_per_token_above_200k_tokens`.
    public var outputAbove200k: Double?
    /// `cache_creation_input_token_cost_above_200k_tokens`.
    public var cacheWrite5mAbove200k: Double?
    /// `cache_creation_input_token_cost_above_1hr_above_200k_tokens`.
    public var cacheWrite1hAbove200k: Double?
    /// `cache_read_input_token_cost_above_200k_tokens`.
    public var cacheReadAbove200k: Double?
    /// `provider_specific_entry.fast`: the multiplier of fast mode.
    public var fastMultiplier: Double?

    /// A price; every field defaults to "no price".
    public init(
        input: Double? = nil, output: Double? = nil, cacheWrite5m: Double? = nil, cacheWrite1h: Double? = nil,
        cacheRead: Double? = nil, inputAbove200k: Double? = nil, outputAbove200k: Double? = nil,
        cacheWrite5mAbove200k: Double? = nil, cacheWrite1hAbove200k: Double? = nil, cacheReadAbove200k: Double? = nil,
        fastMultiplier: Double? = nil
    ) {
        self.input = input
        self.output = output
        self.cacheWrite5m = cacheWrite5m
        self.cacheWrite1h = cacheWrite1h
        self.cacheRead = cacheRead
        self.inputAbove200k = inputAbove200k
        self.outputAbove200k = outputAbove200k
        self.cacheWrite5mAbove200k = cacheWrite5mAbove200k
        self.cacheWrite1hAbove200k = cacheWrite1hAbove200k
        self.cacheReadAbove200k = cacheReadAbove200k
        self.fastMultiplier = fastMultiplier
    }

    /// The LiteLLM keys a config entry may use, and the field each sets (immutable: key
    /// paths are not `Sendable`, but this table is never written).
    nonisolated(unsafe) static let configKeys: [(key: String, field: WritableKeyPath<ModelPrice, Double?>)] = [
        ("input_cost_per_token", \.input), ("output_cost_per_token", \.output),
        ("cache_creation_input_token_cost", \.cacheWrite5m),
        ("cache_creation_input_token_cost_above_1hr", \.cacheWrite1h),
        ("cache_read_input_token_cost", \.cacheRead),
        ("input_cost_per_token_above_200k_tokens", \.inputAbove200k),
        ("output_cost_per_token_above_200k_tokens", \.outputAbove200k),
        ("cache_creation_input_token_cost_above_200k_tokens", \.cacheWrite5mAbove200k),
        ("cache_creation_input_token_cost_above_1hr_above_200k_tokens", \.cacheWrite1hAbove200k),
        ("cache_read_input_token_cost_above_200k_tokens", \.cacheReadAbove200k),
        ("fast_multiplier", \.fastMultiplier),
    ]

    /// A price from a `usage.prices` entry of the config (LiteLLM's key names, per token;
    /// `fast_multiplier` for the fast mode). Throws for an unknown key or a value that is
    /// not a non-negative number.
    init(_ reader: ObjectReader, file: String) throws {
        try reader.allow(Set(Self.configKeys.map(\.key)))
        self.init()
        for (key, field) in Self.configKeys {
            self[keyPath: field] = try reader.number(key)
        }
        guard input != nil, output != nil else {
            throw ConfigError(
                "\(file): \(reader.path) needs at least input_cost_per_token and output_cost_per_token (US dollars per token)"
            )
        }
    }
}
