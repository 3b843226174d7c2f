/// How `agentreport sample` decides the `system_health` line's `overall_status`
/// (docs/collector.md, "`system_health` and `rag`"), the first that holds:
///
/// 1. `unhealthy` — every configured check failed, or the workspace's disk is at least
///    98 % full;
/// 2. `degraded` — some check failed, or the disk is at least 90 % full;
/// 3. `healthy`.
///
/// A disk that cannot be read (`statvfs` failed) counts for neither: the line's `disk_usage`
/// is null with a note, and the status rests on the checks alone.
enum HealthStatusRule {
    /// The fraction of the disk in use from which the machine is `degraded`.
    static let degradedDisk = 0.90
    /// The fraction of the disk in use from which the machine is `unhealthy`.
    static let unhealthyDisk = 0.98

    /// The status for `failed` failed checks out of `checks` and a disk `diskFraction` full
    /// (used over used + available, as `df` computes `Use%`; nil when unknown), and the
    /// note that says when the disk decided it (nil otherwise).
    static func status(checks: Int, failed: Int, diskFraction: Double?) -> (status: String, diskNote: String?) {
        let allFailed = checks > 0 && failed == checks
        let disk = diskFraction ?? 0
        let status =
            allFailed || disk >= unhealthyDisk
            ? "unhealthy" : failed > 0 || disk >= degradedDisk ? "degraded" : "healthy"
        guard disk >= degradedDisk else { return (status, nil) }
        let level = disk >= unhealthyDisk ? "unhealthy" : "degraded"
        return (
            status,
            "disk \(Figures.fixed(disk * 100, 1)) % full: \(level) (degraded from \(percent(degradedDisk)) %, "
                + "unhealthy from \(percent(unhealthyDisk)) %)"
        )
    }

    private static func percent(_ fraction: Double) -> String { Figures.fixed(fraction * 100, 0) }
}
