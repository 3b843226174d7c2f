/// Decides whether a shell command an agent ran is a check (a test or build run) and names
/// it: the first pattern of `sample.checkCommands` whose words begin one of the command's
/// simple commands.
///
/// The command line is cut at `&&`, `||`, `;`, `|`, `&` and newlines (outside quotes), so
/// `cd app && npm test -- --watch=false` is an `npm test` check; in each part, leading
/// variable assignments (`CI=1`) and the wrappers `env`, `time`, `nice`, `timeout <n>`,
/// `command` are skipped. Words are compared as written (after removing quotes), so `make`
/// matches `make`, `make all` and `make -j4`, and `make test` only `make test …`.
struct CheckCommandMatcher: Sendable {
    /// The patterns, each as words, in order.
    let patterns: [[String]]

    /// A matcher for `sample.checkCommands`.
    init(_ commands: [String]) {
        patterns = commands.map { $0.split(whereSeparator: \.isWhitespace).map(String.init) }.filter { !$0.isEmpty }
    }

    /// The name of the check `command` runs (the pattern as configured, words joined by one
    /// space), or nil when it runs none.
    func checkName(of command: String) -> String? {
        let parts = Self.simpleCommands(in: command).map(Self.withoutWrappers)
        for pattern in patterns {
            if parts.contains(where: { $0.starts(with: pattern) }) { return pattern.joined(separator: " ") }
        }
        return nil
    }

    /// The words of each simple command, quotes removed.
    static func simpleCommands(in line: String) -> [[String]] {
        var commands: [[String]] = []
        var words: [String] = []
        var word = ""
        var inWord = false
        var quote: Character?
        var previous: Character?
        func endWord() {
            if inWord { words.append(word) }
            word = ""
            inWord = false
        }
        func endCommand() {
            endWord()
            if !words.isEmpty { commands.append(words) }
            words = []
        }
        for character in line {
            defer { previous = character }
            if let open = quote {
                if character == open, !(open == "\"" && previous == "\\") {
                    quote = nil
                } else {
                    word.append(character)
                }
                continue
            }
            switch character {
            case "\"", "'":
                quote = character
                inWord = true
            case "&", "|", ";", "\n":
                endCommand()
            case _ where character.isWhitespace:
                endWord()
            default:
                word.append(character)
                inWord = true
            }
        }
        endCommand()
        return commands
    }

    /// A simple command without leading assignments and wrapper commands.
    static func withoutWrappers(_ words: [String]) -> [String] {
        var rest = words[...]
        while let first = rest.first {
            if first.contains("="), !first.hasPrefix("="), !first.hasPrefix("-") {
                rest = rest.dropFirst()  // VAR=value
            } else if ["env", "time", "nice", "command", "nohup", "exec"].contains(first) {
                rest = rest.dropFirst()
            } else if first == "timeout" {
                rest = rest.dropFirst()
                while let option = rest.first, option.hasPrefix("-") { rest = rest.dropFirst() }
                rest = rest.dropFirst()  // the duration
            } else {
                break
            }
        }
        return Array(rest)
    }
}
