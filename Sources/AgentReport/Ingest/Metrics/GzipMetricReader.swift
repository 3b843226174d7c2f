import CZlib
import Foundation

/// Reads a gzip-compressed metric file (`*.jsonl.gz`) through the system zlib, in bounded
/// chunks of whole lines, sequentially.
///
/// Offsets are in the uncompressed text. Compressed files cannot be read from the middle,
/// so reading on from an offset decompresses and drops what comes before it; the
/// fingerprint covers the compressed start, and an unchanged compressed size means nothing
/// new (rotated archives never change). A gzip stream cut short (still being written)
/// ends where its last whole line ends, like a plain file.
final class GzipMetricReader: MetricChunkReader {
    /// The compressed size when opened.
    let size: Int64
    /// The most uncompressed bytes one chunk holds.
    let chunkSize: Int
    private let path: String
    private let file: gzFile
    /// Uncompressed offset of the first byte of `pending`.
    private var position: Int64 = 0
    /// Decompressed bytes not handed out yet (at most `chunkSize`).
    private var pending: [UInt8] = []
    private var atEnd = false

    /// Opens `path` for reading.
    init(path: String, chunkSize: Int = 4 << 20) throws {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw MetricFileReader.ReadError(description: "cannot open: \(String(cString: strerror(errno)))")
        }
        guard info.st_mode & S_IFMT == S_IFREG else {
            throw MetricFileReader.ReadError(description: "not a regular file")
        }
        guard let file = gzopen(path, "rb") else {
            throw MetricFileReader.ReadError(description: "cannot open: \(String(cString: strerror(errno)))")
        }
        gzbuffer(file, 1 << 18)
        self.path = path
        self.file = file
        self.size = Int64(info.st_size)
        self.chunkSize = max(chunkSize, 16)
    }

    deinit { gzclose(file) }

    func nextChunk(from offset: Int64) throws -> MetricFileReader.Chunk {
        try skip(to: offset)
        try fill()
        if let last = pending.lastIndex(of: 0x0A) {
            let bytes = Array(pending[...last])
            pending.removeSubrange(...last)
            position += Int64(last + 1)
            return .lines(bytes: bytes, end: position)
        }
        guard !atEnd else { return .end }
        // One line fills the whole chunk: drop it up to its newline.
        while true {
            position += Int64(pending.count)
            pending.removeAll(keepingCapacity: true)
            try fill()
            if pending.isEmpty { return .end }
            if let newline = pending.firstIndex(of: 0x0A) {
                pending.removeSubrange(...newline)
                position += Int64(newline + 1)
                return .overlongLine(end: position)
            }
        }
    }

    /// `gz:<n>:<hash>` of the first n ≤ 4096 compressed bytes: the offset is in the
    /// uncompressed text, so it is the compressed start that identifies the archive.
    func fingerprint(upTo offset: Int64) throws -> String {
        try fingerprint(headBytes: Int(min(size, Int64(MetricFileState.headBytes))))
    }

    func isUnchanged(since state: MetricFileState) throws -> Bool {
        size == state.size
    }

    func changeReason(since state: MetricFileState) throws -> String? {
        if size < state.size {
            return "the compressed file is smaller than when it was last read (replaced)"
        }
        // Appended gzip members keep the start; a new archive under the same name does not.
        // Compare the same number of bytes as the stored fingerprint covered.
        let parts = state.fingerprint.split(separator: ":")
        let count = parts.count == 3 ? Int(parts[1]) ?? -1 : -1
        guard count >= 0, Int64(count) <= size, try fingerprint(headBytes: count) == state.fingerprint else {
            return "the compressed file's start changed since it was last read (replaced)"
        }
        return nil
    }
}

private extension GzipMetricReader {
    func fingerprint(headBytes: Int) throws -> String {
        let head = try MetricFileReader(path: path).read(at: 0, count: headBytes)
        return "gz:\(head.count):\(FNV1a.hex(head))"
    }

    /// Drops uncompressed bytes up to `offset` (a previous run read them).
    func skip(to offset: Int64) throws {
        while position + Int64(pending.count) < offset {
            position += Int64(pending.count)
            pending.removeAll(keepingCapacity: true)
            try fill()
            if pending.isEmpty { return }
        }
        if position < offset {
            pending.removeSubrange(..<Int(offset - position))
            position = offset
        }
    }

    /// Decompresses until `pending` holds `chunkSize` bytes or the stream ends.
    func fill() throws {
        while pending.count < chunkSize, !atEnd {
            let wanted = chunkSize - pending.count
            let start = pending.count
            pending.append(contentsOf: repeatElement(0, count: wanted))
            let n = pending.withUnsafeMutableBytes { raw in
                gzread(file, raw.baseAddress.map { $0 + start }, UInt32(wanted))
            }
            if n < 0 {
                pending.removeSubrange(start...)
                var code: Int32 = 0
                let message = gzerror(file, &code).map { String(cString: $0) } ?? "unknown error"
                // Z_BUF_ERROR: the stream stops short, as a file still being written does.
                guard code == Z_BUF_ERROR else {
                    throw MetricFileReader.ReadError(description: "cannot decompress: \(message)")
                }
                atEnd = true
            } else {
                pending.removeSubrange((start + Int(n))...)
                if n == 0 { atEnd = true }
            }
        }
    }
}
