/// Reads a metric file from an offset and decodes it, one bounded chunk at a time.
struct MetricChunkProducer {
    /// The file being read.
    let reader: any MetricChunkReader
    private var decoder: MetricLineDecoder
    /// The offset of the next chunk.
    private(set) var offset: Int64
    /// The file line number of the next line.
    private(set) var nextLine: Int

    /// A producer reading `reader` from `offset`, whose next line is line `nextLine`.
    init(reader: any MetricChunkReader, offset: Int64, nextLine: Int, now: Int64) {
        self.reader = reader
        self.offset = offset
        self.nextLine = nextLine
        self.decoder = MetricLineDecoder(now: now)
    }

    /// The next chunk's samples and problems, or nil when no whole line is left.
    mutating func next() throws -> MetricBatch? {
        var batch = MetricBatch()
        batch.startOffset = offset
        switch try reader.nextChunk(from: offset) {
        case .end:
            return nil
        case .overlongLine(let end):
            batch.endOffset = end
            batch.lineCount = 1
            batch.addProblem(line: nextLine, column: 1, message: "line longer than \(reader.chunkSize) bytes; skipped")
        case .lines(let bytes, let end):
            batch.endOffset = end
            let first = nextLine
            bytes.withUnsafeBufferPointer { decoder.decodeLines(of: $0, firstLine: first, into: &batch) }
            batch.bytes = bytes
        }
        offset = batch.endOffset
        nextLine += batch.lineCount
        return batch
    }
}
