import Foundation

/// System health per day over a window, from the hourly aggregates where detail samples
/// were retained away and from the detail samples where they are kept (detail wins per hour).
struct HealthDays {
    /// One day of system health.
    struct Day {
        var samples = 0
        var worst = "healthy"
        var latencySum = 0.0
        var latencyCount = 0
        var maxLatency: Double?
        var errors = 0
        var cpuSum = 0.0
        var cpuCount = 0
        var memorySum = 0.0
        var diskSum = 0.0
        var sizeCount = 0

        /// Average latency in ms.
        var avgLatency: Double? { latencyCount > 0 ? latencySum / Double(latencyCount) : nil }
        /// Average cpu in percent.
        var avgCPU: Double? { cpuCount > 0 ? cpuSum / Double(cpuCount) : nil }
    }

    static let rank = ["healthy": 0, "degraded": 1, "unhealthy": 2]

    let firstDay: Int64
    let count: Int
    let days: [Int64: Day]

    /// The `count` days ending with the day of `now`, summed from `hours` (an hour of
    /// `detail` replaces the aggregate of the same hour).
    init(aggregated: [HealthHour], detail: [HealthHour], count: Int, now: Int64) {
        self.count = count
        firstDay = Figures.day(now) - Int64(count) + 1
        var hours: [String: HealthHour] = [:]
        for hour in aggregated { hours[hour.hour] = hour }
        for hour in detail { hours[hour.hour] = hour }
        var days: [Int64: Day] = [:]
        for key in hours.keys.sorted() {
            guard let row = hours[key], let seconds = Figures.seconds(key) else { continue }
            let n = row.samples
            var day = days[Figures.day(seconds)] ?? Day()
            day.samples += n
            if (Self.rank[row.worst] ?? 2) > (Self.rank[day.worst] ?? 0) { day.worst = row.worst }
            if let latency = row.avgLatency { day.latencySum += latency * Double(n); day.latencyCount += n }
            if let peak = row.maxLatency { day.maxLatency = max(day.maxLatency ?? peak, peak) }
            day.errors += row.errors
            if let cpu = row.avgCPU { day.cpuSum += cpu * Double(n); day.cpuCount += n }
            if let memory = row.avgMemory, let disk = row.avgDisk {
                day.memorySum += memory * Double(n); day.diskSum += disk * Double(n); day.sizeCount += n
            }
            days[Figures.day(seconds)] = day
        }
        self.days = days
    }

    /// The day numbers of the window, oldest first.
    var window: [Int64] { Array(firstDay...(firstDay + Int64(count) - 1)) }
}
