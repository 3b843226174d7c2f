import Foundation

/// A git command started by `GitProcess.start(_:)`, writing its stdout to a temporary file.
/// The files are removed when it is released (and git stopped, if still running).
public final class BackgroundGit {
    private let process: Process
    private let output: URL
    private let errors: URL

    /// A started `process` writing to `output` and `errors`.
    init(process: Process, output: URL, errors: URL) {
        self.process = process
        self.output = output
        self.errors = errors
    }

    deinit {
        if process.isRunning { process.terminate() }
        try? FileManager.default.removeItem(at: output)
        try? FileManager.default.removeItem(at: errors)
    }

    /// Waits for git to finish; returns its exit status and stderr.
    public func wait() -> (status: Int32, stderr: String) {
        process.waitUntilExit()
        return (process.terminationStatus, (try? String(contentsOf: errors, encoding: .utf8)) ?? "")
    }

    /// Reads the output record by record (lines, or NUL-terminated records of `-z` output,
    /// without their separator), in chunks: never whole.
    public func forEachLine(separator: UInt8 = 0x0A, _ onLine: (ArraySlice<UInt8>) throws -> Void) throws {
        let reader = try FileHandle(forReadingFrom: output)
        defer { try? reader.close() }
        try LineReader.forEachLine(in: reader.fileDescriptor, separator: separator, onLine)
    }
}
