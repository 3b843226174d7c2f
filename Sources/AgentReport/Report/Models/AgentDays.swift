import Foundation

/// One agent's samples per day over a window: from the daily aggregates, and from the
/// detail samples for the days that have samples retention has not aggregated yet.
struct AgentDays {
    /// One day of one agent.
    struct Day {
        var avgCPU: Double?
        var avgMemory: Double?
        var samples: Int
        /// Share of the day's observed time (or samples) per status, in percent.
        var statusShare: [String: Double]
        var fromAggregate: Bool
    }

    /// The agent statuses of the seed, in chart order.
    static let statuses = ["active", "idle", "blocked", "error", "offline"]
    /// Palette index of each agent status.
    static let colours = ["active": 2, "idle": 5, "blocked": 1, "error": 3, "offline": 6]

    let firstDay: Int64
    let count: Int
    let days: [Int64: Day]

    /// One day of the daily aggregates (`agent_metrics_daily`).
    struct Aggregate {
        var agentId: String
        /// `YYYY-MM-DD`.
        var date: String
        var avgCPU: Double?
        var avgMemory: Double?
        var samples: Int
        /// Minutes per status, in the order of `statuses`.
        var statusMinutes: [Double]
    }

    /// Every agent's `count` days ending with the day of `now`, by agent id: the daily
    /// aggregates, replaced by the sums of detail samples for a day some of whose samples
    /// were not aggregated yet (late samples, or no `retain` since they arrived).
    static func all(aggregates: [Aggregate], pending: [String: [Int64: DaySums]], count: Int, now: Int64) -> [String:
        AgentDays]
    {
        let count = max(count, 1)
        let firstDay = Figures.day(now) - Int64(count) + 1
        var byAgent: [String: [Int64: Day]] = [:]
        for aggregate in aggregates {
            guard let seconds = UTCTime.parse(aggregate.date) else { continue }
            byAgent[aggregate.agentId, default: [:]][Figures.day(seconds)] = Day(
                avgCPU: aggregate.avgCPU, avgMemory: aggregate.avgMemory, samples: aggregate.samples,
                statusShare: shares(statuses, aggregate.statusMinutes), fromAggregate: true)
        }
        for (agent, days) in pending {
            for (day, sums) in days {
                byAgent[agent, default: [:]][day] = Day(
                    avgCPU: sums.cpuCount > 0 ? sums.cpu / Double(sums.cpuCount) : nil,
                    avgMemory: sums.memoryCount > 0 ? sums.memory / Double(sums.memoryCount) : nil,
                    samples: sums.samples, statusShare: shares(statuses, sums.statusCounts), fromAggregate: false)
            }
        }
        return byAgent.mapValues { AgentDays(firstDay: firstDay, count: count, days: $0) }
    }

    /// Sums of one agent's detail samples of one day.
    struct DaySums {
        var cpu = 0.0
        var cpuCount = 0
        var memory = 0.0
        var memoryCount = 0
        var samples = 0
        /// Samples per status, in the order of `statuses`.
        var statusCounts = [Double](repeating: 0, count: 5)
    }

    /// An agent with no samples in the window.
    static func empty(count: Int, now: Int64) -> AgentDays {
        let count = max(count, 1)
        return AgentDays(firstDay: Figures.day(now) - Int64(count) + 1, count: count, days: [:])
    }

    /// The day numbers of the window, oldest first.
    var window: [Int64] { Array(firstDay...(firstDay + Int64(count) - 1)) }

    static func shares(_ names: [String], _ amounts: [Double]) -> [String: Double] {
        let total = amounts.reduce(0, +)
        guard total > 0 else { return [:] }
        return Dictionary(uniqueKeysWithValues: zip(names, amounts.map { $0 * 100 / total }))
    }
}
