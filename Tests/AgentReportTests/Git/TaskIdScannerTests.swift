import Foundation
import Testing

@testable import AgentReport

@Suite struct TaskIdScannerTests {
    static let defaultPattern = ReportConfig.Attribution().taskIdPattern

    @Test func findsTheIdsAgentsWrite() {
        let scanner = TaskIdScanner(pattern: Self.defaultPattern)
        #expect(scanner.taskIds(in: "TASK-101: add API (see TASK-7, SPRINT-1-TASK-3; TASK-101 again)") == ["TASK-101", "TASK-7", "SPRINT-1-TASK-3"])
        #expect(scanner.taskIds(in: "no ids: task-1, TASK-, -12, TASK_1, xTASK-1, TASK-1a") == [])
        #expect(scanner.taskIds(in: "é TASK-12é and (TASK-13)") == ["TASK-13"])
    }

    /// The byte scanner must agree with NSRegularExpression on the default pattern, match
    /// for match, on text built from the characters that make the pattern hard.
    @Test func byteScannerAgreesWithTheRegex() throws {
        let regex = try NSRegularExpression(pattern: Self.defaultPattern)
        let scanner = TaskIdScanner(pattern: Self.defaultPattern)
        let alphabet: [String] = ["A", "B", "Z", "a", "1", "9", "0", "-", "-", "_", " ", ":", "é", "—", "\n", "TASK-", "T-1"]
        var generator = SplitMix64(seed: 42)
        for _ in 0..<4000 {
            let length = Int(generator.next() % 14)
            let text = (0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }.joined()
            let expected = regex.matches(in: text, range: NSRange(text.startIndex..., in: text))
                .compactMap { Range($0.range, in: text).map { String(text[$0]) } }
            #expect(scanner.matches(in: text) == expected, "\(text.debugDescription)")
        }
    }

    @Test func otherPatternsUseTheRegex() {
        let scanner = TaskIdScanner(pattern: "#([0-9]+)")
        #expect(scanner.taskIds(in: "fix #12 and #3") == ["#12", "#3"])
    }

    @Test func redactionStillCatchesEverySecretKindInCommitSubjects() {
        let secrets = [
            "token ghp_abcdefghijklmnopqrstuvwxyz0123456789", "key sk-abcdefghijklmnop1234", "AKIAABCDEFGHIJKLMNOP",
            "xoxb-1234567890-abcdef", "password=hunter2", "API_KEY: abc123", "-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----",
        ]
        for secret in secrets {
            #expect(SecretRedactor.redact("TASK-12: " + secret).contains("[REDACTED]"), "\(secret)")
        }
        #expect(SecretRedactor.redact("TASK-12: ask-me about the desk-lamp") == "TASK-12: ask-me about the desk-lamp")
    }
}
