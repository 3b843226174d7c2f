/// The agents seen in a run's agent samples, with their earliest and latest sample time,
/// so that each agent is noted once per run rather than once per line.
struct AgentTimes {
    /// One agent id (its bytes) and its time range.
    struct Entry {
        /// The agent id (a slug), as bytes.
        var id: [UInt8]
        /// Earliest and latest sample time, in seconds since the epoch.
        var first: Int64
        var last: Int64
    }

    private(set) var entries: [Entry] = []
    private var lastIndex = 0

    /// Notes that agent `id` had a sample at `time` (a `.time` value; others are ignored).
    mutating func note(_ id: UnsafeBufferPointer<UInt8>, time: MetricBatch.Bound) {
        guard case .time(let seconds) = time else { return }
        // Samples come in runs of a few agents: try the last one found first.
        if lastIndex < entries.count, entries[lastIndex].id.elementsEqual(id) {
            return update(lastIndex, seconds)
        }
        if let index = entries.firstIndex(where: { $0.id.elementsEqual(id) }) {
            lastIndex = index
            return update(index, seconds)
        }
        entries.append(Entry(id: Array(id), first: seconds, last: seconds))
        lastIndex = entries.count - 1
    }

    /// Adds another run's worth of agents.
    mutating func merge(_ other: AgentTimes) {
        for entry in other.entries {
            entry.id.withUnsafeBufferPointer { id in
                note(id, time: .time(entry.first))
                note(id, time: .time(entry.last))
            }
        }
    }

    /// The agents by id: (id, first, last).
    var sorted: [(id: String, first: Int64, last: Int64)] {
        entries.map { (String(decoding: $0.id, as: UTF8.self), $0.first, $0.last) }.sorted { $0.id < $1.id }
    }

    private mutating func update(_ index: Int, _ seconds: Int64) {
        if seconds < entries[index].first { entries[index].first = seconds }
        if seconds > entries[index].last { entries[index].last = seconds }
    }
}
