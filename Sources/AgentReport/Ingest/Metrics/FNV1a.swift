/// FNV-1a, 64 bits: a hash that is the same on every run and platform (Swift's `Hasher`
/// is seeded per process), for fingerprints and derived ids that are stored.
enum FNV1a {
    /// The hash of `bytes`.
    static func hash<C: Collection>(_ bytes: C) -> UInt64 where C.Element == UInt8 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return hash
    }

    /// The hash as sixteen lower-case hex digits.
    static func hex<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        let digits = String(hash(bytes), radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
