import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads a file descriptor (git's stdout, or a file it wrote) record by record — lines, or
/// NUL-terminated records of git's `-z` output — into one reused buffer: no allocation per
/// read, whatever the history size, and only the current record (plus one buffer) in memory.
enum LineReader {
    /// Hands each record, without its `separator` (`\n` by default), to `onLine`; a last
    /// record without one too.
    static func forEachLine(
        in descriptor: Int32, separator: UInt8 = 0x0A, _ onLine: (ArraySlice<UInt8>) throws -> Void
    ) throws {
        var buffer = [UInt8](repeating: 0, count: 1 << 18)
        var filled = 0  // bytes at the front holding a line not finished yet
        while true {
            if filled == buffer.count {
                // A line longer than the buffer (a huge commit message): grow.
                buffer.append(contentsOf: repeatElement(0, count: buffer.count))
            }
            let count = buffer.withUnsafeMutableBytes { raw -> Int in
                guard let base = raw.baseAddress else { return -1 }
                return read(descriptor, base + filled, raw.count - filled)
            }
            if count < 0 {
                if errno == EINTR { continue }
                throw GitError.launchFailed("cannot read git's output: \(String(cString: strerror(errno)))")
            }
            if count == 0 { break }
            let end = filled + count
            var start = 0
            var scan = filled
            while let newline = buffer[scan..<end].firstIndex(of: separator) {
                try onLine(buffer[start..<newline])
                start = newline + 1
                scan = start
            }
            filled = end - start
            if start > 0, filled > 0 {
                buffer.withUnsafeMutableBytes { raw in
                    guard let base = raw.baseAddress else { return }
                    memmove(base, base + start, filled)
                }
            }
        }
        if filled > 0 { try onLine(buffer[0..<filled]) }
    }
}
