/// The cutoffs of one retention run: the config's `retention` days applied to the run's "now".
///
/// Detail is retired a whole bucket at a time (a UTC day of agent samples, a UTC hour of
/// system health, a UTC day of RAG samples), once the whole bucket is older than the
/// window: so at least N days are always kept, and never more than N days plus one bucket.
/// Alerts use the exact time.
public struct RetentionPolicy: Sendable, Equatable {
    /// The run's "now", epoch seconds.
    public let now: Int64
    /// The config's `retention` days.
    public let days: ReportConfig.Retention
    /// Days of session-log requests kept in detail (config `usage.retainDays`); their daily
    /// aggregates per agent and model are kept for good.
    public var usageRequestDays: Int = 90

    /// The policy for these days at `now`.
    public init(days: ReportConfig.Retention, now: Int64) {
        self.days = days
        self.now = now
    }

    private static let day: Int64 = 86_400

    /// `agent_metrics` rows before this are retired into `agent_metrics_daily`.
    public var agentMetricsCutoff: Int64 { floor(now - Int64(days.agentMetricsDays) * Self.day, to: Self.day) }
    /// `agent_metrics_daily` rows of days before this are deleted.
    public var agentDailyCutoff: Int64 { floor(now - Int64(days.agentDailyDays) * Self.day, to: Self.day) }
    /// `system_health` rows before this are retired into `system_health_hourly`.
    public var systemHealthCutoff: Int64 { floor(now - Int64(days.systemHealthDays) * Self.day, to: 3_600) }
    /// `system_health_hourly` rows of hours before this are deleted.
    public var systemHealthHourlyCutoff: Int64 { floor(now - Int64(days.systemHealthHourlyDays) * Self.day, to: 3_600) }
    /// `rag_metrics` rows before this are deleted (there is no RAG aggregate).
    public var ragMetricsCutoff: Int64 { floor(now - Int64(days.ragMetricsDays) * Self.day, to: Self.day) }
    /// `usage_requests` rows before this are retired into `usage_daily`.
    public var usageRequestsCutoff: Int64 { floor(now - Int64(usageRequestDays) * Self.day, to: Self.day) }
    /// Resolved alerts that are not critical and were resolved before this are deleted.
    public var alertsCutoff: Int64 { now - Int64(days.alertsDays) * Self.day }

    private func floor(_ time: Int64, to unit: Int64) -> Int64 {
        time - ((time % unit) + unit) % unit
    }
}
