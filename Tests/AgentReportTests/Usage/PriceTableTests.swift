import Foundation
import Testing

@testable import AgentReport

/// The price arithmetic of issue 16: every token class, the above-200k tier, the fast
/// multiplier, an unpriced model (cost unknown, never 0). Prices are written here, so the
/// expected costs can be checked by hand.
@Suite struct PriceTableTests {
    /// A made-up model priced in round numbers (dollars per token).
    static let price = ModelPrice(
        input: 3e-6, output: 15e-6, cacheWrite5m: 3.75e-6, cacheWrite1h: 6e-6, cacheRead: 0.3e-6,
        inputAbove200k: 6e-6, outputAbove200k: 22.5e-6, cacheWrite5mAbove200k: 7.5e-6, cacheWrite1hAbove200k: 12e-6,
        cacheReadAbove200k: 0.6e-6, fastMultiplier: 2)
    static let table = PriceTable(prices: ["test-model": price, "plain-model": ModelPrice(input: 1e-6, output: 2e-6)])

    @Test func everyTokenClassIsPricedAtItsOwnRate() throws {
        let tokens = TokenCounts(input: 1000, output: 2000, cacheWrite5m: 3000, cacheWrite1h: 4000, cacheRead: 5000)
        let cost = try #require(Self.table.cost(of: tokens, model: "test-model"))
        // 1000·3 + 2000·15 + 3000·3.75 + 4000·6 + 5000·0.3 = 3000 + 30000 + 11250 + 24000 + 1500 µ$
        #expect(abs(cost - 0.06975) < 1e-12)
    }

    @Test func aboveTwoHundredThousandInputTokensEveryClassTakesTheLongContextPrice() throws {
        let below = TokenCounts(input: 100_000, output: 1000, cacheRead: 100_000)
        let above = TokenCounts(input: 100_001, output: 1000, cacheRead: 100_000)
        let cheap = try #require(Self.table.cost(of: below, model: "test-model"))
        let dear = try #require(Self.table.cost(of: above, model: "test-model"))
        #expect(abs(cheap - (100_000 * 3e-6 + 1000 * 15e-6 + 100_000 * 0.3e-6)) < 1e-12)
        // The output counts at its long-context price too, though it is not input.
        #expect(abs(dear - (100_001 * 6e-6 + 1000 * 22.5e-6 + 100_000 * 0.6e-6)) < 1e-12)
    }

    @Test func cacheWritesCountTowardTheTwoHundredThousandThreshold() throws {
        let tokens = TokenCounts(input: 10, cacheWrite5m: 150_000, cacheWrite1h: 50_000)
        let cost = try #require(Self.table.cost(of: tokens, model: "test-model"))
        #expect(abs(cost - (10 * 6e-6 + 150_000 * 7.5e-6 + 50_000 * 12e-6)) < 1e-12)
    }

    @Test func fastModeMultipliesTheWholeCost() throws {
        let tokens = TokenCounts(input: 1000, output: 1000)
        let standard = try #require(Self.table.cost(of: tokens, model: "test-model"))
        let fast = try #require(Self.table.cost(of: tokens, model: "test-model", fast: true))
        #expect(abs(fast - 2 * standard) < 1e-15)
        // A model without a fast multiplier: the fast request's cost is unknown, not a guess.
        #expect(Self.table.cost(of: tokens, model: "plain-model", fast: true) == nil)
    }

    @Test func anUnpricedModelHasAnUnknownCostNeverZero() {
        #expect(Self.table.cost(of: TokenCounts(input: 1), model: "no-such-model") == nil)
        #expect(Self.table.cost(of: TokenCounts(), model: "no-such-model") == nil)
    }

    @Test func tokensOfAClassWithoutAPriceMakeTheCostUnknown() throws {
        #expect(Self.table.cost(of: TokenCounts(input: 5, cacheRead: 10), model: "plain-model") == nil)
        // Zero tokens of the unpriced class: nothing is missing.
        #expect(abs(try #require(Self.table.cost(of: TokenCounts(input: 5), model: "plain-model")) - 5e-6) < 1e-18)
    }

    @Test func datedAndPrefixedModelNamesFindTheirPrice() {
        #expect(Self.table.price(of: "test-model-20250929") == Self.price)
        #expect(Self.table.price(of: "anthropic/test-model") == Self.price)
        #expect(Self.table.price(of: "test-model[1m]") == Self.price)
        #expect(Self.table.price(of: "plain-model-2025-08-07") != nil)
        #expect(Self.table.price(of: "test-modelx") == nil)
    }

    @Test func embeddedTableIsDatedAndPricesTheCurrentClaudeAndCodexModels() throws {
        let table = PriceTable()
        #expect(UTCTime.parse(PriceTable.embeddedDate) != nil)
        let sonnet = try #require(table.price(of: "claude-sonnet-4-5-20250929"))
        #expect(sonnet.input == 3e-6 && sonnet.output == 15e-6 && sonnet.cacheRead == 0.3e-6)
        #expect(table.price(of: "gpt-5-codex")?.cacheRead == 1.25e-7)
        // Sonnet 4 carries the long-context tier; one-hour cache writes follow Anthropic's 2× rule.
        let sonnet4 = try #require(table.price(of: "claude-sonnet-4-20250514"))
        #expect(sonnet4.inputAbove200k == 6e-6)
        #expect(sonnet4.cacheWrite1h == 6e-6)
        #expect(table.price(of: "<synthetic>") == nil)
    }

    @Test func configPricesReplaceTheEmbeddedEntryOfTheirModel() throws {
        let config = try ConfigLoader.parse(
            Data(
                #"{"usage": {"prices": {"claude-sonnet-4-5": {"input_cost_per_token": 1e-6, "output_cost_per_token": 2e-6}, "in-house-model": {"input_cost_per_token": 0, "output_cost_per_token": 0}}}}"#
                    .utf8), file: "agentreport.json", baseDirectory: "/work/team")
        let table = PriceTable(overrides: config.usage.prices)
        // The whole entry is replaced (no cache prices left); one-hour writes follow the 2× rule.
        #expect(table.price(of: "claude-sonnet-4-5") == ModelPrice(input: 1e-6, output: 2e-6, cacheWrite1h: 2e-6))
        // A model that is really free can be priced at 0 explicitly.
        #expect(table.cost(of: TokenCounts(input: 100), model: "in-house-model") == 0)
        #expect(table.price(of: "claude-opus-4-6")?.input == 5e-6)
    }

    @Test func configPricesWithAnUnknownKeyOrNoInputPriceAreErrors() {
        #expect(throws: ConfigError.self) {
            try ConfigLoader.parse(
                Data(
                    #"{"usage": {"prices": {"m": {"input_cost_per_token": 1, "output_cost_per_token": 1, "inptu": 2}}}}"#
                        .utf8),
                file: "agentreport.json", baseDirectory: "/w")
        }
        #expect(throws: ConfigError.self) {
            try ConfigLoader.parse(
                Data(#"{"usage": {"prices": {"m": {"output_cost_per_token": 1}}}}"#.utf8), file: "agentreport.json",
                baseDirectory: "/w")
        }
    }
}
