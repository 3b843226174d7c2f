import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Partial reads for the collector, through the same safe open as every input (regular
/// files only, never blocking): the end of a growing log, and the small files of `/proc`,
/// whose size reads as 0 until they are read.
extension InputFile {
    /// The last bytes of a regular file and what `fstat` said of it when opened.
    public struct Tail: Sendable {
        /// The last `min(size, maximum)` bytes.
        public var data: Data
        /// The file's size in bytes.
        public var size: Int64
        /// Its last modification, seconds since 1970.
        public var modified: Double
        /// Whether `data` starts at the file's first byte.
        public var isWholeFile: Bool { Int64(data.count) >= size }
    }

    /// The last `maximum` bytes of `path` (all of it when smaller): the newest lines of an
    /// agent's session log without reading the whole log.
    public static func readTail(_ path: String, maximum: Int) throws(Problem) -> Tail {
        let opened = try open(path)
        defer { close(opened.descriptor) }
        var info = stat()
        _ = fstat(opened.descriptor, &info)
        let modified = Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9
        let start = max(0, opened.size - Int64(maximum))
        let data = try readAll(opened.descriptor, from: start, limit: Int(opened.size - start))
        return Tail(data: data, size: opened.size, modified: modified)
    }

    /// The first `maximum` bytes of `path`: the header line of a log.
    public static func readHead(_ path: String, maximum: Int) throws(Problem) -> Data {
        let opened = try open(path)
        defer { close(opened.descriptor) }
        return try readAll(opened.descriptor, from: 0, limit: maximum)
    }

    /// A `/proc`-style file read to its end (its size says 0), at most `limit` bytes.
    public static func readToEnd(_ path: String, limit: Int) throws(Problem) -> Data {
        let opened = try open(path)
        defer { close(opened.descriptor) }
        return try readAll(opened.descriptor, from: 0, limit: limit)
    }

    private static func readAll(_ descriptor: Int32, from offset: Int64, limit: Int) throws(Problem) -> Data {
        var data = Data(count: max(limit, 0))
        var done = 0
        let failure: Problem? = data.withUnsafeMutableBytes { buffer -> Problem? in
            guard let base = buffer.baseAddress else { return nil }
            while done < buffer.count {
                let got = pread(descriptor, base + done, buffer.count - done, off_t(offset) + off_t(done))
                if got < 0, errno == EINTR { continue }
                if got < 0 { return .unreadable(String(cString: strerror(errno))) }
                if got == 0 { break }
                done += got
            }
            return nil
        }
        if let failure { throw failure }
        if done < data.count { data.removeSubrange(done...) }
        return data
    }
}
