import Testing

@testable import AgentReport

@Suite struct UTCTimeTests {
    @Test(arguments: [
        ("2026-03-02T21:35:00Z", "2026-03-02 21:35:00"),
        ("2026-03-02T21:35:00.778Z", "2026-03-02 21:35:00"),
        ("2026-03-02T23:35:00+02:00", "2026-03-02 21:35:00"),
        ("2026-03-03T00:05:00+0230", "2026-03-02 21:35:00"),
        ("2026-03-02 21:35:00", "2026-03-02 21:35:00"),
        ("2026-03-02T16:35:00-05", "2026-03-02 21:35:00"),
        ("2026-03-02", "2026-03-02 00:00:00"),
        ("2026-03-03T12:41:06+0000", "2026-03-03 12:41:06"),
        ("2024-02-29T00:00:00Z", "2024-02-29 00:00:00"),
        ("1969-12-31T23:59:59Z", "1969-12-31 23:59:59"),
    ])
    func parsesEveryAcceptedFormToUTC(input: String, stored: String) throws {
        let seconds = try #require(UTCTime.parse(input))
        #expect(UTCTime.format(seconds) == stored)
    }

    @Test(arguments: ["", "yesterday", "2026-13-01", "2026-02-30T00:00:00Z", "2026-03-02T25:00:00Z", "2026-03-02T10:00:00Q", "2026-03-02T10:00:00+2"])
    func rejectsWhatIsNotATime(input: String) {
        #expect(UTCTime.parse(input) == nil)
    }

    @Test func formatsTheEpoch() {
        #expect(UTCTime.format(0) == "1970-01-01 00:00:00")
        #expect(UTCTime.formatISO(86_400 + 3661) == "1970-01-02T01:01:01Z")
    }
}
