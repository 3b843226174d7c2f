/// Decides where each metric file is read from: its own remembered state, the state of the
/// file it was rotated from, or the start.
///
/// logrotate renames `x.jsonl` to `x.jsonl.1` (or copies it there and truncates it, or
/// compresses it to `x.jsonl.1.gz`, or dates it): lines appended after the last run and
/// before the rotation then live under the new name. A state is *free* when its own file is
/// gone or no longer continues it; a file that does not continue its own state is matched
/// against the free states, cheapest check first (the first 4 KiB of text), and continues
/// the one whose text it starts with. Matching is by content, not by name, so any naming
/// scheme works; were two copies to continue one state, both read on from it, and the
/// samples' unique keys keep what they both hold single.
struct MetricFileMatcher {
    /// Where a file is read from.
    enum Start {
        /// Its own state: read on from it.
        case continuing(MetricFileState)
        /// The state of the file it was rotated from (that file's name): read on from it.
        case rotated(from: String, MetricFileState)
        /// The start: a new file, or one whose content is not what was read (with the
        /// reason, for a note), unless the old content was found under another name.
        case beginning(replaced: String?)
    }

    /// The states of the last run, by stored name (`SecretRedactor.redact` of the file name,
    /// as the store keeps it).
    private let states: [String: MetricFileState]
    /// The files in the folder now: stored name → file name.
    private let present: [String: String]
    /// Whether a present file continues its own state, once known.
    private var continuesOwn: [String: Bool] = [:]
    /// States another file was found to continue (rotated away from their own file).
    private var claimed: Set<String> = []

    /// A matcher for the states the last run remembered and the files now in the folder.
    init(states: [String: MetricFileState], present names: [String]) {
        self.states = states
        present = Dictionary(names.map { (SecretRedactor.redact($0), $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Where to read the file `name` from; `reader` reads it, `open` opens another file of
    /// the folder by name (nil when it cannot be opened).
    mutating func start(
        for name: String, reader: any MetricChunkReader, open: (String) -> (any MetricChunkReader)?
    ) throws -> Start {
        let key = SecretRedactor.redact(name)
        let own = states[key]
        if let own, try reader.continues(own, sameName: true) {
            continuesOwn[key] = true
            return .continuing(own)
        }
        continuesOwn[key] = false
        for (other, state) in states.sorted(by: { $0.key < $1.key }) where other != key && state.offset > 0 {
            guard try isFree(other, state, open: open) else { continue }
            if try reader.continues(state, sameName: false) {
                claimed.insert(other)
                return .rotated(from: other, state)
            }
        }
        guard let own, own.offset > 0, !claimed.contains(key) else { return .beginning(replaced: nil) }
        return .beginning(
            replaced: reader.size < own.offset && !(reader is GzipMetricReader)
                ? "the file is shorter than the \(own.offset) bytes read before (truncated or replaced)"
                : "its content changed since it was last read (replaced)")
    }

    /// Whether the state of `name` is free: its file is gone, or does not continue it.
    private mutating func isFree(_ name: String, _ state: MetricFileState, open: (String) -> (any MetricChunkReader)?)
        throws -> Bool
    {
        guard let file = present[name] else { return true }
        if let known = continuesOwn[name] { return !known }
        let continues = try open(file).map { try $0.continues(state, sameName: true) } ?? false
        continuesOwn[name] = continues
        return !continues
    }
}
