import Foundation

/// The settings of one run: `agentreport.json` with every default of DESIGN §2 applied and
/// every relative path resolved against the config file's folder.
public struct ReportConfig: Sendable, Equatable {
    /// Output formats the renderer knows.
    public enum ReportFormat: String, Sendable, CaseIterable, Equatable {
        case markdown, html
    }

    /// Where the coordination files are.
    public struct Coordination: Sendable, Equatable {
        public var dir: String = "coordination"
        public var taskBoard: String = "task-board.json"
        public var progressLog: String = "progress-log.md"
        public var memoryBank: String = "memory-bank"
    }

    /// One git repository whose agent branches are read.
    public struct Repository: Sendable, Equatable {
        public var path: String = "."
        public var refs: [String] = ["refs/heads/*"]
        public var boardHistory: Bool = true
    }

    /// What the config says about one agent.
    public struct Agent: Sendable, Equatable {
        public var id: String
        public var name: String?
        public var branches: [String] = []
        public var authors: [String] = []
        public var worktree: String?
    }

    /// How commits are attributed to agents and linked to tasks.
    public struct Attribution: Sendable, Equatable {
        public var branchPatterns: [String] = [
            "^agent-(?<agent>[A-Za-z0-9_-]+?)(-[0-9]+)?$", "^agents?/(?<agent>[^/]+)",
        ]
        public var trailers: [String] = ["Agent"]
        public var taskIdPattern: String = #"\b[A-Z][A-Z0-9]*-[A-Z0-9-]*[0-9]+\b"#
    }

    /// What git ingest leaves out of the counts.
    public struct Exclude: Sendable, Equatable {
        public var paths: [String] = ["node_modules/**", "**/*.lock", "dist/**"]
        public var authors: [String] = ["*[bot]"]
    }

    /// How long detail and aggregates are kept, in days (DESIGN §5).
    public struct Retention: Sendable, Equatable {
        public var agentMetricsDays: Int = 30
        public var agentDailyDays: Int = 365
        public var systemHealthDays: Int = 7
        public var systemHealthHourlyDays: Int = 30
        public var ragMetricsDays: Int = 30
        public var alertsDays: Int = 90
    }

    /// A silence: alerts whose fingerprint matches `match` (a glob) stay out of the open list
    /// until `until`.
    public struct Silence: Sendable, Equatable {
        public var match: String
        public var until: String
    }

    /// Alert thresholds (DESIGN §6).
    public struct Alerts: Sendable, Equatable {
        public var agentSilentHours: Double = 24
        public var taskBlockedHours: Double = 24
        public var taskStalledDays: Double = 3
        public var uncommittedChanges: Int = 50
        public var cpuPercent: Double = 90
        public var memoryPercent: Double = 90
        public var ragHitRate: Double = 0.5
        /// A source whose newest data point is older than this many hours is flagged stale.
        public var staleHours: Double = 24
        /// A collector alert (`kind: alert` line) not seen again for this many hours expires.
        public var collectorAlertHours: Double = 24
        /// A task waiting in review longer than this many hours joins the review-queue alert.
        public var reviewQueueHours: Double = 24
        /// An agent's test pass rate falling by this much (0–1) is an alert.
        public var passRateDrop: Double = 0.25
        public var silences: [Silence] = []
        /// The daily budget in US dollars for each agent's model cost (session logs); nil: no
        /// budget alert per agent.
        public var dailyCostUSD: Double?
        /// The daily budget in US dollars for the whole team's model cost; nil: no team alert.
        public var teamDailyCostUSD: Double?
    }

    /// The config file this came from, if any.
    public var configFile: String?
    /// The folder relative paths are resolved against.
    public var baseDirectory: String
    public var title: String = "Agent team report"
    public var database: String = "agentreport.sqlite"
    public var outputDir: String = "output"
    public var formats: [ReportFormat] = [.markdown, .html]
    public var templates: String = "templates"
    public var coordination = Coordination()
    public var repositories: [Repository] = [Repository()]
    public var metricsDir: String = "metrics"
    public var agents: [Agent] = []
    public var attribution = Attribution()
    public var exclude = Exclude()
    public var retention = Retention()
    public var alerts = Alerts()
    /// What reading the config file repaired (bytes that are not UTF-8, escaped NULs), as
    /// warnings the run reports; a config never fails over such a value.
    public var warnings: [Diagnostic] = []
    /// The agents' session logs (tokens and cost): `usage`.
    public var usage = Usage()
    /// The collector's settings (`agentreport sample`, `agentreport hook`).
    public var sample = Sample()

    /// The defaults of DESIGN §2, relative to `baseDirectory`.
    public init(baseDirectory: String) {
        self.baseDirectory = baseDirectory
    }

    // MARK: - Resolved paths

    /// An absolute path for a path from the config (relative ones against `baseDirectory`).
    public func resolve(_ path: String) -> String {
        if path.hasPrefix("/") { return path }
        if path == "." { return baseDirectory }
        return (baseDirectory as NSString).appendingPathComponent(path)
    }

    public var databasePath: String { resolve(database) }
    public var outputPath: String { resolve(outputDir) }
    public var templatesPath: String { resolve(templates) }
    public var coordinationPath: String { resolve(coordination.dir) }
    public var taskBoardPath: String {
        (coordinationPath as NSString).appendingPathComponent(coordination.taskBoard)
    }
    public var progressLogPath: String {
        (coordinationPath as NSString).appendingPathComponent(coordination.progressLog)
    }
    public var memoryBankPath: String {
        (coordinationPath as NSString).appendingPathComponent(coordination.memoryBank)
    }
    public var metricsPath: String { resolve(metricsDir) }

    /// A path as it should appear in diagnostics: relative to the base folder when inside it.
    public func displayPath(_ path: String) -> String {
        let base = baseDirectory.hasSuffix("/") ? baseDirectory : baseDirectory + "/"
        return path.hasPrefix(base) ? String(path.dropFirst(base.count)) : path
    }
}
