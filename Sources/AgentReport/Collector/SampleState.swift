import Foundation

/// What one sample leaves for the next, in `metrics/.sample-state.json`: CPU is a rate, so
/// it is measured over the interval between two samples.
///
/// Processes are keyed by pid **and** start time (`<pid>:<starttime ticks>`): a pid reused
/// by a new process is a new key, never mistaken for the old one. Times are `/proc/uptime`
/// seconds (a clock that does not jump with the wall clock); a smaller uptime than the
/// state's means a reboot, and the state is then ignored. The file is written to a
/// temporary name and renamed over the old one, so a sample killed half-way leaves the old
/// state whole. Keys the ingest does not know are not in it (it is not a `.jsonl` file, and
/// starts with a dot).
struct SampleState: Codable, Sendable, Equatable {
    /// The format's version; another version is ignored.
    var version = 1
    /// `/proc/uptime` when the state was taken.
    var uptime: Double?
    /// The machine's CPU counters then.
    var machine: ProcFileSystem.CPUTimes?
    /// CPU ticks used by each agent process then, by `<pid>:<starttime>`.
    var processes: [String: UInt64] = [:]
    /// The working directory of each Codex rollout file seen (its first line says it; the
    /// file is append-only, so it never changes).
    var codexDirectories: [String: String] = [:]

    /// The file's name in the metrics folder.
    static let fileName = ".sample-state.json"

    /// The key of a process.
    static func key(_ process: ProcFileSystem.Process) -> String { "\(process.pid):\(process.startTicks)" }

    /// The state in `directory`; nil when there is none or it cannot be used (the first
    /// sample, a damaged file, another version) — CPU then waits for the next sample.
    static func load(from directory: String) -> SampleState? {
        let path = (directory as NSString).appendingPathComponent(fileName)
        guard let data = try? InputFile.read(path, limit: 16 << 20),
            let state = try? JSONDecoder().decode(SampleState.self, from: data), state.version == 1
        else { return nil }
        return state
    }

    /// Writes the state atomically (temporary file, then rename).
    func save(to directory: String) throws {
        let path = (directory as NSString).appendingPathComponent(Self.fileName)
        let temporary = path + ".tmp-\(getpid())"
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        do {
            try encoder.encode(self).write(to: URL(fileURLWithPath: temporary))
            guard rename(temporary, path) == 0 else {
                throw MetricLineAppender.WriteError(description: String(cString: strerror(errno)))
            }
        } catch {
            unlink(temporary)
            throw MetricLineAppender.WriteError(description: "\(path): cannot save the sample state: \(error)")
        }
    }
}
