import Foundation

/// Reads a metric file in bounded chunks of whole lines, from any offset.
///
/// Never holds more than one chunk of the file: a 2 GB file is read 4 MiB at a time, so
/// memory stays flat whatever the size. Only the size seen when the file was opened is
/// read, so a collector appending during the run cannot keep the reader chasing it.
final class MetricFileReader {
    /// What the next read found.
    enum Chunk {
        /// Whole lines (`bytes` ends with `\n`); `end` is the offset after them.
        case lines(bytes: [UInt8], end: Int64)
        /// A line longer than the chunk size, skipped; `end` is the offset after its newline.
        case overlongLine(end: Int64)
        /// Nothing more that ends in a newline: the rest (if any) is a write in progress.
        case end
    }

    /// An error opening or reading the file, with the system's reason.
    struct ReadError: Error, CustomStringConvertible {
        /// The reason, for a diagnostic.
        var description: String
    }

    /// The file being read.
    let path: String
    /// The file's size when it was opened; nothing beyond it is read.
    let size: Int64
    /// The most bytes one chunk holds (and so the longest line that can be stored).
    let chunkSize: Int
    private let descriptor: Int32

    /// Opens `path` for reading, through `InputFile` (regular files only, never blocking).
    init(path: String, chunkSize: Int = 4 << 20) throws {
        let opened: InputFile.Opened
        do {
            opened = try InputFile.open(path)
        } catch {
            throw ReadError(description: error.description)
        }
        self.path = path
        self.descriptor = opened.descriptor
        self.size = opened.size
        self.chunkSize = max(chunkSize, 16)
    }

    deinit { close(descriptor) }

    /// Up to `count` bytes at `offset` (fewer at the end of the file).
    func read(at offset: Int64, count: Int) throws -> [UInt8] {
        let wanted = max(0, min(Int64(count), size - offset))
        return try [UInt8](unsafeUninitializedCapacity: Int(wanted)) { buffer, initialized in
            initialized = 0
            guard let base = buffer.baseAddress else { return }
            while initialized < buffer.count {
                let n = pread(descriptor, base + initialized, buffer.count - initialized, off_t(offset) + off_t(initialized))
                if n < 0, errno == EINTR { continue }
                guard n >= 0 else { throw ReadError(description: "read failed: \(String(cString: strerror(errno)))") }
                if n == 0 { break }  // the file shrank while being read
                initialized += n
            }
        }
    }

    /// The whole lines after `offset`, at most `chunkSize` bytes of them.
    func nextChunk(from offset: Int64) throws -> Chunk {
        guard offset < size else { return .end }
        var bytes = try read(at: offset, count: chunkSize)
        if let last = Self.lastNewline(in: bytes) {
            bytes.removeSubrange((last + 1)...)
            return .lines(bytes: bytes, end: offset + Int64(last + 1))
        }
        let scanned = offset + Int64(bytes.count)
        guard bytes.count == chunkSize, scanned < size else { return .end }
        // One line fills the whole chunk: find its end without holding it.
        var position = scanned
        while position < size {
            let block = try read(at: position, count: min(chunkSize, 1 << 20))
            if block.isEmpty { break }
            if let newline = Self.firstNewline(in: block) {
                return .overlongLine(end: position + Int64(newline + 1))
            }
            position += Int64(block.count)
        }
        return .end
    }
}

private extension MetricFileReader {
    // memchr rather than `firstIndex(of:)`: skipping a huge line scans it all, and in debug
    // builds the generic version is two orders of magnitude slower.
    static func firstNewline(in bytes: [UInt8]) -> Int? {
        bytes.withUnsafeBytes { raw -> Int? in
            guard let base = raw.baseAddress, let hit = memchr(base, 0x0A, raw.count) else { return nil }
            return base.distance(to: UnsafeRawPointer(hit))
        }
    }

    static func lastNewline(in bytes: [UInt8]) -> Int? {
        bytes.withUnsafeBufferPointer { buffer -> Int? in
            var index = buffer.count - 1
            while index >= 0 {
                if buffer[index] == 0x0A { return index }
                index -= 1
            }
            return nil
        }
    }
}
