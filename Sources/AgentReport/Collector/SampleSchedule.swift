/// When `agentreport sample --every` takes its samples: every `interval` seconds from the
/// first, on a monotonic clock. A sample that takes longer than the interval is followed
/// at once by the next, and the schedule starts again from there: missed samples are not
/// caught up in a burst.
struct SampleSchedule: Sendable, Equatable {
    /// Seconds between samples.
    let interval: Double
    /// When the next sample is due (monotonic seconds).
    private(set) var next: Double

    /// A schedule whose first sample starts at `start` (monotonic seconds).
    init(interval: Double, start: Double) {
        self.interval = interval
        next = start
    }

    /// How long to wait before the next sample, when a sample ended at `now` (monotonic
    /// seconds): until its due time, or 0 when that has passed.
    mutating func pause(after now: Double) -> Double {
        next += interval
        let wait = next - now
        if wait > 0 { return wait }
        next = now
        return 0
    }
}
