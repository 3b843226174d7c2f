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

    /// Whether any rule could match: a byte scan for what each rule needs, so that the
    /// regexes run only on the rare text that may hold a secret. (Case-sensitive where the
    /// rule is: "TASK-12" must not look like an `sk-` key.)
    private static func mightContainSecret(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            let assigns = bytes.contains(0x3D) || bytes.contains(0x3A)  // = or :
            for index in bytes.indices {
                let rest = UnsafeBufferPointer(rebasing: bytes[index...])
                switch bytes[index] {
                case 0x2D: if starts(rest, "-----BEGIN") { return true }
                case 0x67: if starts(rest, "github_pat_") || (rest.count > 3 && rest[1] == 0x68 && "pousr".utf8.contains(rest[2]) && rest[3] == 0x5F) { return true }
                case 0x73: if starts(rest, "sk-") { return true }
                case 0x41: if starts(rest, "AKIA") || starts(rest, "ASIA") { return true }
                case 0x78: if starts(rest, "xox") { return true }
                default: break
                }
                let folded = bytes[index] | 0x20  // p, s, k, t start the password-like keys
                if assigns, folded == 0x70 || folded == 0x73 || folded == 0x6B || folded == 0x74,
                    ["pass", "pwd", "secret", "key", "token"].contains(where: { starts(rest, $0, foldingCase: true) })
                {
                    return true
                }
            }
            return false
        }
    }

    private static func starts(_ bytes: UnsafeBufferPointer<UInt8>, _ prefix: String, foldingCase: Bool = false) -> Bool {
        var index = 0
        for expected in prefix.utf8 {
            guard index < bytes.count else { return false }
            var byte = bytes[index]
            if foldingCase, byte >= 0x41, byte <= 0x5A { byte |= 0x20 }
            guard byte == expected else { return false }
            index += 1
        }
        return true
    }
}
