import Foundation

/// What every stage of a run needs: the settings, the one "now", and where to report.
public struct RunContext: Sendable {
    public let config: ReportConfig
    /// The run's "now" in seconds since the epoch: `--now`, else `SOURCE_DATE_EPOCH`, else the clock.
    public let now: Int64
    public let diagnostics: DiagnosticLog
    public let console: Console
    /// The run's environment (`HOME`, `CLAUDE_CONFIG_DIR`, `CODEX_HOME`, …): where the session
    /// logs are looked for by default. Empty unless given: tests never see the real home.
    public let environment: [String: String]

    public init(
        config: ReportConfig, now: Int64, diagnostics: DiagnosticLog = DiagnosticLog(),
        console: Console = Console(verbosity: .quiet), environment: [String: String] = [:]
    ) {
        self.config = config
        self.now = now
        self.diagnostics = diagnostics
        self.console = console
        self.environment = environment
    }

    /// "Now" for a run: `explicit` (a `--now` value) when given, else `SOURCE_DATE_EPOCH`,
    /// else the clock. Throws for a `--now` or `SOURCE_DATE_EPOCH` that is not a time.
    public static func resolveNow(explicit: String?, environment: [String: String], clock: () -> Date = Date.init)
        throws -> Int64
    {
        if let explicit {
            if let seconds = UTCTime.parse(explicit) { return seconds }
            if let seconds = Int64(explicit) { return seconds }
            throw ConfigError(
                "--now: '\(explicit)' is not a time (use ISO 8601, e.g. 2026-03-02T21:30:00Z, or seconds since 1970)")
        }
        if let epoch = environment["SOURCE_DATE_EPOCH"], !epoch.isEmpty {
            guard let seconds = Int64(epoch) else {
                throw ConfigError("SOURCE_DATE_EPOCH: '\(epoch)' is not a number of seconds")
            }
            return seconds
        }
        return Int64(clock().timeIntervalSince1970.rounded(.down))
    }
}
