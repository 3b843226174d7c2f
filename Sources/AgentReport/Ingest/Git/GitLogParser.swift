/// Turns the streamed lines of `git log --numstat --format=<format>` into commits, one at
/// a time, so the history is never held whole.
///
/// Each commit is a header line starting with U+001E whose fields are separated by U+001F,
/// the message (which may span lines) closed by U+001D, then its numstat lines.
struct GitLogParser {
    /// The `--format` this parser reads.
    static let format = "%x1e%H%x1f%P%x1f%ct%x1f%an%x1f%ae%x1f%S%x1f%B%x1d"

    private var current: ParsedCommit?
    private var inMessage = false
    private var messageLines: [String] = []

    /// The commit whose header was read but which is not known to be complete (after git
    /// stopped early, this is the commit it was working on, or the one before it).
    var pending: ParsedCommit? { current.map { finished($0) } }

    /// Feeds one line; returns the previous commit when this line starts a new one.
    mutating func feed(_ line: ArraySlice<UInt8>) -> ParsedCommit? {
        if line.first == 0x1E {
            let done = current.map { finished($0) }
            startCommit(line.dropFirst())
            return done
        }
        if inMessage {
            appendMessage(line)
        } else if !line.isEmpty, let entry = NumstatEntry(line: line) {
            current?.files.append(entry)
        }
        return nil
    }

    /// Ends the stream; returns the last commit.
    mutating func finish() -> ParsedCommit? {
        defer { current = nil }
        return current.map { finished($0) }
    }
}

private extension GitLogParser {
    mutating func startCommit(_ header: ArraySlice<UInt8>) {
        let fields = header.split(separator: 0x1F, maxSplits: 6, omittingEmptySubsequences: false)
        current = nil
        messageLines = []
        inMessage = false
        guard fields.count == 7 else { return }
        func text(_ index: Int) -> String { String(decoding: fields[index], as: UTF8.self) }
        let parents = fields[1].isEmpty ? 0 : fields[1].split(separator: 0x20).count
        current = ParsedCommit(
            hash: text(0), parentCount: parents, committerTime: Int64(text(2)) ?? 0,
            authorName: text(3), authorEmail: text(4), source: text(5), message: "")
        inMessage = true
        appendMessage(fields[6])
    }

    mutating func appendMessage(_ line: ArraySlice<UInt8>) {
        if let end = line.firstIndex(of: 0x1D) {
            messageLines.append(String(decoding: line[line.startIndex..<end], as: UTF8.self))
            inMessage = false
        } else {
            messageLines.append(String(decoding: line, as: UTF8.self))
        }
    }

    func finished(_ commit: ParsedCommit) -> ParsedCommit {
        var commit = commit
        var lines = messageLines
        while lines.last?.isEmpty == true { lines.removeLast() }
        commit.message = lines.joined(separator: "\n")
        return commit
    }
}
