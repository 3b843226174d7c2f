import Foundation

/// Removes API keys, tokens and passwords from text before it is stored (DESIGN §8).
///
/// Agents paste command output into commit messages and progress entries; the database
/// and the published reports must not keep the secrets that come with it.
public enum SecretRedactor {
    /// The replacement written where a secret was.
    public static let mask = "[REDACTED]"

    private struct Rule: @unchecked Sendable {
        let regex: NSRegularExpression
        let template: String
    }

    private static let rules: [Rule] = {
        let patterns: [(String, String)] = [
            // Private-key blocks, whole.
            (#"-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----[\s\S]*?(-----END [A-Z0-9 ]*PRIVATE KEY-----|\z)"#, mask),
            // GitHub tokens: ghp_, gho_, ghu_, ghs_, ghr_, github_pat_.
            (#"\b(gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,})"#, mask),
            // OpenAI / Anthropic style keys.
            (#"\bsk-[A-Za-z0-9_\-]{16,}"#, mask),
            // AWS access key ids.
            (#"\b(AKIA|ASIA)[A-Z0-9]{16}\b"#, mask),
            // Slack tokens.
            (#"\bxox[abposr]-[A-Za-z0-9-]{10,}"#, mask),
            // password=…, passwd: …, secret=…, token=… (keep the key, hide the value).
            (#"(?i)\b(password|passwd|pwd|secret|api[_-]?key|access[_-]?token|auth[_-]?token)(\s*[=:]\s*)("[^"]*"|'[^']*'|[^\s,;&]+)"#, "$1$2" + mask),
        ]
        return patterns.compactMap { pattern, template in
            (try? NSRegularExpression(pattern: pattern)).map { Rule(regex: $0, template: template) }
        }
    }()

    /// The text with every recognised secret replaced by `[REDACTED]`.
    public static func redact(_ text: String) -> String {
        // Fast path: most text has none of the markers, and regexes are not free.
        guard mightContainSecret(text) else { return text }
        var result = text
        for rule in rules {
            let range = NSRange(result.startIndex..., in: result)
            result = rule.regex.stringByReplacingMatches(
                in: result, range: range, withTemplate: rule.template)
        }
        return result
    }

    /// The optional form of `redact(_:)`.
    public static func redact(_ text: String?) -> String? { text.map { redact($0) } }

    private static func mightContainSecret(_ text: String) -> Bool {
        let lower = text.lowercased()
        return ["gh", "sk-", "akia", "asia", "xox", "private key", "pass", "pwd", "secret", "key", "token"]
            .contains { lower.contains($0) }
    }
}
