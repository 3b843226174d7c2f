import Foundation

/// A problem found in an input, reported as `file:line:column: severity: message`.
///
/// Diagnostics are values: sources collect them and the run goes on; only problems that
/// must stop the run (unreadable database, unwritable output) are thrown instead.
public struct Diagnostic: Sendable, Hashable, Codable {
    /// How serious a diagnostic is.
    public enum Severity: String, Sendable, Hashable, Codable, Comparable {
        case note, warning, error

        private var rank: Int {
            switch self {
            case .note: 0
            case .warning: 1
            case .error: 2
            }
        }

        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
    }

    public var severity: Severity
    /// The file the problem is in, as given to the tool (relative paths stay relative).
    public var file: String?
    public var line: Int?
    public var column: Int?
    public var message: String
    /// What to do next, when there is something useful to say.
    public var hint: String?
    /// The pipeline stage that reported it (set by the runner).
    public var stage: String?

    public init(
        _ severity: Severity, file: String? = nil, line: Int? = nil, column: Int? = nil,
        _ message: String, hint: String? = nil
    ) {
        self.severity = severity
        self.file = file
        self.line = line
        self.column = column
        self.message = message
        self.hint = hint
    }

    /// Whether this diagnostic means an input was rejected (exit code 3).
    public var isRejection: Bool { severity == .error }

    /// The `file:line:column` prefix, as far as it is known.
    public var location: String? {
        guard let file else { return nil }
        var text = file
        if let line {
            text += ":\(line)"
            if let column { text += ":\(column)" }
        }
        return text
    }

    /// The one-line form printed on stderr.
    public var formatted: String {
        var text = ""
        if let location { text += location + ": " }
        text += "\(severity.rawValue): \(message)"
        if let hint { text += " (\(hint))" }
        return text
    }
}

/// Collects the diagnostics of a run, in the order they were reported.
///
/// A reference type so that every stage can add to one list; the pipeline is
/// sequential, so no locking is needed beyond what `Sendable` asks for.
public final class DiagnosticLog: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [Diagnostic] = []
    private var stage: String?
    private var echo: ((Diagnostic) -> Void)?

    /// A log; `echo`, when given, sees each diagnostic as it is reported (to print it).
    public init(echo: ((Diagnostic) -> Void)? = nil) {
        self.echo = echo
    }

    /// Tags the diagnostics reported from now on with a stage name.
    public func enterStage(_ name: String?) {
        lock.lock()
        stage = name
        lock.unlock()
    }

    /// Adds a diagnostic.
    public func report(_ diagnostic: Diagnostic) {
        lock.lock()
        var tagged = diagnostic
        if tagged.stage == nil { tagged.stage = stage }
        items.append(tagged)
        let echo = self.echo
        lock.unlock()
        echo?(tagged)
    }

    /// Adds several diagnostics.
    public func report(contentsOf diagnostics: [Diagnostic]) {
        for diagnostic in diagnostics { report(diagnostic) }
    }

    /// Every diagnostic so far.
    public var all: [Diagnostic] {
        lock.lock()
        defer { lock.unlock() }
        return items
    }

    /// Whether any input was rejected.
    public var hasRejections: Bool { all.contains { $0.isRejection } }
}
