import Foundation

/// Opens and reads input files the one safe way every source uses: only regular files, opened
/// non-blocking (a FIFO, socket or device in an input folder is skipped at once instead of
/// hanging the build while it holds the database lock), and never larger than a per-source
/// limit (a huge file is a clear diagnostic, not an out-of-memory kill).
public enum InputFile {
    /// Why an input file was not read; `description` is the diagnostic's message.
    public enum Problem: Error, Equatable, CustomStringConvertible {
        /// No such file (or a dangling symlink).
        case missing
        /// A FIFO, socket, device or directory: never read.
        case notRegular(kind: String)
        /// Larger than the source's limit.
        case tooLarge(size: Int64, limit: Int64)
        /// The system refused (permissions, I/O error), with its reason.
        case unreadable(String)

        public var description: String {
            switch self {
            case .missing: "no such file"
            case .notRegular(let kind): "not a regular file (\(kind)); skipped"
            case .tooLarge(let size, let limit):
                "\(InputFile.megabytes(size)) is larger than the \(InputFile.megabytes(limit)) limit for this input; skipped"
            case .unreadable(let reason): "cannot read: \(reason)"
            }
        }
    }

    /// The largest file each kind of input accepts, in bytes. Generous for real data, small
    /// enough that one file can never take the run past its memory budget when read whole.
    public enum Limit {
        /// `agentreport.json`.
        public static let config: Int64 = 1 << 20
        /// A task board (read in chunks, never whole).
        public static let taskBoard: Int64 = 1 << 30
        /// One task file of a per-task folder (Markdown or JSON).
        public static let taskFile: Int64 = 4 << 20
        /// The progress log.
        public static let progressLog: Int64 = 256 << 20
        /// One memory-bank pattern file.
        public static let memoryPattern: Int64 = 16 << 20
        /// One template or the stylesheet.
        public static let template: Int64 = 1 << 20
        /// A small file of git's own (`shallow`, a worktree's `gitdir`).
        public static let gitMetadata: Int64 = 16 << 20
        /// One metric file, plain or compressed (streamed in chunks, never read whole: the
        /// limit only stops a runaway file from keeping the nightly run busy for hours).
        public static let metricFile: Int64 = 16 << 30
    }

    /// An open regular file: its descriptor (the caller closes it) and size when opened.
    public struct Opened {
        public let descriptor: Int32
        public let size: Int64
    }

    /// Opens `path` for reading when it is a regular file (following symlinks), without ever
    /// blocking: `O_NONBLOCK` makes opening a FIFO return at once, and it is then rejected.
    public static func open(_ path: String) throws(Problem) -> Opened {
        let descriptor = Glibc.open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY)
        guard descriptor >= 0 else {
            let code = errno
            if code == ENOENT || code == ENOTDIR { throw .missing }
            // A socket cannot be opened at all (ENXIO): say what it is, not why open failed.
            var info = stat()
            if stat(path, &info) == 0, info.st_mode & S_IFMT != S_IFREG {
                throw .notRegular(kind: kindName(info.st_mode))
            }
            throw .unreadable(String(cString: strerror(code)))
        }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            let reason = String(cString: strerror(errno))
            close(descriptor)
            throw .unreadable(reason)
        }
        guard info.st_mode & S_IFMT == S_IFREG else {
            close(descriptor)
            throw .notRegular(kind: kindName(info.st_mode))
        }
        // Back to blocking reads: a regular file ignores the flag, but be explicit.
        _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) & ~O_NONBLOCK)
        return Opened(descriptor: descriptor, size: Int64(info.st_size))
    }

    /// The whole of a regular file no larger than `limit` bytes.
    public static func read(_ path: String, limit: Int64) throws(Problem) -> Data {
        let opened = try open(path)
        defer { close(opened.descriptor) }
        guard opened.size <= limit else { throw .tooLarge(size: opened.size, limit: limit) }
        var data = Data(count: Int(opened.size))
        var done = 0
        let failure: Problem? = data.withUnsafeMutableBytes { buffer -> Problem? in
            guard let base = buffer.baseAddress else { return nil }
            while done < buffer.count {
                let got = Glibc.read(opened.descriptor, base + done, buffer.count - done)
                if got < 0, errno == EINTR { continue }
                if got < 0 { return .unreadable(String(cString: strerror(errno))) }
                if got == 0 { break }  // shrank while reading: keep what was there
                done += got
            }
            return nil
        }
        if let failure { throw failure }
        if done < data.count { data.removeSubrange(done...) }
        return data
    }

    /// Whether `path` names a regular file (after symlinks); false for FIFOs, sockets, devices,
    /// folders and missing paths. For listing folders before reading them.
    public static func isRegularFile(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFREG
    }

    /// "12.5 MB" for a byte count (decimal megabytes, one decimal).
    static func megabytes(_ bytes: Int64) -> String {
        String(format: "%.1f MB", Double(bytes) / 1_000_000)
    }

    private static func kindName(_ mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFIFO: "a FIFO"
        case S_IFSOCK: "a socket"
        case S_IFCHR: "a character device"
        case S_IFBLK: "a block device"
        case S_IFDIR: "a directory"
        default: "not a regular file"
        }
    }
}
