import Foundation

/// Runs stages in order: prints `[i/n] name`, times each, tags errors with the stage, and
/// returns the summary. Source stages that fail are reported and skipped; others stop the run.
public struct PipelineRunner {
    public let stages: [Stage]

    public init(stages: [Stage]) {
        self.stages = stages
    }

    /// Runs every stage; throws `StageFailure` for the first fatal error.
    public func run(_ context: RunContext) throws -> RunSummary {
        var summary = RunSummary()
        let start = Date()
        defer { context.diagnostics.enterStage(nil) }
        for (index, stage) in stages.enumerated() {
            context.console.stage(index + 1, of: stages.count, stage.name)
            context.diagnostics.enterStage(stage.name)
            let stageStart = Date()
            do {
                try stage.body(context, &summary)
            } catch {
                switch stage.isolation {
                case .source(let source):
                    // The source's own transaction was rolled back; nothing of it is half-stored.
                    context.diagnostics.report(
                        Diagnostic(.error, "\(stage.name) failed: \(error); nothing from the \(source) source was stored on this run"))
                case .fatal:
                    throw StageFailure(stage: stage.name, underlying: error)
                }
            }
            summary.stageTimes.append((stage.name, Date().timeIntervalSince(stageStart)))
            context.console.detail(String(format: "      %@: %.3f s", stage.name, Date().timeIntervalSince(stageStart)))
        }
        summary.totalSeconds = Date().timeIntervalSince(start)
        return summary
    }
}
