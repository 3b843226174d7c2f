/// Something that hands out a metric file's whole lines in bounded chunks: a plain
/// `.jsonl` file (`MetricFileReader`) or a gzip-compressed one (`GzipMetricReader`).
///
/// Offsets and fingerprints are in the file's text, uncompressed, so a plain file and the
/// compressed archive logrotate makes of it describe the same lines the same way.
protocol MetricChunkReader: AnyObject {
    /// The file's size on disk when opened (compressed size for gzip).
    var size: Int64 { get }
    /// The most bytes one chunk holds (and so the longest line that can be stored).
    var chunkSize: Int { get }
    /// The whole lines after `offset` (in the file's text, uncompressed), at most `chunkSize` bytes.
    func nextChunk(from offset: Int64) throws -> MetricFileReader.Chunk
    /// The fingerprint of the file's text up to `offset`, an offset a chunk already ended
    /// at: what must be unchanged for a later run to read on from `offset`.
    func fingerprint(upTo offset: Int64) throws -> String
    /// Whether this file's text starts with exactly what `state` says was read, so that
    /// reading on from `state.offset` neither loses nor repeats a line. `sameName`: the
    /// state is this file's own (not that of a file rotated into this one).
    func continues(_ state: MetricFileState, sameName: Bool) throws -> Bool
    /// Whether nothing was added since `state`, which this file continues, known without
    /// reading it.
    func isUnchanged(since state: MetricFileState) -> Bool
}

extension MetricFileReader: MetricChunkReader {
    func fingerprint(upTo offset: Int64) throws -> String {
        try MetricFileState.fingerprint(of: self, upTo: offset)
    }

    func continues(_ state: MetricFileState, sameName: Bool) throws -> Bool {
        guard !state.isLegacyGzip, size >= state.offset else { return false }
        return try fingerprint(upTo: state.offset) == state.fingerprint
    }

    func isUnchanged(since state: MetricFileState) -> Bool {
        // Reading from the offset finds nothing when the size is the same: no need to ask.
        size == state.offset
    }
}
