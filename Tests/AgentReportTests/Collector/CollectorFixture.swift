import Foundation

@testable import AgentReport

/// A team to sample: a git repository whose `main` checkout has a worktree per agent
/// (`wt-<agent>` on branch `agent-<agent>`, attributed by the default branch pattern), a
/// fake `/proc`, a home folder for session logs, and the collector's state between samples.
final class CollectorFixture {
    let repository: TestRepository
    /// The workspace (the config's folder): `repo/`, `wt-<agent>/`, `proc/`, `home/`, `metrics/`.
    let root: String
    let proc: FakeProc
    var config: ReportConfig
    var environment: [String: String]
    var state: SampleState?
    /// The disk the collector sees; nil: the real one (`statvfs` of the workspace).
    var disk: DiskUsage??
    /// 2026-03-10T12:00:00Z.
    static let now: Int64 = 1_773_144_000

    /// A repository with one commit on `main` and a worktree per agent.
    init(agents: [String] = ["builder", "validator"]) throws {
        repository = try TestRepository()
        root = repository.scratch("")
        try repository.commit("Initial commit", files: ["README.md": "hello\n", "src/app.txt": "v1\n"])
        for agent in agents {
            try repository.git(["worktree", "add", "-q", "-b", "agent-\(agent)", repository.scratch("wt-\(agent)")])
        }
        proc = try FakeProc(root: root + "proc")
        config = ReportConfig(baseDirectory: root)
        config.repositories = [ReportConfig.Repository(path: "repo", refs: ["refs/heads/*"], boardHistory: false)]
        environment = [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "HOME": root + "home",
        ]
    }

    /// The canonical folder of an agent's worktree.
    func worktree(_ agent: String) -> String { CanonicalPath.resolve(root + "wt-\(agent)") }

    /// Writes a file (folders created) and sets its modification time when given.
    func write(_ path: String, _ text: String, modified: Int64? = nil) throws {
        let full = path.hasPrefix("/") ? path : root + path
        try FileManager.default.createDirectory(
            atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: full))
        if let modified { try touch(full, modified) }
    }

    /// Sets a file's modification time.
    func touch(_ path: String, _ time: Int64) throws {
        try FileManager.default.setAttributes(
            [.modificationDate: Date(timeIntervalSince1970: TimeInterval(time))], ofItemAtPath: path)
    }

    /// A collector over the fake `/proc`, never counting process 1 as its own.
    var collector: Collector {
        var collector = Collector(config: config, proc: proc.fileSystem, environment: environment, ownProcess: 1)
        if let disk { collector.diskUsage = { _ in disk } }
        return collector
    }

    /// One sample at `now`, measured against the previous one (whose state it keeps).
    @discardableResult
    func sample(at now: Int64 = CollectorFixture.now) -> Collector.Sample {
        let sample = collector.sample(at: now, previous: state)
        state = sample.state
        return sample
    }

    /// The agent line of `agent` in `sample`, parsed.
    func line(_ agent: String, in sample: Collector.Sample) throws -> [String: Any] {
        for line in sample.agents where line.value("agent_id") == .string(agent) {
            return try Self.parse(line.text)
        }
        throw CollectorFixtureError("no line for \(agent) in \(sample.agents.map(\.text))")
    }

    /// A line's JSON object.
    static func parse(_ text: String) throws -> [String: Any] {
        guard let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
            throw CollectorFixtureError("not an object: \(text)")
        }
        return object
    }

    /// The notes of a parsed line.
    static func notes(_ line: [String: Any]) -> [String] {
        ((line["details"] as? [String: Any])?["notes"] as? [String]) ?? []
    }
}

/// A fixture that could not be set up.
struct CollectorFixtureError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
