import Foundation

/// A `git` command that failed, or a `git` that could not be run at all.
public enum GitError: Error, CustomStringConvertible, Equatable {
    /// No `git` executable on PATH.
    case notInstalled
    /// git ran and exited non-zero.
    case failed(arguments: [String], status: Int32, stderr: String)
    /// The process could not be started.
    case launchFailed(String)

    /// What went wrong, and what to do about it.
    public var description: String {
        switch self {
        case .notInstalled:
            return "git is not installed (no `git` on PATH); install it (apt-get install git) to read commit history"
        case .failed(let arguments, let status, let stderr):
            let message = stderr.split(separator: "\n").prefix(3).joined(separator: "; ")
            return
                "`git \(arguments.prefix(3).joined(separator: " "))` exited with \(status)\(message.isEmpty ? "" : ": \(message)")"
        case .launchFailed(let reason):
            return "cannot run git: \(reason)"
        }
    }
}

/// Runs `git` in one repository and reads its output — whole for small outputs, streamed
/// line by line for large ones (history is never held whole).
///
/// stderr goes to a temporary file rather than a second pipe: reading two pipes from one
/// thread deadlocks as soon as git fills the one not being read.
public struct GitProcess: Sendable {
    /// The repository (or worktree, or bare repository) git runs in (`git -C`).
    public let repository: String
    /// Extra environment variables (e.g. fixed dates when writing history).
    public var environment: [String: String]
    /// The git executable, found on PATH.
    public let executable: String

    /// A runner for `repository`; throws `GitError.notInstalled` when PATH has no git.
    public init(repository: String, environment: [String: String] = [:], path: String? = nil) throws {
        guard let executable = Self.locate(path: path ?? ProcessInfo.processInfo.environment["PATH"]) else {
            throw GitError.notInstalled
        }
        self.repository = repository
        self.environment = environment
        self.executable = executable
    }

    /// Runs git and returns its whole stdout; throws `GitError.failed` on a non-zero exit.
    @discardableResult
    public func run(_ arguments: [String], input: Data? = nil) throws -> Data {
        var output = Data()
        let (status, stderr) = try execute(arguments, input: input) { handle in
            output = try handle.readToEnd() ?? Data()
        }
        guard status == 0 else { throw GitError.failed(arguments: arguments, status: status, stderr: stderr) }
        return output
    }

    /// Runs git and returns its stdout as text with the final newline removed.
    public func text(_ arguments: [String]) throws -> String {
        var text = String(decoding: try run(arguments), as: UTF8.self)
        if text.hasSuffix("\n") { text.removeLast() }
        return text
    }

    /// Runs git and hands each stdout line (without its `\n`; with `separator` 0, each
    /// NUL-terminated record of `-z` output) to `onLine` as it arrives; `input`, when given,
    /// is written to git's stdin (`--stdin` lists). Returns the exit status and stderr
    /// instead of throwing, so that a caller can keep what it read before git stopped (e.g.
    /// at an unreadable object).
    public func stream(
        _ arguments: [String], input: Data? = nil, separator: UInt8 = 0x0A, onLine: (ArraySlice<UInt8>) throws -> Void
    ) throws -> (status: Int32, stderr: String) {
        try execute(arguments, input: input) { handle in
            try LineReader.forEachLine(in: handle.fileDescriptor, separator: separator, onLine)
        }
    }

    /// Starts git in the background with its stdout going to a temporary file (a second
    /// worker, read once it is done, while the first is streamed).
    public func start(_ arguments: [String]) throws -> BackgroundGit {
        let process = makeProcess(arguments)
        let output = Self.temporaryFile("out")
        let errors = Self.temporaryFile("err")
        let running = BackgroundGit(process: process, output: output, errors: errors)
        process.standardOutput = try FileHandle(forWritingTo: output)
        process.standardError = try FileHandle(forWritingTo: errors)
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw GitError.launchFailed("\(error)")
        }
        return running
    }

    /// Streams stdout lines while `onLine` returns true; at the first false, git is stopped
    /// and `stopped` is true (its exit status then means nothing). For walks that can end
    /// early, such as a first-parent line that reaches a known commit.
    public func stream(
        _ arguments: [String], while onLine: (ArraySlice<UInt8>) throws -> Bool
    ) throws -> (status: Int32, stderr: String, stopped: Bool) {
        do {
            let (status, stderr) = try stream(arguments) { line in
                if try !onLine(line) { throw StopReading() }
            }
            return (status, stderr, false)
        } catch is StopReading {
            return (-1, "", true)
        }
    }

    /// The exit status of a git command whose output does not matter
    /// (`merge-base --is-ancestor` answers with it).
    public func status(_ arguments: [String]) throws -> Int32 {
        try execute(arguments, input: nil) { handle in _ = try handle.readToEnd() }.status
    }
}

extension GitProcess {
    /// A commit's committer time from the commit object's own header (`committer Name
    /// <e-mail> <seconds> <zone>`), for the times `%ct` does not print: git before 2.46
    /// prints nothing for a time before 1970. Nil when the object cannot be read.
    public func committerTime(of commit: String) -> Int64? {
        guard let object = try? run(["cat-file", "commit", commit]) else { return nil }
        for line in String(decoding: object, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false) {
            if line.isEmpty { break }
            guard line.hasPrefix("committer "), let close = line.lastIndex(of: ">") else { continue }
            return line[line.index(after: close)...].split(separator: " ").first.flatMap { Int64($0) }
        }
        return nil
    }
}

/// Thrown by a line handler to stop reading (see `GitProcess.stream(_:while:)`).
private struct StopReading: Error {}

extension GitProcess {
    static func locate(path: String?) -> String? {
        for directory in (path ?? "/usr/bin:/bin").split(separator: ":") {
            let candidate = "\(directory)/git"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    func execute(_ arguments: [String], input: Data?, consume: (FileHandle) throws -> Void) throws -> (
        status: Int32, stderr: String
    ) {
        let process = makeProcess(arguments)
        let stdout = Pipe()
        process.standardOutput = stdout
        let errorURL = Self.temporaryFile("err")
        defer { try? FileManager.default.removeItem(at: errorURL) }
        let errorHandle = try FileHandle(forWritingTo: errorURL)
        defer { try? errorHandle.close() }
        process.standardError = errorHandle
        let stdin = Pipe()
        process.standardInput = input == nil ? FileHandle.nullDevice : stdin
        do {
            try process.run()
        } catch {
            throw GitError.launchFailed("\(error)")
        }
        // The input is written on another thread while this one reads: git answers as it
        // reads (`cat-file --batch-check`), and once its output fills the pipe it stops
        // reading, so writing everything first deadlocks on any input longer than a pipe.
        let writer = stdin.fileHandleForWriting
        let written = DispatchGroup()
        if let input {
            _ = Self.ignoreBrokenPipes
            written.enter()
            DispatchQueue.global().async {
                // A git that exited early closes the pipe: the write fails (EPIPE), git's status says why.
                try? writer.write(contentsOf: input)
                try? writer.close()
                written.leave()
            }
        }
        do {
            try consume(stdout.fileHandleForReading)
        } catch {
            // Nobody wants the rest: stop git rather than let it write a whole history.
            process.terminate()
            process.waitUntilExit()
            written.wait()
            throw error
        }
        process.waitUntilExit()
        written.wait()
        let stderr = (try? String(contentsOf: errorURL, encoding: .utf8)) ?? ""
        return (process.terminationStatus, stderr)
    }

    /// Writing to a pipe whose reader has exited must fail with EPIPE, not kill the process.
    static let ignoreBrokenPipes: Void = {
        signal(SIGPIPE, SIG_IGN)
    }()

    /// A new, empty temporary file for git's output or errors.
    static func temporaryFile(_ suffix: String) -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "agentreport-git-\(UUID().uuidString).\(suffix)")
        _ = FileManager.default.createFile(atPath: url.path, contents: nil)
        return url
    }

    /// A git process with the environment every run uses, not started yet.
    func makeProcess(_ arguments: [String]) -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["-C", repository] + arguments
        // Stable, machine-readable output whatever the user's settings, and none of the
        // variables a run from inside a git hook inherits that would point git elsewhere.
        var environment = ProcessRunner.toolEnvironment()
        for (key, value) in self.environment { environment[key] = value }
        process.environment = environment
        return process
    }
}
