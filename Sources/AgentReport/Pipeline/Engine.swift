import Foundation
import GRDB

/// Options every command understands (DESIGN §1), already parsed by the command line.
public struct RunOptions: Sendable {
    public var configPath: String?
    public var databasePath: String?
    public var outputPath: String?
    public var now: String?
    public var verbosity: Console.Verbosity = .normal
    public var workingDirectory: String = FileManager.default.currentDirectoryPath
    public var environment: [String: String] = ProcessInfo.processInfo.environment

    public init() {}
}

/// Exit codes of DESIGN §1.
public enum ExitStatus: Int32, Sendable {
    case success = 0
    case fatal = 1
    case rejectedInput = 3
}

/// The entry points the command line calls: each prepares a run, runs its stages and
/// maps the outcome to an exit status. Never imports ArgumentParser.
public enum Engine {
    /// The loaded settings and context of a run, or the fatal error that prevents it.
    public static func prepare(_ options: RunOptions) throws -> RunContext {
        var config = try ConfigLoader.load(path: options.configPath, workingDirectory: options.workingDirectory)
        // Command-line paths are relative to the working directory, config paths to the config file.
        if let db = options.databasePath { config.database = absolute(db, in: options.workingDirectory) }
        if let out = options.outputPath { config.outputDir = absolute(out, in: options.workingDirectory) }
        let now = try RunContext.resolveNow(explicit: options.now, environment: options.environment)
        let console = Console(verbosity: options.verbosity, environment: options.environment)
        let diagnostics = DiagnosticLog(echo: { console.report($0) })
        diagnostics.report(contentsOf: config.warnings)
        return RunContext(
            config: config, now: now, diagnostics: diagnostics, console: console, environment: options.environment)
    }

    /// `agentreport build`: ingest, (retain, alerts,) render.
    public static func build(_ options: RunOptions, formats: [ReportConfig.ReportFormat]? = nil) -> ExitStatus {
        run(options, command: "build") { context, store in
            ingestStages(store: store, only: nil) + maintenanceStages(store: store)
                + finishStages(store: store, command: "build")
                + renderStages(formats: formats ?? context.config.formats)
        }
    }

    /// `agentreport ingest [--only …]`.
    public static func ingest(_ options: RunOptions, only: Set<String>?) -> ExitStatus {
        run(options, command: "ingest") { _, store in
            ingestStages(store: store, only: only) + finishStages(store: store, command: "ingest")
        }
    }

    /// `agentreport render [--format …]`: from the database alone, opened read-only.
    public static func render(_ options: RunOptions, formats: [ReportConfig.ReportFormat]?) -> ExitStatus {
        run(options, command: "render", writes: false) { context, _ in
            renderStages(formats: formats ?? context.config.formats)
        }
    }
}

// MARK: - Running

extension Engine {
    /// Prepares the context, takes the lock, opens the database, runs the stages, records
    /// the run with its real exit code (after render, so a render that fails is recorded as
    /// exit 1), prints the summary and returns the exit status. Commands that write
    /// (`writes`) hold the lock on the database for the whole run; those that also
    /// `record` leave a `runs` row.
    static func run(
        _ options: RunOptions, command: String, writes: Bool = true, records: Bool? = nil,
        stages: (RunContext, ReportStore?) throws -> [Stage]
    ) -> ExitStatus {
        let context: RunContext
        do {
            context = try prepare(options)
        } catch {
            printError("\(error)")
            return .fatal
        }
        var summary = RunSummary()
        var store: ReportStore?
        var lock: RunLock?
        defer { withExtendedLifetime(lock) {} }
        do {
            let lockWait = Double(options.environment["AGENTREPORT_LOCK_WAIT"] ?? "") ?? 60
            lock = writes ? try RunLock(databasePath: context.config.databasePath, timeout: lockWait) : nil
            store = writes ? try ReportStore.openForWriting(at: context.config.databasePath) : nil
            if let store { try reportPendingRejections(in: store, context: context) }
            try PipelineRunner(stages: try stages(context, store)).run(context, into: &summary)
        } catch {
            printError("\(error)")
            if let store, records ?? writes {
                // Best effort: when the fault is the storage itself, this fails too.
                try? recordRun(
                    command: command, exitCode: ExitStatus.fatal.rawValue, summary: summary, in: store, context: context
                )
            }
            return .fatal
        }
        let rejections = context.diagnostics.all.filter(\.isRejection).count
        let status: ExitStatus = rejections > 0 ? .rejectedInput : .success
        if let store, records ?? writes {
            do {
                try recordRun(
                    command: command, exitCode: status.rawValue, summary: summary, in: store, context: context)
            } catch {
                printError("\(error)")
                return .fatal
            }
        }
        context.console.summary(summary.paragraph(rejections: rejections))
        return status
    }

    /// Reports the rejected inputs that an interrupted earlier run stored with their data
    /// but never reported (`input_rejections` with no run): this run counts them (exit 3,
    /// the `input-rejected` alert), and its record marks them reported.
    static func reportPendingRejections(in store: ReportStore, context: RunContext) throws {
        let pending = try store.queue.read { db in try ReportStore.pendingRejections(db) }
        for (detectedAt, diagnostic) in pending {
            var carried = diagnostic
            carried.hint = "found by a run at \(detectedAt) that was interrupted before it could report it"
            context.diagnostics.report(carried)
        }
    }

    /// Writes the run record: the row (unless the record stage wrote it before render), the
    /// diagnostics not recorded yet, the real exit code and the summary, in one transaction.
    static func recordRun(
        command: String, exitCode: Int32, summary: RunSummary, in store: ReportStore, context: RunContext
    ) throws {
        let diagnostics = context.diagnostics.all
        try store.queue.write { db in
            let id = try summary.runId ?? ReportStore.startRun(command: command, now: context.now, in: db)
            let recorded = summary.runId == nil ? 0 : min(summary.diagnosticsRecorded, diagnostics.count)
            try ReportStore.recordDiagnostics(Array(diagnostics[recorded...]), ofRun: id, in: db)
            try ReportStore.finishRun(id, exitCode: exitCode, summary: summary.json, in: db)
        }
    }

    static func printError(_ message: String) {
        FileHandle.standardError.write(Data("agentreport: error: \(Console.safe(message))\n".utf8))
    }

    static func absolute(_ path: String, in directory: String) -> String {
        path.hasPrefix("/") ? path : (directory as NSString).appendingPathComponent(path)
    }

    /// One stage per source, each isolated.
    static func ingestStages(store: ReportStore?, only: Set<String>?) -> [Stage] {
        guard let store else { return [] }
        return IngestSources.all(only: only).map { source in
            Stage(source.stageName, isolation: .source(source.name)) { context, summary in
                do {
                    let rows = try source.ingest(into: store, context: context)
                    summary.rowsBySource.append((source.name, rows))
                } catch {
                    try? store.queue.write { db in
                        try ReportStore.recordFailure(of: source.name, message: "\(error)", at: context.now, in: db)
                    }
                    throw error
                }
            }
        }
    }

    /// Starts the run record with the diagnostics so far, before render, so the report shows
    /// what this run rejected; `run` adds the rest and the real exit code after render.
    static func finishStages(store: ReportStore?, command: String) -> [Stage] {
        guard let store else { return [] }
        return [
            Stage("record run") { context, summary in
                let diagnostics = context.diagnostics.all
                let id = try store.queue.write { db in
                    let id = try ReportStore.startRun(command: command, now: context.now, in: db)
                    try ReportStore.recordDiagnostics(diagnostics, ofRun: id, in: db)
                    return id
                }
                summary.runId = id
                summary.diagnosticsRecorded = diagnostics.count
            }
        ]
    }

    /// Renders the pages and writes them.
    static func renderStages(formats: [ReportConfig.ReportFormat]) -> [Stage] {
        [
            Stage("render reports") { context, summary in
                let store = try ReportStore.openForReading(at: context.config.databasePath)
                let templates = try TemplateSet(overridesFrom: context.config.templatesPath)
                context.diagnostics.report(contentsOf: templates.problems)
                // Pages are written (next to their final names) as they are rendered; nothing
                // replaces the old report until every file is rendered and on disk.
                let staging = try OutputStaging(directory: context.config.outputPath)
                let files = try ReportRenderer(config: context.config, templates: templates, now: context.now)
                    .render(from: store, formats: formats, staging: staging) { pages in
                        context.console.progress("render reports: \(pages) pages")
                    }
                context.console.endProgress()
                for file in files { try staging.stage(file) }  // the stylesheet; the rest is staged
                try staging.commit()
                summary.pagesWritten = files.count
                summary.outputDirectory = context.config.displayPath(context.config.outputPath)
                let index = formats.contains(.html) ? "index.html" : "index.md"
                if files.contains(where: { $0.path == index }) {
                    summary.reportPath = context.config.displayPath(
                        (context.config.outputPath as NSString).appendingPathComponent(index))
                }
            }
        ]
    }
}
