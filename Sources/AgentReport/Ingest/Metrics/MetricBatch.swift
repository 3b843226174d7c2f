/// The decoded samples of one chunk of a metric file, ready to bind to SQLite.
///
/// Values are not Swift strings: text points into the chunk's own bytes (or into
/// `scratch` for decoded escapes and derived ids), so decoding a line allocates nothing
/// and a batch can be handed from the parsing thread to the inserting one whole.
struct MetricBatch: Sendable {
    /// Which table a sample goes to.
    enum Kind: Int, Sendable, CaseIterable {
        case agent, systemHealth, rag, alert
        /// The collector's kinds (`agentreport hook`): a test or build run, a session event.
        case check, session

        /// How many bound values a sample of this kind has (the INSERT's columns).
        var columnCount: Int {
            switch self {
            case .agent: 12
            case .systemHealth: 10
            case .rag: 9
            case .alert: 12
            case .check: 8
            case .session: 6
            }
        }
    }

    /// One value to bind.
    enum Bound: Sendable {
        case null
        case int(Int64)
        case real(Double)
        /// Seconds since the epoch, bound as `YYYY-MM-DD HH:MM:SS` UTC text.
        case time(Int64)
        /// Text at `start..<end` of the chunk's bytes.
        case chunkText(start: Int32, end: Int32)
        /// Text at `start..<end` of `scratch`.
        case scratchText(start: Int32, end: Int32)
        /// A fixed text such as a normalised status.
        case constant(StaticString)
    }

    /// One decoded sample: its kind and where its values start in `values`.
    struct Sample: Sendable {
        /// The table the sample goes to.
        var kind: Kind
        /// Index in `values` of its first column; `kind.columnCount` values follow.
        var firstValue: Int32
    }

    /// The bytes of the chunk: whole lines, each ending in a newline.
    var bytes: [UInt8] = []
    /// Decoded text that is not in the chunk as such.
    var scratch: [UInt8] = []
    /// The values of every sample, one after another.
    var values: [Bound] = []
    /// The decoded samples, in file order.
    var samples: [Sample] = []
    /// The first bad lines of the chunk: line number (in the file), column, message. At
    /// most `problemDetailLimit`; the others are only counted, so a chunk of garbage costs
    /// no more memory than a chunk of samples.
    private(set) var problems: [(line: Int, column: Int, message: String)] = []
    /// Bad lines beyond `problems`, and the line number of the first of them.
    private(set) var moreProblems = 0
    private(set) var firstMoreProblemLine: Int?
    /// How many bad lines a chunk keeps in detail (a file shows no more than this either).
    static let problemDetailLimit = 5

    /// Records a bad line.
    mutating func addProblem(line: Int, column: Int, message: @autoclosure () -> String) {
        if problems.count < Self.problemDetailLimit {
            problems.append((line, column, message()))
        } else {
            moreProblems += 1
            if firstMoreProblemLine == nil { firstMoreProblemLine = line }
        }
    }

    /// Every bad line of the chunk, detailed or not.
    var problemCount: Int { problems.count + moreProblems }
    /// Number of newline-terminated lines the chunk holds (including bad and blank ones).
    var lineCount = 0
    /// File offsets the chunk covers.
    var startOffset: Int64 = 0
    var endOffset: Int64 = 0
}
