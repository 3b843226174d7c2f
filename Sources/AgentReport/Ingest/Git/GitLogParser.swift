/// Turns the NUL-terminated records of `git log -z --numstat --format=<format>` into commits,
/// one at a time, so the history is never held whole.
///
/// With `-z` every file name is printed as its bytes, unquoted, and a rename as an empty
/// path followed by the old and the new name as records of their own — so a file named
/// `a => b.js` or holding a tab or newline is exact, for counts and for `exclude.paths`.
///
/// Records: a commit's header starts with U+001E, its fields (`format`) separated by U+001F
/// and its message closed by U+001D; then one record per file, `added<TAB>deleted<TAB>path`
/// (the first one after a newline that separates it from the header).
struct GitLogParser {
    /// The `--format` this parser reads: hash, parents, committer time, author name and
    /// e-mail with `.mailmap` applied, the ref that reached the commit (`--source`), message.
    static let format = "%x1e%H%x1f%P%x1f%ct%x1f%aN%x1f%aE%x1f%S%x1f%B%x1d"

    private var current: ParsedCommit?
    /// A rename's numbers, waiting for its two path records (old, then new).
    private var rename: (added: Int?, deleted: Int?, pathsLeft: Int)?

    /// The commit whose header was read but which is not known to be complete (after git
    /// stopped early, this is the commit it was working on, or the one before it).
    var pending: ParsedCommit? { current }

    /// Feeds one record (without its NUL); returns the previous commit when this record
    /// starts a new one.
    mutating func feed(_ record: ArraySlice<UInt8>) -> ParsedCommit? {
        if var waiting = rename {
            waiting.pathsLeft -= 1
            if waiting.pathsLeft == 0 {
                current?.files.append(
                    NumstatEntry(
                        added: waiting.added, deleted: waiting.deleted, path: String(decoding: record, as: UTF8.self)))
                rename = nil
            } else {
                rename = waiting
            }
            return nil
        }
        if record.first == 0x1E {
            let done = current
            current = Self.header(record.dropFirst())
            return done
        }
        var body = record
        if body.first == 0x0A { body = body.dropFirst() }
        guard !body.isEmpty, let entry = NumstatEntry(record: body) else { return nil }
        if entry.path.isEmpty {
            rename = (entry.added, entry.deleted, 2)
        } else {
            current?.files.append(entry)
        }
        return nil
    }

    /// Ends the stream; returns the last commit.
    mutating func finish() -> ParsedCommit? {
        defer { current = nil }
        return current
    }
}

private extension GitLogParser {
    static func header(_ record: ArraySlice<UInt8>) -> ParsedCommit? {
        let fields = record.split(separator: 0x1F, maxSplits: 6, omittingEmptySubsequences: false)
        guard fields.count == 7 else { return nil }
        func text(_ index: Int) -> String { String(decoding: fields[index], as: UTF8.self) }
        let parents = fields[1].isEmpty ? 0 : fields[1].split(separator: 0x20).count
        var message = fields[6]
        if let end = message.lastIndex(of: 0x1D) { message = message[message.startIndex..<end] }
        // %B ends with the message's own newline(s): trailing blank lines are not content.
        while message.last == 0x0A || message.last == 0x0D { message = message.dropLast() }
        var commit = ParsedCommit(
            hash: text(0), parentCount: parents, committerTime: Int64(text(2)),
            authorName: text(3), authorEmail: text(4), source: text(5),
            message: String(decoding: message, as: UTF8.self))
        // git re-encodes messages that declare their encoding; one that does not (raw Latin-1)
        // arrives as bytes that are not UTF-8: decoded with U+FFFD, and said so.
        commit.hasInvalidUTF8 = record.contains { $0 >= 0x80 } && String(validating: record, as: UTF8.self) == nil
        return commit
    }
}
