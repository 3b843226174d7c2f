/// How far a metric file was read, and a fingerprint of what was read (`metric_files`).
///
/// Metric files are append-only logs. The fingerprint hashes the text's first bytes (up to
/// 4 KiB) and the last bytes before `offset` (up to 256), uncompressed: a file whose text
/// still starts that way continues the state, whatever its name now is (logrotate renamed
/// it, copied it, compressed it); one that does not was replaced and is read from the start
/// (the unique keys keep samples already stored single).
public struct MetricFileState: Sendable, Equatable {
    /// The file's name relative to the metrics folder: the same wherever the workspace is
    /// moved or copied (never an absolute path).
    public var path: String
    /// Bytes read so far: always just after a newline.
    public var offset: Int64
    public var fingerprint: String
    /// The file's size when it was last read.
    public var size: Int64
    /// Newline-terminated lines read so far (the next line's number minus one).
    public var linesRead: Int

    /// A state.
    public init(path: String, offset: Int64, fingerprint: String, size: Int64, linesRead: Int) {
        self.path = path
        self.offset = offset
        self.fingerprint = fingerprint
        self.size = size
        self.linesRead = linesRead
    }

    /// How many bytes of the start, and of the end of what was read, the fingerprint covers.
    static let headBytes = 4096
    static let tailBytes = 256

    /// The fingerprint of the first `offset` bytes of the file `reader` reads.
    static func fingerprint(of reader: MetricFileReader, upTo offset: Int64) throws -> String {
        let headCount = Int(min(offset, Int64(headBytes)))
        let head = try reader.read(at: 0, count: headCount)
        let tailStart = max(0, offset - Int64(tailBytes))
        let tail = try reader.read(at: tailStart, count: Int(offset - tailStart))
        guard head.count == headCount, tail.count == Int(offset - tailStart) else { return "short" }
        return fingerprint(head: head, tail: tail)
    }

    /// `n:<head hash>:<tail hash>` for the first `n` bytes of the text and the bytes just
    /// before the offset.
    static func fingerprint(head: some Collection<UInt8>, tail: some Collection<UInt8>) -> String {
        "\(head.count):\(FNV1a.hex(head)):\(FNV1a.hex(tail))"
    }

    /// How many leading bytes the fingerprint's head covers, and their hash; nil for a
    /// fingerprint of another form.
    var head: (count: Int, hash: Substring)? {
        let parts = fingerprint.split(separator: ":")
        guard parts.count == 3, let count = Int(parts[0]) else { return nil }
        return (count, parts[1])
    }

    /// Whether the fingerprint is of the form agentreport before v10 wrote for gzip files
    /// (`gz:<n>:<hash of the compressed start>`), which describes only that archive.
    var isLegacyGzip: Bool { fingerprint.hasPrefix("gz:") }
}
