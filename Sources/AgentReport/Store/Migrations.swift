import GRDB

/// The database migrations, in order. Each has a stable name and a `schema_version` row;
/// once released, a migration is never edited: changes come as new migrations.
enum Migrations {
    /// One migration: its `schema_version` number, stable name, description and body.
    struct Migration {
        let version: Int
        let name: String
        let description: String
        let body: @Sendable (Database) throws -> Void
    }

    /// Every migration this version knows, oldest first.
    static let all: [Migration] = [
        Migration(
            version: 1, name: "v1-seed-schema",
            description: "Seed schema of the Agent Monitoring Dashboard",
            body: { db in try db.execute(sql: SeedSchema.sql) }),
        Migration(
            version: 2, name: "v2-core-tables",
            description: "Agents, current task state, progress entries, memory bank, commit links, source state",
            body: { db in try db.execute(sql: CoreSchema.sql) }),
        Migration(
            version: 4, name: "v4-git-history",
            description: "Git ref tips for incremental ingest, exclusion counts",
            body: { db in try db.execute(sql: GitSchema.sql) }),
        Migration(
            version: 5, name: "v5-metric-samples",
            description: "Metric file read positions, one row per sample",
            body: { db in try db.execute(sql: MetricsSchema.sql) }),
        Migration(
            version: 6, name: "v6-aggregates-alerts",
            description: "Daily agent and hourly health aggregates, retention log, alert lifecycle",
            body: { db in try db.execute(sql: MaintenanceSchema.sql) }),
        Migration(
            version: 7, name: "v7-coordination",
            description: "Board history commits already replayed, for incremental board history",
            body: { db in try db.execute(sql: CoordinationSchema.sql) }),
        Migration(
            version: 8, name: "v8-repository-identity",
            description: "Repositories known by their config path and root commits; object-store state for retries",
            body: { db in try db.execute(sql: RepositorySchema.sql) }),
        Migration(
            version: 9, name: "v9-coordination-text",
            description:
                "Progress entries keyed by file, heading and position, edited times; memory pattern edited times",
            body: { db in try db.execute(sql: CoordinationSchema.textSQL) }),
        Migration(
            version: 10, name: "v10-reliability",
            description: "Rejected inputs recorded with their data; metric read positions keyed by file name",
            body: { db in
                try db.execute(sql: ReliabilitySchema.sql)
                try ReliabilitySchema.keyMetricFilesByName(db)
            }),
        Migration(
            version: 11, name: "v11-report",
            description: "When an alert's condition began",
            body: { db in try db.execute(sql: ReportSchema.sql) }),
        Migration(
            version: 12, name: "v12-usage",
            description:
                "Session-log requests (tokens, cost), their tool calls, daily usage per agent and model, log read positions",
            body: { db in try db.execute(sql: UsageSchema.sql) }),
        Migration(
            version: 13, name: "v13-collector",
            description: "Test and build runs and session events recorded by agentreport hook",
            body: { db in try db.execute(sql: CollectorSchema.sql) }),
        Migration(
            version: 14, name: "v14-check-subagent",
            description: "The subagent a test or build run ran in, when the hook event names one",
            body: { db in try db.execute(sql: CollectorSchema.subagentSQL) }),
        Migration(
            version: 15, name: "v15-commit-time-indexes",
            description: "Indexes on git_commits by time, and by branch, agent and time, for the report's reads",
            body: { db in try db.execute(sql: ReportSchema.commitIndexesSQL) }),
    ]

    /// The newest `schema_version` this build knows.
    static var latestVersion: Int { all.map(\.version).max() ?? 0 }

    /// A migrator with every migration registered.
    static func migrator() -> DatabaseMigrator {
        var migrator = DatabaseMigrator()
        for migration in all {
            migrator.registerMigration(migration.name) { db in
                try migration.body(db)
                try db.execute(
                    sql: "INSERT INTO schema_version (version, description) VALUES (?, ?)",
                    arguments: [migration.version, migration.description])
            }
        }
        return migrator
    }
}
