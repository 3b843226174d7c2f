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
        try run(context, into: &summary)
        return summary
    }

    /// Runs every stage, accumulating into `summary` (which keeps what the stages before a
    /// fatal error did); throws `StageFailure` for the first fatal error. A storage fault
    /// (`StorageFault`) is fatal even in a source's stage: it is no input's doing.
    public func run(_ context: RunContext, into summary: inout RunSummary) throws {
        let start = Date()
        defer { summary.totalSeconds = Date().timeIntervalSince(start) }
        defer { context.diagnostics.enterStage(nil) }
        for (index, stage) in stages.enumerated() {
            context.console.stage(index + 1, of: stages.count, stage.name)
            context.diagnostics.enterStage(stage.name)
            let stageStart = Date()
            do {
                try stage.body(context, &summary)
            } catch {
                switch stage.isolation {
                case .source where StorageFault.isFatal(error):
                    throw StageFailure(stage: stage.name, underlying: error)
                case .source(let source):
                    // The source's own transaction was rolled back; nothing of it is half-stored.
                    context.diagnostics.report(
                        Diagnostic(
                            .error,
                            "\(stage.name) failed: \(error); nothing from the \(source) source was stored on this run"))
                case .fatal:
                    throw StageFailure(stage: stage.name, underlying: error)
                }
            }
            Self.returnFreedMemory()
            summary.stageTimes.append((stage.name, Date().timeIntervalSince(stageStart)))
            context.console.detail(String(format: "      %@: %.3f s", stage.name, Date().timeIntervalSince(stageStart)))
        }
    }

    /// Hands the memory a stage freed back to the system. glibc keeps freed heap for reuse,
    /// and the next stage's allocations often do not fit it: a build's peak resident memory
    /// became the sum of its stages' (171 MB for the 50x365 demo) instead of the largest.
    static func returnFreedMemory() {
        _ = mallocTrim?(0)
    }

    /// glibc's `malloc_trim`, looked up at run time: Swift's Glibc module does not declare
    /// it, and other C libraries do not have it (nil there).
    private static let mallocTrim: (@convention(c) (Int) -> Int32)? = {
        guard let symbol = dlsym(nil, "malloc_trim") else { return nil }  // nil: RTLD_DEFAULT
        return unsafeBitCast(symbol, to: (@convention(c) (Int) -> Int32).self)
    }()
}
