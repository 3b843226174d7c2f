extension Rollup {
    /// System-health statuses from best to worst; any other value ranks as `degraded`.
    static let healthRanking = ["healthy", "degraded", "unhealthy"]

    /// `system_health` → `system_health_hourly`, one row per UTC hour.
    ///
    /// `worst_status` is the worst status of the hour (a status agentreport does not know
    /// counts as `degraded`); `error_count` is the sum of the samples' error counts;
    /// `avg_memory` and `avg_disk` average the samples' `memory_usage` and `disk_usage`.
    static let healthHourly = Rollup(
        detailTable: "system_health",
        aggregateTable: "system_health_hourly",
        bucketColumn: "hour",
        keys: [],
        bucketSeconds: 3_600,
        bucketExpression: "substr(timestamp, 1, 13) || ':00:00'",
        statsSQL: """
            SELECT :label AS hour, COUNT(*) AS sample_count,
                   CASE MAX(CASE overall_status WHEN 'healthy' THEN 0 WHEN 'degraded' THEN 1
                                                WHEN 'unhealthy' THEN 2 ELSE 1 END)
                        WHEN 0 THEN 'healthy' WHEN 1 THEN 'degraded' WHEN 2 THEN 'unhealthy' END AS worst_status,
                   TOTAL(overall_status = 'healthy') AS healthy_samples,
                   TOTAL(overall_status = 'degraded') AS degraded_samples,
                   TOTAL(overall_status = 'unhealthy') AS unhealthy_samples,
                   AVG(api_latency) AS avg_latency, MAX(api_latency) AS max_latency,
                   TOTAL(error_count) AS error_count,
                   AVG(cpu_usage) AS avg_cpu, AVG(memory_usage) AS avg_memory, AVG(disk_usage) AS avg_disk,
                   MIN(timestamp) AS first_sample, MAX(timestamp) AS last_sample,
                   TOTAL(api_latency) AS latency_sum, COUNT(api_latency) AS latency_samples,
                   TOTAL(cpu_usage) AS cpu_sum, COUNT(cpu_usage) AS cpu_samples,
                   TOTAL(memory_usage) AS memory_sum, COUNT(memory_usage) AS memory_samples,
                   TOTAL(disk_usage) AS disk_sum, COUNT(disk_usage) AS disk_samples,
                   :now AS aggregated_at
            FROM system_health
            WHERE timestamp >= :from AND timestamp < :to
            """,
        columns: [
            Column(name: "hour", merge: .replace),
            Column(name: "sample_count", merge: .sum),
            Column(name: "worst_status", merge: .worst(ranking: healthRanking, fallback: 1)),
            Column(name: "healthy_samples", merge: .sum),
            Column(name: "degraded_samples", merge: .sum),
            Column(name: "unhealthy_samples", merge: .sum),
            Column(name: "avg_latency", merge: .average(sum: "latency_sum", count: "latency_samples")),
            Column(name: "max_latency", merge: .maximum),
            Column(name: "error_count", merge: .sum),
            Column(name: "avg_cpu", merge: .average(sum: "cpu_sum", count: "cpu_samples")),
            Column(name: "avg_memory", merge: .average(sum: "memory_sum", count: "memory_samples")),
            Column(name: "avg_disk", merge: .average(sum: "disk_sum", count: "disk_samples")),
            Column(name: "first_sample", merge: .minimum),
            Column(name: "last_sample", merge: .maximum),
            Column(name: "latency_sum", merge: .sum),
            Column(name: "latency_samples", merge: .sum),
            Column(name: "cpu_sum", merge: .sum),
            Column(name: "cpu_samples", merge: .sum),
            Column(name: "memory_sum", merge: .sum),
            Column(name: "memory_samples", merge: .sum),
            Column(name: "disk_sum", merge: .sum),
            Column(name: "disk_samples", merge: .sum),
            Column(name: "aggregated_at", merge: .replace),
        ])
}
