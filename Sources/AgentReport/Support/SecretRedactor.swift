import Foundation

/// Removes API keys, tokens and passwords from text before it is stored (DESIGN §8).
///
/// Agents paste command output, environment dumps and configuration into commit messages,
/// progress entries, task fields and metric lines; the database and the published reports
/// must not keep the secrets that come with it. The store calls `redact` on every text it
/// writes (`StatementArguments.redacted`, `MetricSampleWriter`), so no source has to.
///
/// What is recognised (docs/reliability.md keeps this list for users):
/// - private-key blocks (`-----BEGIN … PRIVATE KEY-----` to its `END` line, or to the end of
///   the text or JSON string when the end is missing, and the base64 lines before an `END`
///   line whose `BEGIN` went elsewhere);
/// - GitHub tokens (`ghp_`, `gho_`, `ghu_`, `ghs_`, `ghr_`, `github_pat_`), OpenAI and Anthropic
///   keys (`sk-…`, `sk-ant-…`, `sk-proj-…`), AWS access key ids (`AKIA…`, `ASIA…`), Slack
///   tokens (`xox?-…`), JSON Web Tokens (`eyJ….eyJ….…`);
/// - `Authorization: <scheme> <credentials>` and `Bearer <token>`;
/// - URL user-info that holds a password (`https://[REDACTED]@host`);
/// - the value assigned to a secret-sounding name, as `NAME=value`, `NAME: value`,
///   `"name": "value"` (JSON, escaped JSON too) or `name='value'`: names ending in
///   `password`, `passwd`, `passphrase`, `pwd` or `secret`, or in `_token`/`-token`/`.token`,
///   `_key`/`-key`/`.key`, and `apikey`, `accesstoken`, `authtoken`.
///
/// What is not: no entropy guessing (it would eat commit hashes, UUIDs and content
/// fingerprints), so a bare random string with no recognisable prefix or name is kept.
///
/// Replacements keep the text's structure: quotes and JSON escapes around a value stay, so
/// a JSON column is still valid JSON after redaction, and redacting twice changes nothing.
public enum SecretRedactor {
    /// The replacement written where a secret was.
    public static let mask = "[REDACTED]"

    private struct Rule: @unchecked Sendable {
        let regex: NSRegularExpression
        let template: String
    }

    /// The words a secret-sounding name ends with, as a regex alternation (matched ignoring
    /// case): `password`, `passwd`, `passphrase`, `pwd`, `secret`, `_token`/`-token`/`.token`,
    /// `_key`/`-key`/`.key`, `apikey`, `accesstoken`, `authtoken`. The separator that must
    /// follow (`=`, `:`, a closing quote) makes them the end of the name.
    private static let secretName =
        #"password|passwd|passphrase|pwd|secret|[_.\-]token|[_.\-]key|apikey|accesstoken|authtoken"#

    /// Each rule's regex and replacement template, most specific first.
    private static let patterns: [(String, String)] = {
        // A quote at any level of JSON escaping (`"`, `\"`, `\\\"`, …), and a string body
        // in which escape sequences are kept whole, so a replacement never splits one and
        // JSON (or JSON quoted inside JSON) stays valid.
        let quote = #"\\*""#
        // ASCII blanks only, where the byte check must find the same ones
        // (`nameBeforeIsSecret`); ICU's `\s` also takes Unicode spaces.
        let blank = #"[ \t\r\n\f]"#
        let body = #"(?:[^"\\]|\\+[^"\\])"#
        let name = "(?:" + secretName + ")"
        return [
            // Private-key blocks, whole; without their END line, up to the end of the string.
            (
                #"-----BEGIN[A-Z0-9 ]*PRIVATE KEY[A-Z ]*-----"# + body
                    + #"*?(?:-----END[A-Z0-9 ]*PRIVATE KEY[A-Z ]*-----|(?="# + quote + #"|\z))"#, mask
            ),
            // GitHub tokens: ghp_, gho_, ghu_, ghs_, ghr_, github_pat_.
            (#"(?<![A-Za-z0-9])(?:gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,})"#, mask),
            // OpenAI / Anthropic style keys (sk-…, sk-ant-…, sk-proj-…).
            (#"(?<![A-Za-z0-9])sk-[A-Za-z0-9_\-]{16,}"#, mask),
            // AWS access key ids.
            (#"(?<![A-Z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Z0-9])"#, mask),
            // Slack tokens.
            (#"(?<![A-Za-z0-9])xox[abposr]-[A-Za-z0-9\-]{10,}"#, mask),
            // JSON Web Tokens: base64url header and payload (both JSON objects: "eyJ"), signature.
            (#"(?<![A-Za-z0-9_\-])eyJ[A-Za-z0-9_\-]{4,}\.eyJ[A-Za-z0-9_\-]{4,}\.[A-Za-z0-9_\-]*"#, mask),
            // Authorization headers, whatever the scheme: keep the header and scheme.
            (
                #"(?i)(?<![A-Za-z0-9])(authorization(?:"# + quote + #")?'?"# + blank + #"*[:=]"# + blank + #"*(?:"#
                    + quote
                    + #")?'?(?:(?:bearer|basic|token|bot|digest|negotiate)\s+)?)[^\s"'\\,;]+"#,
                "$1" + mask
            ),
            // A bearer token on its own.
            (#"(?i)(?<![A-Za-z0-9])(bearer\s+)[A-Za-z0-9._~+/=\-]{16,}"#, "$1" + mask),
            // URL user-info with a password, whole (`https://user:pw@host` → `https://[REDACTED]@host`).
            // Anchored on `//` (JSON writers that escape slashes spell it `\/\/`), so the
            // scan is cheap; `git@host`, with no password, stays.
            (#"(?<=[A-Za-z0-9+.\-]:)(\\*/\\*/)[^\s/?#@:"'\\]*:[^\s/?#@"'\\]*@"#, "$1" + mask + "@"),
            // A secret name in a JSON key with a number or literal as value: the mask is
            // quoted at the key's level of escaping, so the JSON stays valid.
            (
                #"(?i)("# + name + #"(\\*)""# + blank + "*:" + blank
                    + #"*)(?:-?[0-9][0-9.eE+\-]*|true|false)(?![A-Za-z0-9])"#,
                "$1$2\"" + mask + "$2\""
            ),
            // A secret name with a value: "…" (JSON or quoted, escaped JSON too), '…' or bare.
            // The quotes stay; the value goes. The match starts at the word the name ends
            // with (what comes before it stays as it is): a literal start keeps the scan
            // linear and cheap, where matching the whole name cost seconds per megabyte.
            (
                #"(?i)("# + name + #"(?:"# + quote + #"|')?"# + blank + "*[=:]" + blank + #"*)(?:("# + quote + #")"#
                    + body + #"*("# + quote + #")|(')[^'\n]*(')|[^\s,;&"'\\]+)"#,
                "$1$2$4" + mask + "$3$5"
            ),
        ]
    }()

    // A pattern that does not compile is a bug that a test catches (`compiledRuleCount`).
    private static let rules: [Rule] = patterns.compactMap { pattern, template in
        (try? NSRegularExpression(pattern: pattern)).map { Rule(regex: $0, template: template) }
    }

    /// How many rules compiled; equal to `patternCount` unless a pattern is broken.
    static var compiledRuleCount: Int { rules.count }
    /// How many rules there are.
    static var patternCount: Int { patterns.count }

    /// The text with every recognised secret replaced by `[REDACTED]`.
    public static func redact(_ text: String) -> String {
        // Fast path: most text has none of the markers, and regexes are not free.
        guard mightContainSecret(text) else { return text }
        return applyingRules(text)
    }

    /// `text` through every rule, without the byte check first (`redact` runs the check;
    /// tests compare the two to show the check never skips a text a rule would change).
    static func applyingRules(_ text: String) -> String {
        var result = text
        for rule in rules {
            let range = NSRange(result.startIndex..., in: result)
            result = rule.regex.stringByReplacingMatches(
                in: result, range: range, withTemplate: rule.template)
        }
        return redactingKeyLinesBeforeOrphanEnd(result)
    }

    /// The redacted text, or nil when `text` holds no secret (so callers keep what they have).
    public static func redactedIfNeeded(_ text: String) -> String? {
        guard mightContainSecret(text) else { return nil }
        let redacted = applyingRules(text)
        return redacted == text ? nil : redacted
    }

    /// The optional form of `redact(_:)`.
    public static func redact(_ text: String?) -> String? { text.map { redact($0) } }

    /// Whether any rule could match `text` (see the buffer form).
    public static func mightContainSecret(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { mightContainSecret($0) }
    }

    /// Whether any rule could match: one pass over the bytes that stops only at the few
    /// bytes a secret is anchored on (`-`, `_`, `A`, `J`, `@`, `b`/`B`, `=` and `:`), and
    /// there looks a few bytes around, so that the regexes run only on the rare text that
    /// may hold a secret. Case-sensitive where the rule is: "TASK-12" must not look like an
    /// `sk-` key. This is the check the metric-sample hot path runs on every text value.
    public static func mightContainSecret(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let count = bytes.count
        guard count >= 3, let base = bytes.baseAddress else { return false }
        return scan(base, count)
    }
}

// MARK: - Byte scanning

private extension SecretRedactor {
    static func scan(_ base: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        var index = 0
        while index < count {
            let byte = base[index]
            // Most bytes are none of the anchors: one range test skips the letters and digits
            // that cannot start a check.
            guard isAnchor(byte) else {
                index += 1
                continue
            }
            let at = base + index
            let rest = count - index
            switch byte {
            // Each token prefix counts only where its rule can match: at the start of a word
            // ("task-board" holds "sk-", and every board row would run the regexes).
            case 0x2D:  // -
                if starts(at, rest, "-----BEGIN") || starts(at, rest, "-----END") { return true }
                if index >= 2, at[-2] == 0x73, at[-1] == 0x6B, wordStarts(base, index - 2) { return true }  // sk-
                if index >= 4, at[-4] == 0x78, at[-3] == 0x6F, at[-2] == 0x78, wordStarts(base, index - 4) {
                    return true  // xox?-
                }
            case 0x5F:  // _
                if index >= 3, at[-3] == 0x67, at[-2] == 0x68, isGitHubKind(at[-1]), wordStarts(base, index - 3) {
                    return true  // gh?_
                }
                if index >= 6, starts(at - 6, 6, "github"), wordStarts(base, index - 6) { return true }  // github_pat_
            case 0x41:  // A
                // The rule's look-behind: not after an upper-case letter or digit.
                if starts(at, rest, "AKIA") || starts(at, rest, "ASIA"),
                    index == 0 || !(at[-1] &- 0x41 < 26 || at[-1] &- 0x30 < 10)
                {
                    return true
                }
            case 0x4A:  // J
                if index >= 2, at[-2] == 0x65, at[-1] == 0x79, wordStarts(base, index - 2) { return true }  // eyJ
            case 0x40:  // @ ending URL user-info with a password
                if userInfoWithPasswordEnds(base, at: index) { return true }
            case 0x3D, 0x3A:  // = or :
                if nameBeforeIsSecret(base, index) { return true }
            case 0x62, 0x42:  // b, B
                if folded(at, rest, "bearer") { return true }
            default: break
            }
            index += 1
        }
        return false
    }

    /// Whether `byte` is one of the anchors `- : = @ A B J _ b`: a bit test in two 64-bit
    /// masks, so the loop over ordinary bytes has no unpredictable branch.
    @inline(__always)
    static func isAnchor(_ byte: UInt8) -> Bool {
        let low: UInt64 = 1 << 0x2D | 1 << 0x3A | 1 << 0x3D
        let high: UInt64 =
            1 << (0x40 - 64) | 1 << (0x41 - 64) | 1 << (0x42 - 64) | 1 << (0x4A - 64)
            | 1 << (0x5F - 64) | 1 << (0x62 - 64)
        let mask = byte < 64 ? low : (byte < 128 ? high : 0)
        return (mask >> UInt64(byte & 63)) & 1 != 0
    }

    /// Whether a word starts at `index`: the byte before it (if any) is not a letter, digit,
    /// `_` or `-` (the token rules' look-behind, or stricter).
    @inline(__always)
    static func wordStarts(_ base: UnsafePointer<UInt8>, _ index: Int) -> Bool {
        guard index > 0 else { return true }
        let byte = base[index - 1]
        return !((byte | 0x20) &- 0x61 < 26 || byte &- 0x30 < 10)
    }

    /// Whether the `@` at `index` ends a URL's user-info holding a password: walking back
    /// over the user-info (no blank, slash or quote) finds a `:` and then the `/` of `//`.
    static func userInfoWithPasswordEnds(_ base: UnsafePointer<UInt8>, at index: Int) -> Bool {
        var colon = false
        var position = index
        while position > 0 {
            let byte = base[position - 1]
            switch byte {
            case 0x3A: colon = true
            case 0x2F: return colon  // the second slash of "//" (or "\/\/")
            case 0x20, 0x09, 0x0A, 0x0D, 0x22, 0x27, 0x40: return false
            default: break
            }
            position -= 1
        }
        return false
    }

    /// Whether the name just before the `=` or `:` at `index` (quotes, escapes and blanks
    /// skipped) ends in a word the secret-name rules look for.
    static func nameBeforeIsSecret(_ base: UnsafePointer<UInt8>, _ index: Int) -> Bool {
        var end = index
        while end > 0 {
            let byte = base[end - 1]
            // Quotes, escapes and the blanks the rules allow (space, tab, CR, LF, FF).
            guard
                byte == 0x22 || byte == 0x27 || byte == 0x5C || byte == 0x20 || byte == 0x09 || byte == 0x0A
                    || byte == 0x0D || byte == 0x0C
            else { break }
            end -= 1
        }
        guard end > 0 else { return false }
        // Every word ends in d, e, t, n or y: most names are rejected on their last byte.
        switch base[end - 1] | 0x20 {
        case 0x64, 0x65, 0x74, 0x6E, 0x79: break
        default: return false
        }
        for word in secretWords where end >= word.utf8CodeUnitCount {
            if folded(base + end - word.utf8CodeUnitCount, word.utf8CodeUnitCount, word) { return true }
        }
        return false
    }

    /// What a secret-sounding name ends with (lower case), as the rules spell it.
    static let secretWords: [StaticString] = [
        "password", "passwd", "passphrase", "pwd", "secret", "_token", "-token", ".token", "_key", "-key", ".key",
        "apikey", "accesstoken", "authtoken", "authorization",
    ]

    static func isGitHubKind(_ byte: UInt8) -> Bool {
        byte == 0x70 || byte == 0x6F || byte == 0x75 || byte == 0x73 || byte == 0x72  // p o u s r
    }

    /// Whether the `count` bytes at `at` start with `prefix`, exactly.
    @inline(__always)
    static func starts(_ at: UnsafePointer<UInt8>, _ count: Int, _ prefix: StaticString) -> Bool {
        let length = prefix.utf8CodeUnitCount
        guard count >= length else { return false }
        let expected = prefix.utf8Start
        for k in 0..<length where at[k] != expected[k] { return false }
        return true
    }

    /// Whether the bytes at `at` start with `prefix` (lower-case ASCII), ignoring case.
    @inline(__always)
    static func folded(_ at: UnsafePointer<UInt8>, _ count: Int, _ prefix: StaticString) -> Bool {
        let length = prefix.utf8CodeUnitCount
        guard count >= length else { return false }
        let expected = prefix.utf8Start
        for k in 0..<length {
            var byte = at[k]
            if byte &- 0x41 < 26 { byte |= 0x20 }
            if byte != expected[k] { return false }
        }
        return true
    }

    /// `text` with the base64 lines of a key block whose BEGIN line went elsewhere (another
    /// field, a heading) masked up to and with its `-----END … PRIVATE KEY-----` line. The
    /// regexes cannot do this in linear time (a match would have to start before the lines
    /// it is looking for), so each END marker is found and the lines before it walked back:
    /// whole lines of at least 16 base64 characters, separated by line breaks or by JSON's
    /// `\n`.
    static func redactingKeyLinesBeforeOrphanEnd(_ text: String) -> String {
        guard text.contains("-----END") else { return text }
        var bytes = Array(text.utf8)
        var changed = false
        var searchEnd = bytes.count
        while let marker = lastEndMarker(in: bytes, before: searchEnd) {
            searchEnd = marker.start
            var start = marker.start
            while let lineStart = base64Line(endingBefore: start, in: bytes) { start = lineStart }
            guard start < marker.start else { continue }
            bytes.replaceSubrange(start..<marker.end, with: Array(mask.utf8))
            searchEnd = start
            changed = true
        }
        return changed ? String(decoding: bytes, as: UTF8.self) : text
    }

    /// The last `-----END <words> PRIVATE KEY<words>-----` that starts before `limit`.
    static func lastEndMarker(in bytes: [UInt8], before limit: Int) -> (start: Int, end: Int)? {
        let opener = Array("-----END".utf8)
        var index = min(limit, bytes.count) - opener.count
        while index >= 0 {
            if bytes[index] == 0x2D, Array(bytes[index..<index + opener.count]) == opener {
                var end = index + opener.count
                while end < bytes.count, isUpperOrDigitOrSpace(bytes[end]) { end += 1 }
                let words = String(decoding: bytes[index + opener.count..<end], as: UTF8.self)
                if words.contains("PRIVATE KEY"), end + 5 <= bytes.count,
                    bytes[end..<end + 5].allSatisfy({ $0 == 0x2D })
                {
                    return (index, end + 5)
                }
            }
            index -= 1
        }
        return nil
    }

    /// Where the line just before `position` starts, when `position` follows a line break
    /// (real or JSON-escaped) and that line is 16 or more base64 characters (trailing blanks
    /// allowed); nil otherwise.
    static func base64Line(endingBefore position: Int, in bytes: [UInt8]) -> Int? {
        var end = position
        // The line break: "\n", "\r\n", or JSON's backslash-n (and backslash-r).
        if end >= 1, bytes[end - 1] == 0x0A {
            end -= 1
            if end >= 1, bytes[end - 1] == 0x0D { end -= 1 }
        } else if end >= 2, bytes[end - 2] == 0x5C, bytes[end - 1] == 0x6E {
            end -= 2
            if end >= 2, bytes[end - 2] == 0x5C, bytes[end - 1] == 0x72 { end -= 2 }
        } else {
            return nil
        }
        while end > 0, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
        var start = end
        while start > 0, isBase64(bytes[start - 1]) { start -= 1 }
        // `\nMIIE…` in JSON: the `n` after the backslash is the escape's, not the key's.
        if start > 0, bytes[start - 1] == 0x5C { start += 1 }
        return end - start >= 16 ? start : nil
    }

    static func isBase64(_ byte: UInt8) -> Bool {
        (byte | 0x20) &- 0x61 < 26 || byte &- 0x30 < 10 || byte == 0x2B || byte == 0x2F || byte == 0x3D
    }

    static func isUpperOrDigitOrSpace(_ byte: UInt8) -> Bool {
        byte &- 0x41 < 26 || byte &- 0x30 < 10 || byte == 0x20
    }
}
