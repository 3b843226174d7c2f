import Foundation

/// One named step of a run. Ingest stages are isolated: a failing source is reported and
/// the run goes on; any other stage's error stops the run.
public struct Stage {
    /// Whether an error in the stage stops the run.
    public enum Isolation: Sendable {
        /// An input source: its failure is a rejected input (exit 3), the others go on.
        case source(String)
        /// Part of the job itself: its failure is fatal (exit 1).
        case fatal
    }

    public let name: String
    public let isolation: Isolation
    public let body: (RunContext, inout RunSummary) throws -> Void

    public init(_ name: String, isolation: Isolation = .fatal, body: @escaping (RunContext, inout RunSummary) throws -> Void) {
        self.name = name
        self.isolation = isolation
        self.body = body
    }
}

/// A fatal error, tagged with the stage it stopped.
public struct StageFailure: Error, CustomStringConvertible {
    public let stage: String
    public let underlying: Error
    public var description: String { "\(stage): \(underlying)" }
}
