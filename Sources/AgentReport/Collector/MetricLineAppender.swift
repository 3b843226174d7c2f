import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Appends the collector's lines to the daily files of the metrics folder
/// (`<prefix>-YYYY-MM-DD.jsonl`, the UTC date of the line's time).
///
/// Each line goes out whole in one `write(2)` on an `O_APPEND` descriptor: the kernel
/// places it at the end of the file in one piece, so concurrent writers (`sample` from
/// cron, `hook` from several agents at once) never interleave inside a line, and the
/// metrics ingest, which leaves a last line without its newline for the next run, never
/// sees half of one. A symlink in place of the file is refused (`O_NOFOLLOW`): the
/// collector writes only where it was told to.
struct MetricLineAppender: Sendable {
    /// The metrics folder (config `metrics.dir`).
    let directory: String
    /// The file name's prefix: `sample` or `hook`.
    let prefix: String

    /// Why a line was not written.
    struct WriteError: Error, CustomStringConvertible {
        var description: String
    }

    /// The file a line stamped `time` (seconds since 1970) goes to.
    func file(for time: Int64) -> String {
        let date = String(UTCTime.formatISO(time).prefix(10))
        return (directory as NSString).appendingPathComponent("\(prefix)-\(date).jsonl")
    }

    /// Appends `lines` (each without its newline), one `write(2)` each, to the file of `time`;
    /// creates the folder and the file when missing. Returns the file written.
    @discardableResult
    func append(_ lines: [String], time: Int64) throws -> String {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let path = file(for: time)
        let descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK, 0o644)
        guard descriptor >= 0 else {
            throw WriteError(description: "\(path): cannot open for appending: \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            throw WriteError(description: "\(path): not a regular file; nothing written")
        }
        for line in lines {
            var bytes = Array(line.utf8)
            bytes.append(0x0A)
            var written = -1
            repeat {
                written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            } while written < 0 && errno == EINTR
            guard written == bytes.count else {
                // A short write (disk full) may leave part of a line: the ingest reports it
                // as a bad line; nothing more can be done without touching other writers' lines.
                let reason = written < 0 ? String(cString: strerror(errno)) : "only \(written) of \(bytes.count) bytes"
                throw WriteError(description: "\(path): cannot append a line: \(reason)")
            }
        }
        return path
    }
}
