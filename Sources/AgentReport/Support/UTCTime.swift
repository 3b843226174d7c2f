import Foundation

/// Parsing and formatting of the UTC times the database stores as `YYYY-MM-DD HH:MM:SS`.
///
/// Hand-written rather than `ISO8601DateFormatter` because it is on the metrics hot path,
/// must accept the several forms agents and collectors write (`Z`, `+02:00`, `+0000`,
/// a space instead of `T`, fractional seconds), and must never depend on the locale.
public enum UTCTime {
    /// Seconds since 1970-01-01T00:00:00Z for an ISO-8601-like timestamp, or nil.
    ///
    /// Accepts `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM[:SS[.fff]]` with `T` or a space, followed by
    /// nothing (UTC), `Z`, `±HH:MM`, `±HHMM` or `±HH`. Fractional seconds are truncated.
    public static func parse<S: StringProtocol>(_ text: S) -> Int64? {
        var bytes = Array(text.utf8)
        // Trim surrounding whitespace.
        while let last = bytes.last, last == 0x20 || last == 0x09 { bytes.removeLast() }
        var start = 0
        while start < bytes.count, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
        return bytes.withUnsafeBufferPointer { buffer in
            parse(UnsafeBufferPointer(rebasing: buffer[start...]))
        }
    }

    /// The same as `parse(_:)`, over raw UTF-8 bytes (used by the metrics reader).
    public static func parse(_ b: UnsafeBufferPointer<UInt8>) -> Int64? {
        var i = 0
        func digits(_ count: Int) -> Int? {
            guard i + count <= b.count else { return nil }
            var value = 0
            for k in 0..<count {
                let c = b[i + k]
                guard c >= 0x30, c <= 0x39 else { return nil }
                value = value * 10 + Int(c - 0x30)
            }
            i += count
            return value
        }
        func expect(_ c: UInt8) -> Bool {
            guard i < b.count, b[i] == c else { return false }
            i += 1
            return true
        }
        guard let year = digits(4), expect(0x2D), let month = digits(2), expect(0x2D),
            let day = digits(2)
        else { return nil }
        guard (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day) else {
            return nil
        }
        var hour = 0
        var minute = 0
        var second = 0
        var offset = 0
        if i < b.count {
            guard b[i] == 0x54 || b[i] == 0x74 || b[i] == 0x20 else { return nil }  // T, t, space
            i += 1
            guard let h = digits(2), expect(0x3A), let m = digits(2) else { return nil }
            hour = h
            minute = m
            if expect(0x3A) {
                guard let s = digits(2) else { return nil }
                second = s
                if i < b.count, b[i] == 0x2E || b[i] == 0x2C {  // fractional seconds
                    i += 1
                    let fractionStart = i
                    while i < b.count, b[i] >= 0x30, b[i] <= 0x39 { i += 1 }
                    guard i > fractionStart else { return nil }
                }
            }
            guard hour < 24, minute < 60, second < 61 else { return nil }
            if i < b.count, b[i] == 0x20 { i += 1 }  // "2026-03-02 10:00:00 +0000"
            if i < b.count {
                if b[i] == 0x5A || b[i] == 0x7A {  // Z
                    i += 1
                } else if b[i] == 0x2B || b[i] == 0x2D {
                    let sign = b[i] == 0x2D ? -1 : 1
                    i += 1
                    guard let oh = digits(2) else { return nil }
                    var om = 0
                    if expect(0x3A) {
                        guard let m = digits(2) else { return nil }
                        om = m
                    } else if i < b.count {
                        guard let m = digits(2) else { return nil }
                        om = m
                    }
                    guard oh <= 23, om <= 59 else { return nil }
                    offset = sign * (oh * 3600 + om * 60)
                } else {
                    return nil
                }
            }
            guard i == b.count else { return nil }
        }
        let days = daysFromCivil(year: year, month: month, day: day)
        return Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + min(second, 59))
            - Int64(offset)
    }

    /// 0001-01-01 00:00:00 UTC: the earliest time `format` writes as four-digit years.
    public static let earliest: Int64 = -62_135_596_800
    /// 9999-12-31 23:59:59 UTC: the latest time `format` writes as four-digit years.
    public static let latest: Int64 = 253_402_300_799

    /// `YYYY-MM-DD HH:MM:SS` in UTC, the database's time format (years 0001–9999; see
    /// `earliest` and `latest`).
    public static func format(_ seconds: Int64) -> String {
        let (days, secondsOfDay) = floorDivision(seconds, 86_400)
        let (y, m, d) = civilFromDays(Int(days))
        let h = Int(secondsOfDay / 3600)
        let mi = Int(secondsOfDay % 3600 / 60)
        let s = Int(secondsOfDay % 60)
        return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2)) \(pad(h, 2)):\(pad(mi, 2)):\(pad(s, 2))"
    }

    /// `YYYY-MM-DD` in UTC.
    public static func formatDate(_ seconds: Int64) -> String {
        String(format(seconds).prefix(10))
    }

    /// `YYYY-MM-DDTHH:MM:SSZ`, for JSON and display.
    public static func formatISO(_ seconds: Int64) -> String {
        let text = format(seconds)
        return text.prefix(10) + "T" + text.suffix(8) + "Z"
    }

    /// Days since 1970-01-01 for a civil date (Howard Hinnant's algorithm).
    public static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The civil date of a day count since 1970-01-01.
    public static func civilFromDays(_ z0: Int) -> (year: Int, month: Int, day: Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (m <= 2 ? y + 1 : y, m, d)
    }
}

private extension UTCTime {
    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    static func floorDivision(_ a: Int64, _ b: Int64) -> (Int64, Int64) {
        let q = a / b
        let r = a % b
        return r < 0 ? (q - 1, r + b) : (q, r)
    }

    static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}
