import Foundation

/// Reads blobs through one long-running `git cat-file --batch`, one request at a time.
///
/// A `git cat-file blob` process per board version dominated the replay of long board
/// histories (a year of a 50-agent team is ~24,000 versions). Requests are strictly one
/// line out, one whole answer in, so the pipes can never both be full.
public final class GitBlobReader: @unchecked Sendable {
    private let git: GitProcess
    private let lock = NSLock()
    private var process: Process?
    private var requests: FileHandle?
    private var answers: FileHandle?
    private var pending: [UInt8] = []

    /// A reader for the repository of `git`; the process starts on the first request.
    public init(git: GitProcess) {
        self.git = git
    }

    deinit {
        try? requests?.close()
        process?.waitUntilExit()
    }

    /// The contents of blob `id`; throws when git does not have it.
    public func blob(_ id: String) throws -> Data {
        lock.lock()
        defer { lock.unlock() }
        let (requests, answers) = try started()
        _ = GitProcess.ignoreBrokenPipes
        do {
            try requests.write(contentsOf: Data((id + "\n").utf8))
        } catch {
            throw failure("cannot send a request to git cat-file: \(error)")
        }
        let header = try line(from: answers)
        let fields = header.split(separator: " ")
        guard fields.count == 3, fields[1] == "blob", let size = Int(fields[2]) else {
            throw GitError.failed(arguments: ["cat-file", "--batch"], status: 128, stderr: "\(id): \(header)")
        }
        var data = try bytes(size + 1, from: answers)  // the contents, then a newline
        data.removeLast()
        return Data(data)
    }
}

private extension GitBlobReader {
    func started() throws -> (FileHandle, FileHandle) {
        if let requests, let answers { return (requests, answers) }
        let process = git.makeProcess(["cat-file", "--batch"])
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw GitError.launchFailed("\(error)")
        }
        self.process = process
        requests = input.fileHandleForWriting
        answers = output.fileHandleForReading
        return (input.fileHandleForWriting, output.fileHandleForReading)
    }

    /// Appends what git has written so far. A raw `read(2)`: FileHandle's `read(upToCount:)`
    /// waits for the whole count or the end of the stream, which never comes here.
    func fill(from handle: FileHandle) throws {
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        let count = chunk.withUnsafeMutableBytes { buffer in
            read(handle.fileDescriptor, buffer.baseAddress, buffer.count)
        }
        guard count > 0 else {
            throw failure("git cat-file --batch stopped answering")
        }
        pending.append(contentsOf: chunk[..<count])
    }

    func line(from handle: FileHandle) throws -> String {
        while true {
            if let newline = pending.firstIndex(of: 0x0A) {
                let text = String(decoding: pending[..<newline], as: UTF8.self)
                pending.removeSubrange(...newline)
                return text
            }
            try fill(from: handle)
        }
    }

    func bytes(_ count: Int, from handle: FileHandle) throws -> [UInt8] {
        while pending.count < count { try fill(from: handle) }
        let result = Array(pending[..<count])
        pending.removeSubrange(..<count)
        return result
    }

    func failure(_ message: String) -> GitError {
        GitError.failed(arguments: ["cat-file", "--batch"], status: -1, stderr: message)
    }
}
