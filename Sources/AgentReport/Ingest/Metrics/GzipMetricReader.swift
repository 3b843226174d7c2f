import CZlib
import Foundation

/// Reads a gzip-compressed metric file (`*.jsonl.gz`, or a rotated `*.jsonl.1.gz`) through
/// the system zlib, in bounded chunks of whole lines, sequentially.
///
/// Offsets and fingerprints are in the uncompressed text, as for a plain file, so an
/// archive logrotate compressed from `x.jsonl` is recognised as the continuation of what
/// was read from `x.jsonl`. Compressed files cannot be read from the middle, so reading on
/// from an offset decompresses and drops what comes before it. The first 4 KiB of text and
/// the last bytes before each chunk's end are kept as they pass, so fingerprints cost no
/// second pass. A gzip stream cut short (still being written) ends where its last whole
/// line ends, like a plain file. An unchanged compressed size means nothing new (rotated
/// archives never change).
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
    /// What the fingerprints need, filled as the text passes (guarded by `lock`: chunks are
    /// read on the reader thread, fingerprints asked for on the inserting one).
    private let lock = NSLock()
    private var head: [UInt8] = []
    private var tail: [UInt8] = []
    private var tailsAtChunkEnds: [(end: Int64, tail: [UInt8])] = []

    /// Opens `path` for reading through `InputFile` (regular files only, never blocking,
    /// at most `InputFile.Limit.metricFile` compressed bytes).
    init(path: String, chunkSize: Int = 4 << 20) throws(InputFile.Problem) {
        let opened = try InputFile.open(path)
        guard opened.size <= InputFile.Limit.metricFile else {
            close(opened.descriptor)
            throw .tooLarge(size: opened.size, limit: InputFile.Limit.metricFile)
        }
        // gzdopen takes the descriptor: gzclose closes it.
        guard let file = gzdopen(opened.descriptor, "rb") else {
            close(opened.descriptor)
            throw .unreadable("cannot start decompressing")
        }
        gzbuffer(file, 1 << 18)
        self.path = path
        self.file = file
        self.size = opened.size
        self.chunkSize = max(chunkSize, 16)
    }

    deinit { gzclose(file) }

    func nextChunk(from offset: Int64) throws -> MetricFileReader.Chunk {
        if position < offset {
            try skip(to: offset)
            if position == offset { noteChunkEnd() }
        }
        try fill()
        if let last = pending.lastIndex(of: 0x0A) {
            let bytes = take(last + 1)
            noteChunkEnd()
            return .lines(bytes: bytes, end: position)
        }
        guard !atEnd else { return .end }
        // One line fills the whole chunk: drop it up to its newline.
        while true {
            _ = take(pending.count)
            try fill()
            if pending.isEmpty { return .end }
            if let newline = pending.firstIndex(of: 0x0A) {
                _ = take(newline + 1)
                noteChunkEnd()
                return .overlongLine(end: position)
            }
        }
    }

    func fingerprint(upTo offset: Int64) throws -> String {
        lock.lock()
        let headCount = Int(min(offset, Int64(MetricFileState.headBytes)))
        let known = tailsAtChunkEnds.last { $0.end == offset }
        let head = self.head.count >= headCount ? Array(self.head[..<headCount]) : nil
        lock.unlock()
        if let known, let head { return MetricFileState.fingerprint(head: head, tail: known.tail) }
        return try Self.scan(path, upTo: offset).fingerprint
    }

    func continues(_ state: MetricFileState, sameName: Bool) throws -> Bool {
        if state.isLegacyGzip {
            // Written before v10 for this archive only: the same compressed start.
            guard sameName else { return false }
            let parts = state.fingerprint.split(separator: ":")
            guard parts.count == 3, let count = Int(parts[1]), Int64(count) <= size else { return false }
            return try Self.compressedStart(path, count: count) == state.fingerprint
        }
        guard let expected = state.head else { return false }
        // The same archive as before, not even opened: archives are never rewritten in place.
        if sameName, size == state.size { return true }
        let head = try Self.scan(path, upTo: Int64(expected.count)).head
        guard head.count == expected.count, FNV1a.hex(head) == expected.hash else { return false }
        let scanned = try Self.scan(path, upTo: state.offset)
        return scanned.reached == state.offset && scanned.fingerprint == state.fingerprint
    }

    func isUnchanged(since state: MetricFileState) -> Bool {
        size == state.size
    }
}

private extension GzipMetricReader {
    /// Takes `count` bytes from the front of `pending`, noting what fingerprints need.
    func take(_ count: Int) -> [UInt8] {
        let bytes = Array(pending[..<count])
        pending.removeSubrange(..<count)
        lock.lock()
        if head.count < MetricFileState.headBytes {
            head.append(contentsOf: bytes.prefix(MetricFileState.headBytes - head.count))
        }
        tail.append(contentsOf: bytes.suffix(MetricFileState.tailBytes))
        if tail.count > MetricFileState.tailBytes { tail.removeFirst(tail.count - MetricFileState.tailBytes) }
        lock.unlock()
        position += Int64(count)
        return bytes
    }

    /// Remembers the tail at the end of the chunk just handed out (a few, for the chunks
    /// read ahead of the inserts).
    func noteChunkEnd() {
        lock.lock()
        tailsAtChunkEnds.append((position, tail))
        if tailsAtChunkEnds.count > 16 { tailsAtChunkEnds.removeFirst() }
        lock.unlock()
    }

    /// Drops uncompressed bytes up to `offset` (a previous run read them).
    func skip(to offset: Int64) throws {
        while position + Int64(pending.count) < offset {
            _ = take(pending.count)
            try fill()
            if pending.isEmpty { return }
        }
        if position < offset { _ = take(Int(offset - position)) }
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

    /// Decompresses `path` afresh up to `offset`: the text's first bytes, the bytes just
    /// before `offset` (or before the end, when the text is shorter), how far it got, and
    /// the fingerprint of that much. For the rare questions the pass being read cannot
    /// answer (is this archive the file read before under another name?).
    static func scan(_ path: String, upTo offset: Int64) throws -> (head: [UInt8], reached: Int64, fingerprint: String)
    {
        let reader: GzipMetricReader
        do {
            reader = try GzipMetricReader(path: path, chunkSize: 1 << 16)
        } catch {
            throw MetricFileReader.ReadError(description: "\(error)")
        }
        while reader.position + Int64(reader.pending.count) < offset {
            _ = reader.take(reader.pending.count)
            try reader.fill()
            if reader.pending.isEmpty { break }
        }
        if reader.position < offset { _ = reader.take(min(reader.pending.count, Int(offset - reader.position))) }
        let headCount = Int(min(reader.position, Int64(MetricFileState.headBytes)))
        let head = Array(reader.head.prefix(headCount))
        return (head, reader.position, MetricFileState.fingerprint(head: head, tail: reader.tail))
    }

    /// The `gz:<n>:<hash>` form of the first `count` compressed bytes (fingerprints before v10).
    static func compressedStart(_ path: String, count: Int) throws -> String {
        let head = try MetricFileReader(path: path).read(at: 0, count: count)
        return "gz:\(head.count):\(FNV1a.hex(head))"
    }
}
