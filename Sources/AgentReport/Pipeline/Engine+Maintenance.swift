import Foundation
import GRDB

/// The maintenance entry points: `retain`, `alerts`, `backup`, and the build's maintenance stages.
extension Engine {
    /// `agentreport retain [--dry-run]`: aggregates and applies retention; a dry run prints
    /// the plan on `output` and changes nothing.
    public static func retain(_ options: RunOptions, dryRun: Bool, output: @escaping (String) -> Void = { print($0) })
        -> ExitStatus
    {
        run(options, command: "retain", records: !dryRun) { _, store in
            guard let store else { return [] }
            let stage = Stage(dryRun ? "plan retention (dry run)" : "aggregate and retain") { context, summary in
                if let warning = try store.queue.read({ db in
                    try RetentionForecast(policy: policy(context)).warning(in: db)
                }) {
                    context.diagnostics.report(warning)
                }
                var runner = RetentionRunner(policy: policy(context))
                runner.progress = {
                    context.console.progress((dryRun ? "plan retention: " : "aggregate and retain: ") + $0)
                }
                let report = try runner.run(on: store, dryRun: dryRun)
                context.console.endProgress()
                report.lines.forEach(output)
                if !dryRun { summary.notes.append(report.summaryNote) }
            }
            return dryRun ? [stage] : [stage] + finishStages(store: store, command: "retain")
        }
    }

    /// The build's stages between ingest and the run record: aggregate and retain, then
    /// evaluate alerts (with this run's rejected inputs).
    static func maintenanceStages(store: ReportStore?) -> [Stage] {
        guard let store else { return [] }
        return [
            Stage("aggregate and retain") { context, summary in
                // Said before anything is deleted: a "now" far beyond the data empties the detail tables.
                if let warning = try store.queue.read({ db in
                    try RetentionForecast(policy: policy(context)).warning(in: db)
                }) {
                    context.diagnostics.report(warning)
                }
                var runner = RetentionRunner(policy: policy(context))
                runner.progress = { context.console.progress("aggregate and retain: " + $0) }
                let report = try runner.run(on: store)
                context.console.endProgress()
                report.lines.dropFirst().forEach(context.console.detail)
                summary.notes.append(report.summaryNote)
            },
            Stage("evaluate alerts") { context, summary in
                let evaluator = AlertEvaluator(
                    thresholds: context.config.alerts, configuredAgents: context.config.agents.map(\.id),
                    now: context.now, rejections: context.diagnostics.all.filter(\.isRejection))
                let lifecycle = AlertLifecycle(
                    now: context.now, silences: AlertSilences(context.config.alerts.silences))
                let (outcome, settled) = try store.queue.write { db in
                    let outcome = try lifecycle.apply(evaluator.findings(in: db), in: db)
                    let settled = try lifecycle.settleCollectorAlerts(
                        expiryHours: context.config.alerts.collectorAlertHours, in: db)
                    return (outcome, settled)
                }
                summary.alertsOpened += outcome.opened
                summary.alertsResolved += outcome.resolved + settled
            },
        ]
    }

    /// `agentreport alerts [list|ack|resolve]`. An unknown id is a clear error and exit 1.
    public static func alerts(_ options: RunOptions, _ action: AlertAction, output: (String) -> Void = { print($0) })
        -> ExitStatus
    {
        do {
            let context = try prepare(options)
            let path = context.config.databasePath
            switch action {
            case .list(let all, let json):
                let store = try ReportStore.openForReading(at: path)
                // Silences in the config apply at once, not only from the next build on.
                let silences = AlertSilences(context.config.alerts.silences)
                let records = try store.queue.read { db in try ReportStore.alerts(all: all, now: context.now, in: db) }
                    .map { record in
                        var record = record
                        let key = record.fingerprint ?? record.alertId
                        if !record.resolved,
                            let until = silences.silencedUntil(key, now: context.now).map(UTCTime.format),
                            until > (record.silencedUntil ?? "")
                        {
                            record.silencedUntil = until
                        }
                        return record
                    }
                    .filter { all || $0.state(now: context.now) != "silenced" }
                if json {
                    output(JSONSupport.encode(records.map { $0.jsonObject(now: context.now) }))
                } else if records.isEmpty {
                    output(all ? "No alerts." : "No open alerts.")
                } else {
                    records.forEach { output(Console.safe($0.line(now: context.now))) }
                }
            case .acknowledge(let id, _, _), .resolve(let id, _):
                let lock = try RunLock(databasePath: path, timeout: lockWait(options))
                let store = try ReportStore.openForWriting(at: path)
                let message: String = try store.queue.write { db in
                    guard let record = try ReportStore.alert(id, in: db) else {
                        throw StoreError(
                            "alerts: no alert with id '\(id)' (use the number or the alert_id that `agentreport alerts list --all` shows)"
                        )
                    }
                    if case .acknowledge(_, let by, let note) = action {
                        try ReportStore.acknowledgeAlert(record.id, by: by, note: note, at: context.now, in: db)
                        return "Acknowledged #\(record.id) \(record.alertId) by \(by)."
                    }
                    let by: String =
                        if case .resolve(_, let name) = action, let name { name } else {
                            options.environment["USER"] ?? options.environment["LOGNAME"] ?? "manual"
                        }
                    try ReportStore.resolveAlert(record.id, by: by, at: context.now, in: db)
                    return "Resolved #\(record.id) \(record.alertId) by \(by)."
                }
                withExtendedLifetime(lock) {}
                output(Console.safe(message))
            }
            return .success
        } catch {
            printError("\(error)")
            return .fatal
        }
    }

    /// `agentreport backup [--to FILE]`: an online backup verified with `PRAGMA integrity_check`.
    /// Without `to`, `agentreport-backup-<now>.sqlite` beside the database.
    public static func backup(_ options: RunOptions, to destination: String?, output: (String) -> Void = { print($0) })
        -> ExitStatus
    {
        do {
            let context = try prepare(options)
            let path = context.config.databasePath
            let target =
                destination.map { absolute($0, in: options.workingDirectory) }
                ?? ((path as NSString).deletingLastPathComponent as NSString)
                .appendingPathComponent(DatabaseBackup.defaultFileName(now: context.now))
            let store = try ReportStore.openForReading(at: path)
            let result = try DatabaseBackup.backup(store, to: target)
            output(
                "Backed up \(context.config.displayPath(path)) to \(result.path) (\(result.bytes) bytes, integrity_check ok)."
            )
            return .success
        } catch {
            printError("\(error)")
            return .fatal
        }
    }
}

private extension Engine {
    static func policy(_ context: RunContext) -> RetentionPolicy {
        var policy = RetentionPolicy(days: context.config.retention, now: context.now)
        policy.usageRequestDays = context.config.usage.retainDays
        return policy
    }

    static func lockWait(_ options: RunOptions) -> Double {
        Double(options.environment["AGENTREPORT_LOCK_WAIT"] ?? "") ?? 60
    }
}
