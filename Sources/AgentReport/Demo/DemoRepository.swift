/// The demo's git history, written as a `git fast-import` stream: blobs and commits get
/// marks, branches remember their tip mark. Nothing of the history is kept but marks.
final class DemoRepository {
    private let stream: ByteWriter
    private var nextMark = 1
    /// Commits written (merges included).
    private(set) var commits = 0
    /// Merge commits written.
    private(set) var merges = 0

    /// A repository writing to a fast-import stream.
    init(stream: ByteWriter) {
        self.stream = stream
    }

    /// Writes a blob and returns its mark.
    func blob(_ bytes: [UInt8]) -> Int {
        let mark = nextMark
        nextMark += 1
        stream.write("blob\nmark :\(mark)\ndata \(bytes.count)\n")
        stream.write(bytes: bytes)
        stream.write("\n")
        return mark
    }

    /// Writes a commit on `branch` (whose parent is `parent`, and `merge` for a merge) that
    /// sets each path to the blob of its mark; returns the commit's mark.
    func commit(
        branch: String, by identity: DemoIdentity, at time: Int64, message: String,
        parent: Int?, merge: Int? = nil, files: [(path: String, mark: Int)]
    ) -> Int {
        let mark = nextMark
        nextMark += 1
        commits += 1
        let signature = "\(identity.name) <\(identity.email)> \(time) +0000\n"
        let text = Array((message.hasSuffix("\n") ? message : message + "\n").utf8)
        stream.write("commit refs/heads/\(branch)\nmark :\(mark)\nauthor \(signature)committer \(signature)data \(text.count)\n")
        stream.write(bytes: text)
        if let parent { stream.write("from :\(parent)\n") }
        if let merge {
            stream.write("merge :\(merge)\n")
            merges += 1
        }
        for file in files { stream.write("M 100644 :\(file.mark) \(file.path)\n") }
        stream.write("\n")
        return mark
    }
}
