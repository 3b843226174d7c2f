/// The demo's pseudo-random numbers: SplitMix64 (Steele, Lea, Flood 2014), written out here
/// so that a seed gives the same workspace on every machine and every Swift version
/// (the standard library's generators and `random(in:)` promise neither).
public struct DemoRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// A generator started from `seed`.
    public init(seed: UInt64) {
        state = seed
    }

    /// An independent generator for one part of the workspace (an agent's day, a file),
    /// so that parts do not shift when another part draws more numbers.
    public init(seed: UInt64, stream parts: UInt64...) {
        var mixed = Self.mix(seed &+ 0x9E37_79B9_7F4A_7C15)
        for part in parts { mixed = Self.mix(mixed ^ Self.mix(part &+ 0x632B_E59B_D9B4_E019)) }
        state = mixed
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state = state &+ 0x9E37_79B9_7F4A_7C15
        return Self.mix(state)
    }

    /// A uniform integer in `range` (the tiny modulo bias does not matter here).
    public mutating func int(_ range: ClosedRange<Int>) -> Int {
        let width = UInt64(range.upperBound - range.lowerBound) + 1
        return range.lowerBound + Int(next() % width)
    }

    /// A uniform value in [0, 1).
    public mutating func unit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A uniform value in `range`.
    public mutating func double(_ range: ClosedRange<Double>) -> Double {
        range.lowerBound + unit() * (range.upperBound - range.lowerBound)
    }

    /// True with probability `p`.
    public mutating func chance(_ p: Double) -> Bool {
        unit() < p
    }

    /// One element of a non-empty array.
    public mutating func pick<T>(_ items: [T]) -> T {
        items[int(0...(items.count - 1))]
    }

    /// A size with a long tail: mostly small, sometimes large (commit sizes are like that).
    public mutating func heavyTail(median: Int, max: Int) -> Int {
        let u = unit()
        let value = Double(median) * (u < 0.85 ? u / 0.85 * 2 : 2 + (u - 0.85) / 0.15 * Double(max) / Double(median))
        return Swift.max(1, Swift.min(max, Int(value)))
    }

    static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
