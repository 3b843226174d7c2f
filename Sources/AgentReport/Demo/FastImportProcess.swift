import Foundation

/// One `git fast-import` process whose stdin is streamed: the demo writes a whole history
/// (blobs, commits, merges) through it without holding it in memory. `GitProcess` only
/// passes small inputs, hence this runner.
final class FastImportProcess {
    /// Where the import stream goes.
    let stream: ByteWriter
    private let process: Process
    private let stderrURL: URL

    /// Starts `git fast-import` in `repository` (an initialised repository).
    init(repository: String, git: GitProcess) throws {
        // A fast-import that died must not kill the demo with SIGPIPE: the write fails instead.
        signal(SIGPIPE, SIG_IGN)
        process = Process()
        process.executableURL = URL(fileURLWithPath: git.executable)
        // zlib level 1: the history is mostly board versions, and default compression made
        // git spend more time than the whole simulation (the pack is larger, not different).
        process.arguments = ["-C", repository, "-c", "pack.compression=1", "-c", "core.compression=1", "fast-import", "--quiet", "--done"]
        let input = Pipe()
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        stderrURL = FileManager.default.temporaryDirectory
            .appendingPathComponent("agentreport-fast-import-\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max)).err")
        guard FileManager.default.createFile(atPath: stderrURL.path, contents: nil) else {
            throw DemoError.failed("cannot create a temporary file in \(FileManager.default.temporaryDirectory.path)")
        }
        process.standardError = try FileHandle(forWritingTo: stderrURL)
        do {
            try process.run()
        } catch {
            throw DemoError.failed("cannot run git fast-import: \(error)")
        }
        stream = ByteWriter(handle: input.fileHandleForWriting)
    }

    /// Ends the stream, waits for git and throws when the import failed.
    func finish() throws {
        stream.write("done\n")
        let closing = Result { try stream.close() }
        process.waitUntilExit()
        defer { try? FileManager.default.removeItem(at: stderrURL) }
        let stderr = (try? String(contentsOf: stderrURL, encoding: .utf8)) ?? ""
        guard process.terminationStatus == 0 else {
            throw DemoError.failed("git fast-import exited with \(process.terminationStatus): \(stderr.split(separator: "\n").prefix(5).joined(separator: "; "))")
        }
        try closing.get()
    }
}
