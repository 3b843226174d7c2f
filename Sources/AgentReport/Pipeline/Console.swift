import Foundation

/// Writes diagnostics, progress and the summary to stderr, as DESIGN §1 asks: progress
/// only on a terminal (or with `--verbose`), nothing but errors under `--quiet`.
///
/// Every text from outside the program (file names, values quoted in diagnostics) is shown
/// with its secrets redacted and its control characters as symbols (`Console.safe`): a
/// nightly log is mailed and kept, and an escape sequence in a task title must not drive
/// the reader's terminal.
public final class Console: @unchecked Sendable {
    /// How much to print.
    public enum Verbosity: Int, Sendable, Comparable {
        case quiet, normal, verbose
        public static func < (a: Verbosity, b: Verbosity) -> Bool { a.rawValue < b.rawValue }
    }

    public let verbosity: Verbosity
    /// Whether stderr is a terminal that may show progress.
    public let isInteractive: Bool
    private let lock = NSLock()
    private let sink: (String) -> Void

    public init(
        verbosity: Verbosity, environment: [String: String] = ProcessInfo.processInfo.environment,
        sink: ((String) -> Void)? = nil
    ) {
        self.verbosity = verbosity
        let terminal = isatty(STDERR_FILENO) == 1
        let plain = environment["NO_COLOR"] != nil || environment["TERM"] == "dumb"
        self.isInteractive = terminal && !plain
        self.sink = sink ?? { text in FileHandle.standardError.write(Data(text.utf8)) }
    }

    /// A diagnostic line (always printed, except notes under `--quiet`).
    public func report(_ diagnostic: Diagnostic) {
        if verbosity == .quiet && diagnostic.severity == .note { return }
        write(Self.safe(diagnostic.formatted) + "\n")
    }

    /// A stage starting: `[i/n] name`, on a terminal or with `--verbose`.
    public func stage(_ index: Int, of count: Int, _ name: String) {
        guard verbosity == .verbose || (verbosity == .normal && isInteractive) else { return }
        write("[\(index)/\(count)] \(Self.safe(name))\n")
    }

    /// Progress within a long step (`ingest git: 40000/75000 commits`), terminal only.
    public func progress(_ text: String) {
        guard verbosity >= .normal, isInteractive else { return }
        write("\r\u{1B}[K" + Self.safe(text))
    }

    /// Ends a progress line.
    public func endProgress() {
        guard verbosity >= .normal, isInteractive else { return }
        write("\r\u{1B}[K")
    }

    /// Extra detail under `--verbose`.
    public func detail(_ text: String) {
        guard verbosity == .verbose else { return }
        write(Self.safe(text) + "\n")
    }

    /// The closing summary (not under `--quiet`).
    public func summary(_ text: String) {
        guard verbosity >= .normal else { return }
        write(Self.safe(text) + "\n")
    }

    /// `text` as it may reach a terminal: secrets redacted, control characters (line
    /// breaks included: one message, one line) shown as symbols.
    public static func safe(_ text: String) -> String {
        ControlCharacters.visible(SecretRedactor.redact(text), keepingLineBreaks: false)
    }

    private func write(_ text: String) {
        lock.lock()
        sink(text)
        lock.unlock()
    }
}
