/// What `agentreport demo` generates: team size, span, seed, the end of the history and the
/// sample cadence. Validated by `validate()` before anything is written.
public struct DemoOptions: Sendable, Equatable {
    /// Number of agents (1…`maxAgents`).
    public var agents: Int
    /// Days of metric samples before `end` (1…`maxDays`).
    public var days: Int
    /// The seed (at least 1): same seed (and options), byte-identical workspace.
    public var seed: UInt64
    /// The end of the generated history, in seconds since 1970 (a whole minute). Never the
    /// clock: the default is a fixed day so that the files do not depend on when they were made.
    public var end: Int64
    /// Seconds between two samples of an agent and of system health (RAG: five times that).
    public var cadence: Int
    /// Whether to place input faults too (a truncated metrics line, rejected by the build
    /// with exit status 3): off by default, so a first build succeeds.
    public var faults: Bool

    /// A fixed end of the history, 2026-06-01T00:00:00Z (a Monday): the default of the
    /// library (tests); the command line's default is `today(now:)`.
    public static let defaultEnd: Int64 = 1_780_272_000

    /// The start (00:00 UTC) of the day of `now`: the command line's default end, so that a
    /// plain `build` reports on fresh data and the same seed gives the same workspace all day.
    public static func today(now: Int64) -> Int64 {
        Figures.day(now) * 86_400
    }
    /// Largest team `demo` generates (agent ids stay within 20 characters).
    public static let maxAgents = 200
    /// Longest history `demo` generates (ten years).
    public static let maxDays = 3650
    /// The board and git history span at least five weeks, so that the weekly-velocity rule
    /// has its four-week baseline even for a short `--days`.
    public static let minimumHistoryDays = 35

    /// Options with the documented defaults (3 agents, 7 days, seed 1, one-minute cadence).
    public init(
        agents: Int = 3, days: Int = 7, seed: UInt64 = 1, end: Int64 = DemoOptions.defaultEnd, cadence: Int = 60,
        faults: Bool = false
    ) {
        self.agents = agents
        self.days = days
        self.seed = seed
        self.end = end
        self.cadence = cadence
        self.faults = faults
    }

    /// Days of board and git history: `days`, but at least `minimumHistoryDays`.
    public var historyDays: Int { max(days, Self.minimumHistoryDays) }

    /// The first second of the board and git history.
    public var historyStart: Int64 { end - Int64(historyDays) * 86_400 }

    /// The first metric sample's time.
    public var metricsStart: Int64 { end - Int64(days) * 86_400 }

    /// Throws a `DemoError.invalidOption` naming the first option out of range.
    public func validate() throws {
        guard (1...Self.maxAgents).contains(agents) else {
            throw DemoError.invalidOption("--agents must be between 1 and \(Self.maxAgents), not \(agents)")
        }
        guard (1...Self.maxDays).contains(days) else {
            throw DemoError.invalidOption("--days must be between 1 and \(Self.maxDays), not \(days)")
        }
        guard seed >= 1 else {
            throw DemoError.invalidOption("--seed must be at least 1")
        }
        guard (10...86_400).contains(cadence), 86_400 % cadence == 0 else {
            throw DemoError.invalidOption(
                "--cadence must divide a day and lie between 10 and 86400 seconds, not \(cadence)")
        }
        guard end % 60 == 0, end > Int64(Self.maxDays + Self.minimumHistoryDays) * 86_400 else {
            throw DemoError.invalidOption("--end must be a whole minute after 1980")
        }
    }
}
