import Foundation
import Testing

@testable import AgentReport

/// Issue 14, item 1 (the pattern set): what `SecretRedactor` recognises, that it keeps JSON
/// valid, that redacting twice changes nothing, and what it must leave alone.
@Suite struct ReliabilityRedactionTests {
    @Test(arguments: SecretSamples.all)
    func everyPatternIsRedactedInPlainText(_ sample: SecretSamples.Sample) {
        let text = "TASK-12: before \(sample.text) after"
        let redacted = SecretRedactor.redact(text)
        #expect(!redacted.contains(sample.secret), "\(sample.name): \(redacted)")
        #expect(redacted.contains("[REDACTED]"), "\(sample.name)")
        #expect(redacted.hasPrefix("TASK-12: before "), "\(sample.name): \(redacted)")
        #expect(SecretRedactor.redact(redacted) == redacted, "\(sample.name): redacting twice changed \(redacted)")
    }

    @Test(arguments: SecretSamples.all)
    func jsonStaysValidWhereverTheSecretSits(_ sample: SecretSamples.Sample) throws {
        let inner = JSONSupport.encode(["note": "see \(sample.text) here"])
        let documents = [
            JSONSupport.encode(["message": "see \(sample.text) here"]),
            JSONSupport.encode(["tags": [sample.text, "ok"]]),
            JSONSupport.encode([sample.text: 1]),
            JSONSupport.encode(["nested": inner]),
            JSONSupport.encode([sample.text]),
        ]
        for document in documents {
            let redacted = SecretRedactor.redact(document)
            #expect(!redacted.contains(sample.secret), "\(sample.name): \(redacted)")
            let parsed = try? JSONSerialization.jsonObject(with: Data(redacted.utf8), options: [.fragmentsAllowed])
            #expect(parsed != nil, "\(sample.name): not JSON after redaction: \(redacted)")
        }
    }

    @Test func secretNamesTakeEveryAssignmentForm() {
        let cases: [(String, String)] = [
            ("DB_PASSWORD=hunter2 next", "DB_PASSWORD=[REDACTED] next"),
            ("aws_secret_access_key = wJalrXUtnFEMI/K7MDENG", "aws_secret_access_key = [REDACTED]"),
            ("GITHUB_TOKEN: abc123def", "GITHUB_TOKEN: [REDACTED]"),
            (#"{"password": "hunter2", "user": "bob"}"#, #"{"password": "[REDACTED]", "user": "bob"}"#),
            (#"{"db_password":1234}"#, #"{"db_password":"[REDACTED]"}"#),
            ("client_secret='s3cr3t' done", "client_secret='[REDACTED]' done"),
            ("Authorization: Bearer abc.def.ghi", "Authorization: Bearer [REDACTED]"),
            ("curl -H 'Authorization: token 0123456789'", "curl -H 'Authorization: token [REDACTED]'"),
            (
                "clone https://x-access-token:s3cr3tvalue@github.com/o/r.git",
                "clone https://[REDACTED]@github.com/o/r.git"
            ),
            ("postgres://app:pa55@db:5432/x", "postgres://[REDACTED]@db:5432/x"),
            (
                "mysql_root_password=s3cr3t and refs/heads/DB_PASSWORD=x1",
                "mysql_root_password=[REDACTED] and refs/heads/DB_PASSWORD=[REDACTED]"
            ),
        ]
        for (text, expected) in cases {
            #expect(SecretRedactor.redact(text) == expected)
        }
    }

    @Test func escapedJSONInsideJSONKeepsItsEscapes() throws {
        let document = JSONSupport.encode(["body": #"{"password": "hunter2", "api_key": 42}"#])
        let redacted = SecretRedactor.redact(document)
        #expect(!redacted.contains("hunter2") && !redacted.contains("42"), "\(redacted)")
        let outer = try #require(try JSONSerialization.jsonObject(with: Data(redacted.utf8)) as? [String: String])
        let inner = try #require(outer["body"])
        #expect(try JSONSerialization.jsonObject(with: Data(inner.utf8)) is [String: Any], "\(inner)")
    }

    /// No entropy guessing: hashes, ids, times and ordinary prose stay as they are.
    @Test(arguments: [
        "merge 3f2a9c4e8b7d6a5f4e3d2c1b0a9f8e7d6c5b4a39 into main",
        "pattern 6f1c2d3e-4b5a-6978-8a9b-0c1d2e3f4a5b stored",
        "TASK-12: ask-me about the desk-lamp",
        "token_count: 5, input_tokens: 120, tokens: 3",
        "passwordless: true; keyboard: us; monkey: 3",
        "2026-03-02 21:35:00 builder: the secretary left",
        #"{"mcp":"up","api_latency":42.0,"details":{"queue":"ok"}}"#,
        "see https://github.com/o/r/pull/12 and mailto:dev@example.com",
        "clone git@github.com:o/r.git or ssh://git@host/r.git",
        "bearer of bad news",
        "sk-short and ghp_tooShort and AKIA123",
    ])
    func ordinaryTextIsKept(_ text: String) {
        #expect(SecretRedactor.redact(text) == text)
    }

    /// The byte check never skips a text a rule would change: texts made of random pieces of
    /// secrets, names, separators, quotes, escapes and line breaks (deterministic seed),
    /// redacted with and without the check first.
    @Test func theByteCheckNeverSkipsATextARuleWouldChange() {
        let pieces = [
            "sk-", "ask-", "abcdefghijklmnop1234", "ghp_", "xghp_", "github_pat_", "AKIA", "aAKIA", "ABCDEFGHIJKLMNOP",
            "xoxb-", "1234567890", "eyJ", "aeyJ", "hbGciOiJIUzI1NiJ9", ".", "-----BEGIN RSA PRIVATE KEY-----",
            "-----END RSA PRIVATE KEY-----", "\n", "\\n", "MIIEpAIBAAKCAQEAxyz12", "Authorization", ": ", "=",
            "Bearer ",
            "token", "_token", "TOKEN", "_KEY", "key", "apikey", "password", "DB_", "secret", "pwd", "\"", "'", "\\\"",
            " ", "https://", "https:\\/\\/", "user", ":", "pw", "@", "host", "/", "{", "}", "[", "]", ",", "é", "42",
            "true", "\t", "\r",
        ]
        var random = SplitMix64(seed: 14)
        var missed: [String] = []
        for _ in 0..<20_000 {
            let count = Int(random.next() % 8) + 1
            let text = (0..<count).map { _ in pieces[Int(random.next() % UInt64(pieces.count))] }.joined()
            if SecretRedactor.applyingRules(text) != text, !SecretRedactor.mightContainSecret(text) {
                missed.append(text)
            }
        }
        #expect(missed.isEmpty, "\(missed.prefix(5))")
    }

    /// The byte check the metric hot path relies on sees every pattern: were it to miss
    /// one, the regexes would never run on that text.
    @Test(arguments: SecretSamples.all)
    func theByteCheckSeesEveryPattern(_ sample: SecretSamples.Sample) {
        #expect(SecretRedactor.mightContainSecret(sample.text), "\(sample.name)")
        #expect(SecretRedactor.mightContainSecret(sample.text.uppercased()) || sample.caseSensitive, "\(sample.name)")
    }
}

/// One text per secret pattern of `SecretRedactor`, with the part that must never be
/// stored. `tagged` gives a variant whose secret is unique to a (pattern, field) cell, so
/// a leak names its cell.
enum SecretSamples {
    struct Sample: Sendable, CustomTestStringConvertible {
        /// A short name for messages.
        var name: String
        /// The text as an agent would write it.
        var text: String
        /// The part that must not survive.
        var secret: String
        /// Whether the pattern only matches in its own case (token prefixes).
        var caseSensitive = true

        var testDescription: String { name }

        /// The same kind of secret with `tag` (letters and digits) woven into its value.
        func tagged(_ tag: String) -> Sample {
            var copy = self
            let unique = secret.replacingOccurrences(of: "Q9Z8", with: tag)
            copy.text = text.replacingOccurrences(of: secret, with: unique)
            copy.secret = unique
            return copy
        }
    }

    /// Every pattern, each value carrying the marker `Q9Z8` that `tagged` replaces.
    static let all: [Sample] = [
        Sample(
            name: "github-classic", text: "ghp_Q9Z8abcdefghijklmnopqrstuvwxyz012345",
            secret: "ghp_Q9Z8abcdefghijklmnopqrstuvwxyz012345"),
        Sample(
            name: "github-pat", text: "github_pat_11ABCDEFG0Q9Z8abcdefghij_klmnopqrstuvwxyz0123456789",
            secret: "github_pat_11ABCDEFG0Q9Z8abcdefghij_klmnopqrstuvwxyz0123456789"),
        Sample(name: "openai", text: "sk-proj-Q9Z8abcdefghijklmnop1234", secret: "sk-proj-Q9Z8abcdefghijklmnop1234"),
        Sample(
            name: "anthropic", text: "sk-ant-api03-Q9Z8abcdefghijklmnopqrstuv-AA",
            secret: "sk-ant-api03-Q9Z8abcdefghijklmnopqrstuv-AA"),
        Sample(name: "aws-key-id", text: "AKIAQ9Z8ABCDEFGHIJKL", secret: "AKIAQ9Z8ABCDEFGHIJKL"),
        Sample(name: "slack", text: "xoxb-1234567890-Q9Z8abcdefghij", secret: "xoxb-1234567890-Q9Z8abcdefghij"),
        Sample(
            name: "jwt", text: "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJRQ9Z8In0.c2lnbmF0dXJlX2hlcmU",
            secret: "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJRQ9Z8In0.c2lnbmF0dXJlX2hlcmU"),
        Sample(
            name: "private-key",
            text: "-----BEGIN RSA PRIVATE KEY-----\nMIIEQ9Z8pAIBAAKCAQEA\n-----END RSA PRIVATE KEY-----",
            secret: "MIIEQ9Z8pAIBAAKCAQEA"),
        Sample(
            name: "private-key-unterminated", text: "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnQ9Z8NzaC1rZXk",
            secret: "b3BlbnQ9Z8NzaC1rZXk"),
        Sample(
            name: "bearer", text: "Authorization: Bearer Q9Z8tokenvalue0123456789", secret: "Q9Z8tokenvalue0123456789",
            caseSensitive: false),
        Sample(
            name: "bearer-alone", text: "sent Bearer Q9Z8tokenvalue0123456789", secret: "Q9Z8tokenvalue0123456789",
            caseSensitive: false),
        Sample(
            name: "url-userinfo", text: "https://deploy:Q9Z8hunter2@git.example.com/r.git", secret: "Q9Z8hunter2",
            caseSensitive: false),
        Sample(name: "env-password", text: "DB_PASSWORD=Q9Z8hunter2", secret: "Q9Z8hunter2", caseSensitive: false),
        Sample(
            name: "env-secret", text: "aws_secret_access_key=Q9Z8wJalrXUtnFEMIK7MDENG",
            secret: "Q9Z8wJalrXUtnFEMIK7MDENG", caseSensitive: false),
        Sample(
            name: "yaml-token", text: "GITHUB_TOKEN: Q9Z8abc123def456", secret: "Q9Z8abc123def456", caseSensitive: false
        ),
        Sample(
            name: "json-password", text: #"{"password": "Q9Z8hunter2"}"#, secret: "Q9Z8hunter2", caseSensitive: false),
        Sample(name: "password", text: "password=Q9Z8hunter2", secret: "Q9Z8hunter2", caseSensitive: false),
    ]
}
