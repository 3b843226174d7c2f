/// Something that hands out a metric file's whole lines in bounded chunks: a plain
/// `.jsonl` file (`MetricFileReader`) or a gzip-compressed one (`GzipMetricReader`).
protocol MetricChunkReader: AnyObject {
    /// The file's size on disk when opened (compressed size for gzip).
    var size: Int64 { get }
    /// The most bytes one chunk holds (and so the longest line that can be stored).
    var chunkSize: Int { get }
    /// The whole lines after `offset` (in the file's text, uncompressed), at most `chunkSize` bytes.
    func nextChunk(from offset: Int64) throws -> MetricFileReader.Chunk
    /// The fingerprint of the file as read up to `offset`: what must be unchanged for a
    /// later run to read on from `offset`.
    func fingerprint(upTo offset: Int64) throws -> String
    /// Whether the file has nothing new since `state`, known without reading it.
    func isUnchanged(since state: MetricFileState) throws -> Bool
    /// Why the file can no longer be read on from `state.offset` (rotated, truncated,
    /// replaced), or nil when it can.
    func changeReason(since state: MetricFileState) throws -> String?
}

extension MetricFileReader: MetricChunkReader {
    func fingerprint(upTo offset: Int64) throws -> String {
        try MetricFileState.fingerprint(of: self, upTo: offset)
    }

    func isUnchanged(since state: MetricFileState) throws -> Bool {
        // Reading from the offset finds nothing when the size is the same: no need to ask.
        size == state.offset
    }

    func changeReason(since state: MetricFileState) throws -> String? {
        if size < state.offset {
            return "the file is shorter than the \(state.offset) bytes read before (truncated, rotated or replaced)"
        }
        if try fingerprint(upTo: state.offset) != state.fingerprint {
            return "the file's content changed since it was last read (rotated or replaced)"
        }
        return nil
    }
}
