import Foundation

extension ReportConfig {
    /// Where the agents' own session logs are, how long their per-request detail is kept,
    /// and the prices that replace the embedded table (config key `usage`, docs/usage.md).
    public struct Usage: Sendable, Equatable {
        /// Claude Code `projects` folders (`usage.claude`), as written; nil: the defaults of
        /// `SessionLogLocations` (`$CLAUDE_CONFIG_DIR`, `~/.claude`, `~/.config/claude`).
        public var claude: [String]?
        /// Codex session folders (`usage.codex`: `sessions/` and `archived_sessions/` folders,
        /// or a `$CODEX_HOME` holding them), as written; nil: the defaults.
        public var codex: [String]?
        /// Days of per-request detail kept (`usage_requests`); the daily aggregates per agent
        /// and model are kept for good.
        public var retainDays: Int = 90
        /// Prices that replace the embedded table's entry of a model, by model name.
        public var prices: [String: ModelPrice] = [:]

        /// The defaults: the tools' own log folders, 90 days of detail, the embedded prices.
        public init() {}
    }
}

extension ConfigLoader {
    /// Parses the `usage` object: `claude` and `codex` folder lists, `retainDays`, `prices`
    /// (model → LiteLLM-named per-token prices). Unknown keys are errors, as everywhere.
    static func parseUsage(_ reader: ObjectReader, file: String) throws -> ReportConfig.Usage {
        try reader.allow(["claude", "codex", "retainDays", "prices"])
        var usage = ReportConfig.Usage()
        usage.claude = try reader.strings("claude")
        usage.codex = try reader.strings("codex")
        if let days = try reader.positiveInt("retainDays") { usage.retainDays = days }
        if let prices = try reader.object("prices") {
            for model in prices.dictionary.keys.sorted() {
                guard let entry = try prices.object(model) else { continue }
                usage.prices[model] = try ModelPrice(entry, file: file)
            }
        }
        return usage
    }
}
