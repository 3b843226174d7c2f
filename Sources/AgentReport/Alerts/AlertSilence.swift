import Foundation
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The silences of the config (`alerts.silences`): a glob over fingerprints and an expiry.
public struct AlertSilences: Sendable {
    /// One silence, its expiry in epoch seconds.
    struct Entry: Sendable {
        let pattern: String
        let until: Int64
    }

    let entries: [Entry]

    /// The config's silences. `until` given as a date (`2026-12-31`) lasts through that UTC day.
    public init(_ silences: [ReportConfig.Silence]) {
        entries = silences.compactMap { silence in
            guard let start = UTCTime.parse(silence.until) else { return nil }
            let dateOnly = silence.until.trimmingCharacters(in: .whitespaces).count == 10
            return Entry(pattern: silence.match, until: dateOnly ? start + 86_400 : start)
        }
    }

    /// Until when (epoch seconds) the alert with this fingerprint is silenced at `now`, or
    /// nil when no silence that is still running matches it.
    public func silencedUntil(_ fingerprint: String, now: Int64) -> Int64? {
        entries.filter { $0.until > now && fnmatch($0.pattern, fingerprint, 0) == 0 }.map(\.until).max()
    }
}
