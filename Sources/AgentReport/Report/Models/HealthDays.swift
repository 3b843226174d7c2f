import Foundation
import GRDB

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

    /// Reads `count` days ending with the day of `now`.
    init(_ db: Database, count: Int, now: Int64) throws {
        self.count = count
        firstDay = Figures.day(now) - Int64(count) + 1
        let start = Figures.date(ofDay: firstDay)
        var hours: [String: Row] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT hour AS h, sample_count AS n, worst_status AS worst, avg_latency, max_latency, error_count AS errors,
                   avg_cpu, avg_memory, avg_disk FROM system_health_hourly WHERE hour >= ?
            """, arguments: [start]) { hours[row["h"]] = row }
        for row in try Row.fetchAll(db, sql: """
            SELECT strftime('%Y-%m-%d %H:00:00', timestamp) AS h, COUNT(*) AS n,
                   CASE MAX(CASE overall_status WHEN 'unhealthy' THEN 2 WHEN 'degraded' THEN 1 ELSE 0 END)
                     WHEN 2 THEN 'unhealthy' WHEN 1 THEN 'degraded' ELSE 'healthy' END AS worst,
                   AVG(api_latency) AS avg_latency, MAX(api_latency) AS max_latency, SUM(error_count) AS errors,
                   AVG(cpu_usage) AS avg_cpu, AVG(memory_usage) AS avg_memory, AVG(disk_usage) AS avg_disk
            FROM system_health WHERE timestamp >= ? GROUP BY h
            """, arguments: [start]) { hours[row["h"]] = row }
        var days: [Int64: Day] = [:]
        for key in hours.keys.sorted() {
            guard let row = hours[key], let seconds = Figures.seconds(key) else { continue }
            let n: Int = row["n"] ?? 0
            var day = days[Figures.day(seconds)] ?? Day()
            day.samples += n
            let worst: String = row["worst"] ?? "healthy"
            if (Self.rank[worst] ?? 2) > (Self.rank[day.worst] ?? 0) { day.worst = worst }
            if let latency: Double = row["avg_latency"] { day.latencySum += latency * Double(n); day.latencyCount += n }
            if let peak: Double = row["max_latency"] { day.maxLatency = max(day.maxLatency ?? peak, peak) }
            day.errors += row["errors"] ?? 0
            if let cpu: Double = row["avg_cpu"] { day.cpuSum += cpu * Double(n); day.cpuCount += n }
            if let memory: Double = row["avg_memory"], let disk: Double = row["avg_disk"] {
                day.memorySum += memory * Double(n); day.diskSum += disk * Double(n); day.sizeCount += n
            }
            days[Figures.day(seconds)] = day
        }
        self.days = days
    }

    /// The day numbers of the window, oldest first.
    var window: [Int64] { Array(firstDay...(firstDay + Int64(count) - 1)) }
}
