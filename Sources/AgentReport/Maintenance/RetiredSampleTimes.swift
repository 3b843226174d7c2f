/// The times of the samples a retired bucket summarises, kept after their detail rows are
/// deleted, so that a sample ingested again later (an old metrics file read anew) is
/// recognised as one already counted rather than merged twice.
///
/// Stored as text in the aggregate's `retired_sample_times`: runs of evenly spaced offsets
/// (seconds from the bucket's start) written `start:step:count`, comma-separated. A day of
/// one-minute samples is `0:60:1440`; irregular samples cost one run per change of spacing.
enum RetiredSampleTimes {
    /// The runs text for offsets (any order, duplicates ignored).
    static func encode<S: Sequence>(_ offsets: S) -> String where S.Element == Int64 {
        let sorted = Array(Set(offsets)).sorted()
        var runs: [String] = []
        var index = 0
        while index < sorted.count {
            let start = sorted[index]
            guard index + 1 < sorted.count else {
                runs.append("\(start):0:1")
                break
            }
            let step = sorted[index + 1] - start
            var count = 2
            while index + count < sorted.count, sorted[index + count] - sorted[index + count - 1] == step { count += 1 }
            runs.append("\(start):\(step):\(count)")
            index += count
        }
        return runs.joined(separator: ",")
    }

    /// The offsets of a runs text; unreadable runs are skipped.
    static func decode(_ text: String?) -> Set<Int64> {
        var result: Set<Int64> = []
        for run in (text ?? "").split(separator: ",") {
            let parts = run.split(separator: ":").compactMap { Int64($0) }
            guard parts.count == 3, parts[2] > 0, parts[2] < 10_000_000 else { continue }
            for k in 0..<parts[2] { result.insert(parts[0] + k * parts[1]) }
        }
        return result
    }
}
