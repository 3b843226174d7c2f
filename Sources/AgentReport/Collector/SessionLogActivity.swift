import Foundation

/// The newest session log of a worktree and how it ends, from the folders
/// `SessionLogLocations` names (Claude Code transcripts, Codex rollouts): an agent's
/// `last_activity` and whether its last session ended in an API error.
///
/// Only the end of the newest file is read (`tailBytes`), never a whole log, and nothing of
/// the conversation is kept: its time and, for an error, the error's first words.
struct SessionLogActivity {
    /// The newest line of a worktree's newest session log.
    struct Observation: Sendable, Equatable {
        /// The log file.
        var file: String
        /// Its last line's `timestamp` (else the file's modification time), seconds since 1970.
        var time: Int64
        /// When the session ended in an API error: what the error says (at most 120 characters).
        var apiError: String?
    }

    /// How much of a log's end is read.
    static let tailBytes = 256 << 10
    /// Codex day folders looked at: the last `codexDays` days (a session older than that is
    /// older than any activity window).
    static let codexDays = 7

    private let claudeFolders: [(root: String, names: [String])]
    /// Recent rollouts: path, canonical working directory, modification time.
    private var codexFiles: [(path: String, directory: String, modified: Double)] = []
    /// The working directories of Codex rollouts, to remember for the next sample.
    private(set) var codexDirectories: [String: String] = [:]

    /// Lists the log folders once for a whole sample; `known` are the rollout working
    /// directories remembered from the last sample, `now` picks the Codex day folders.
    init(locations: SessionLogLocations, now: Int64, known: [String: String]) {
        claudeFolders = locations.claudeProjects.compactMap { root in
            (try? FileManager.default.contentsOfDirectory(atPath: root)).map { (root, $0) }
        }
        for root in locations.codexSessions {
            for file in Self.rolloutFiles(in: root, now: now) {
                var info = stat()
                guard stat(file, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { continue }
                guard let directory = known[file] ?? Self.codexWorkingDirectory(file) else { continue }
                codexDirectories[file] = directory
                let modified = Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9
                codexFiles.append((file, CanonicalPath.resolve(directory), modified))
            }
        }
    }

    /// The newest session of any log kind whose working directory lies in `worktree` (a
    /// canonical folder); nil when there is none.
    func newest(in worktree: String) -> Observation? {
        var candidates: [(path: String, modified: Double, codex: Bool)] = []
        let encoded = SessionLogLocations.claudeProjectFolderName(forWorkingDirectory: worktree)
        for (root, names) in claudeFolders {
            for name in names where name == encoded || name.hasPrefix(encoded + "-") {
                let folder = (root as NSString).appendingPathComponent(name)
                guard let newest = Self.newestLog(in: folder) else { continue }
                // A folder for a subfolder of the worktree, or for a sibling that merely
                // shares the prefix (`agents/builder-2`): the log's own `cwd` decides.
                if name != encoded {
                    guard let cwd = Self.lastLine(of: newest.path)?.object?["cwd"] as? String,
                        CanonicalPath.isInside(CanonicalPath.resolve(cwd), worktree)
                    else { continue }
                }
                candidates.append((newest.path, newest.modified, false))
            }
        }
        for file in codexFiles where CanonicalPath.isInside(file.directory, worktree) {
            candidates.append((file.path, file.modified, true))
        }
        guard let newest = candidates.max(by: { $0.modified < $1.modified }) else { return nil }
        return Self.observe(newest.path, modified: newest.modified, codex: newest.codex)
    }
}

// MARK: - Reading one log

extension SessionLogActivity {
    /// The time and ending of one log.
    static func observe(_ path: String, modified: Double, codex: Bool) -> Observation? {
        guard let tail = try? InputFile.readTail(path, maximum: tailBytes) else { return nil }
        let lines = completeLines(of: tail)
        var time: Int64?
        var error: String?
        var decided = false
        for line in lines.reversed() {
            guard let object = line.object else { continue }
            if time == nil, let stamp = object["timestamp"] as? String { time = UTCTime.parse(stamp) }
            if !decided {
                switch codex ? codexEnding(object) : claudeEnding(object) {
                case .error(let message):
                    error = message
                    decided = true
                case .normal: decided = true
                case .undecided: break
                }
            }
            if decided, time != nil { break }
        }
        return Observation(file: path, time: time ?? Int64(modified), apiError: error)
    }

    enum Ending: Equatable {
        case error(String)
        case normal
        /// A bookkeeping line (summary, snapshot, token count): look at the one before.
        case undecided
    }

    /// Claude Code: the last `user` or `assistant` line decides; an assistant line with
    /// `isApiErrorMessage: true` (a `<synthetic>` message such as "API Error: 529 …") is an
    /// API error.
    static func claudeEnding(_ object: [String: Any]) -> Ending {
        switch object["type"] as? String {
        case "assistant":
            guard object["isApiErrorMessage"] as? Bool == true else { return .normal }
            let message = object["message"] as? [String: Any]
            let content = message?["content"] as? [[String: Any]]
            let text = content?.compactMap { $0["text"] as? String }.first ?? "API error"
            return .error(String(text.prefix(120)))
        case "user": return .normal
        default: return .undecided
        }
    }

    /// Codex: the last `event_msg` other than a token count, or `response_item`, decides;
    /// an `event_msg` of type `error` is an API error.
    static func codexEnding(_ object: [String: Any]) -> Ending {
        let payload = object["payload"] as? [String: Any]
        switch object["type"] as? String {
        case "event_msg":
            switch payload?["type"] as? String {
            case "error": return .error(String(((payload?["message"] as? String) ?? "API error").prefix(120)))
            case "token_count": return .undecided
            default: return .normal
            }
        case "response_item": return .normal
        default: return .undecided
        }
    }

    /// One line of a log and its JSON object (nil when it is not one).
    struct Line {
        var data: Data
        var object: [String: Any]? {
            (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
        }
    }

    /// The complete lines of a tail: not the first (it may be cut) unless the tail is the
    /// whole file, and not a last one without its newline (still being written).
    static func completeLines(of tail: InputFile.Tail) -> [Line] {
        var parts = tail.data.split(separator: 0x0A, omittingEmptySubsequences: false)
        if tail.data.last != 0x0A, !parts.isEmpty { parts.removeLast() }
        if !tail.isWholeFile, !parts.isEmpty { parts.removeFirst() }
        return parts.filter { !$0.isEmpty }.map { Line(data: Data($0)) }
    }

    /// The last complete line of a file.
    static func lastLine(of path: String) -> Line? {
        guard let tail = try? InputFile.readTail(path, maximum: tailBytes) else { return nil }
        return completeLines(of: tail).last
    }

    /// The newest `*.jsonl` directly in `folder` (subagent logs live in subfolders).
    static func newestLog(in folder: String) -> (path: String, modified: Double)? {
        var newest: (path: String, modified: Double)?
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] where name.hasSuffix(".jsonl")
        {
            let path = (folder as NSString).appendingPathComponent(name)
            var info = stat()
            guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { continue }
            let modified = Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9
            if newest.map({ modified > $0.modified }) ?? true { newest = (path, modified) }
        }
        return newest
    }

    /// `rollout-*.jsonl` in the day folders `YYYY/MM/DD` of the last `codexDays` days (UTC
    /// dates, one more day for time zones), and directly in `root` (archived sessions).
    static func rolloutFiles(in root: String, now: Int64) -> [String] {
        var folders = [root]
        for back in 0...codexDays {
            let date = UTCTime.formatISO(now - Int64(back) * 86_400).prefix(10)
            folders.append(root + "/" + date.replacingOccurrences(of: "-", with: "/"))
        }
        folders.append(root + "/" + UTCTime.formatISO(now + 86_400).prefix(10).replacingOccurrences(of: "-", with: "/"))
        var files: [String] = []
        for folder in folders {
            for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
            where name.hasPrefix("rollout-") && name.hasSuffix(".jsonl") {
                files.append((folder as NSString).appendingPathComponent(name))
            }
        }
        return files
    }

    /// A rollout's working directory, from its first line (`session_meta`'s `payload.cwd`).
    static func codexWorkingDirectory(_ path: String) -> String? {
        guard let head = try? InputFile.readHead(path, maximum: 1 << 20),
            let end = head.firstIndex(of: 0x0A),
            let object = (try? JSONSerialization.jsonObject(with: head[..<end])) as? [String: Any],
            let payload = object["payload"] as? [String: Any]
        else { return nil }
        return payload["cwd"] as? String
    }
}
