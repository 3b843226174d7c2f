import Foundation
import GRDB

/// System health over one UTC hour: an hourly aggregate, or the detail samples of the hour.
struct HealthHour: Sendable, Equatable {
    /// `YYYY-MM-DD HH:00:00`.
    var hour: String
    var samples: Int
    /// `healthy`, `degraded` or `unhealthy`.
    var worst: String
    /// Milliseconds.
    var avgLatency: Double?
    var maxLatency: Double?
    var errors: Int
    /// Percent.
    var avgCPU: Double?
    /// Bytes.
    var avgMemory: Double?
    var avgDisk: Double?
}

extension ReportQueries {
    /// The hours from `startDate` (`YYYY-MM-DD`) on: the hourly aggregates, and the hours
    /// summed from the detail samples (which win over an aggregate of the same hour).
    func healthHours(from startDate: String) throws -> (aggregated: [HealthHour], detail: [HealthHour]) {
        func hour(_ row: Row) -> HealthHour {
            HealthHour(
                hour: row["h"] ?? "", samples: row["n"] ?? 0, worst: row["worst"] ?? "healthy",
                avgLatency: row["avg_latency"],
                maxLatency: row["max_latency"], errors: row["errors"] ?? 0, avgCPU: row["avg_cpu"],
                avgMemory: row["avg_memory"],
                avgDisk: row["avg_disk"])
        }
        let aggregated = try Row.fetchAll(
            db,
            sql: """
                SELECT hour AS h, sample_count AS n, worst_status AS worst, avg_latency, max_latency, error_count AS errors,
                       avg_cpu, avg_memory, avg_disk FROM system_health_hourly WHERE hour >= ?
                """, arguments: [startDate]
        ).map(hour)
        let detail = try Row.fetchAll(
            db,
            sql: """
                SELECT strftime('%Y-%m-%d %H:00:00', timestamp) AS h, COUNT(*) AS n,
                       CASE MAX(CASE overall_status WHEN 'unhealthy' THEN 2 WHEN 'degraded' THEN 1 ELSE 0 END)
                         WHEN 2 THEN 'unhealthy' WHEN 1 THEN 'degraded' ELSE 'healthy' END AS worst,
                       AVG(api_latency) AS avg_latency, MAX(api_latency) AS max_latency, SUM(error_count) AS errors,
                       AVG(cpu_usage) AS avg_cpu, AVG(memory_usage) AS avg_memory, AVG(disk_usage) AS avg_disk
                FROM system_health WHERE timestamp >= ? GROUP BY h
                """, arguments: [startDate]
        ).map(hour)
        return (aggregated, detail)
    }
}
