import Foundation

/// `agentreport demo`: writes a synthetic workspace — a git repository with `main` and one
/// branch per agent, the coordination files, metric samples and an `agentreport.json` — that
/// depends on nothing but the options (same options, byte-identical files and commit ids).
public enum DemoWorkspace {
    /// Creates the workspace in `directory`, which must be absent or empty. On failure
    /// nothing is left behind in it.
    public static func create(at directory: String, options: DemoOptions) throws -> DemoSummary {
        try options.validate()
        let fileManager = FileManager.default
        var isDirectory: ObjCBool = false
        if fileManager.fileExists(atPath: directory, isDirectory: &isDirectory) {
            guard isDirectory.boolValue, (try? fileManager.contentsOfDirectory(atPath: directory))?.isEmpty == true
            else {
                throw DemoError.directoryNotEmpty(directory)
            }
        }
        do {
            return try write(into: directory, options: options)
        } catch {
            // Leave the folder as it was found: absent or empty.
            for item in (try? fileManager.contentsOfDirectory(atPath: directory)) ?? [] {
                try? fileManager.removeItem(atPath: (directory as NSString).appendingPathComponent(item))
            }
            throw error
        }
    }
}

private extension DemoWorkspace {
    static func write(into directory: String, options: DemoOptions) throws -> DemoSummary {
        let fileManager = FileManager.default
        let memoryBank = directory + "/coordination/memory-bank"
        try fileManager.createDirectory(atPath: memoryBank, withIntermediateDirectories: true)
        try fileManager.createDirectory(atPath: directory + "/metrics", withIntermediateDirectories: true)
        let git = try GitProcess(repository: directory)
        // SHA-1 and no line-ending conversion whatever the user's git config says: the same
        // options must give the same commit ids and bytes on every machine.
        try git.run(["init", "-q", "-b", "main", "--object-format=sha1"])

        let team = DemoTeam(count: options.agents, start: options.historyStart)
        let importer = try FastImportProcess(repository: directory, git: git)
        let repository = DemoRepository(stream: importer.stream)
        let progressLog = try ByteWriter(creating: directory + "/coordination/progress-log.md")
        progressLog.write(
            "# Progress log\n\nAgents append an entry after each piece of work. Newest at the bottom.\n\n")
        let history = DemoHistory(
            options: options, team: team, repository: repository, progressLog: progressLog,
            memoryBankDirectory: memoryBank)
        try history.run()
        try importer.finish()
        try progressLog.close()
        if let failed = history.failedWrites.first { throw DemoError.failed("cannot write \(failed)") }

        let metrics = DemoMetrics(
            options: options, team: team, sessions: history.sessions, patternTimes: history.patternTimes)
        let agents = try ByteWriter(creating: directory + "/metrics/agents.jsonl")
        let health = try ByteWriter(creating: directory + "/metrics/system-health.jsonl")
        let rag = try ByteWriter(creating: directory + "/metrics/rag.jsonl")
        let alerts = try ByteWriter(creating: directory + "/metrics/alerts.jsonl")
        let hook = try ByteWriter(creating: directory + "/metrics/hook.jsonl")
        var lines = metrics.write(agents: agents, health: health, rag: rag)
        lines += metrics.writeAlerts(to: alerts)
        lines += metrics.writeHookLines(to: hook)
        for writer in [agents, health, rag, alerts, hook] { try writer.close() }

        // The agents' own session logs, inside the workspace (kept out of git's view).
        let logs = DemoSessionLogs(
            options: options, team: team, sessions: history.sessions, workspace: CanonicalPath.resolve(directory))
        _ = try logs.write(into: directory + "/" + DemoSessionLogs.folder)
        try Data((DemoSessionLogs.folder + "/\n").utf8).write(
            to: URL(fileURLWithPath: directory + "/.git/info/exclude"))

        try writeConfig(team: team, options: options, to: directory + "/agentreport.json")
        // The working tree is main's checkout, as on the machine the nightly job runs on.
        try git.run(["-c", "core.autocrlf=false", "-c", "core.eol=lf", "reset", "-q", "--hard", "main"])

        var summary = DemoSummary(agents: team.agents)
        summary.commits = repository.commits
        summary.merges = repository.merges
        summary.boardVersions = history.boardVersions
        summary.progressEntries = history.progressEntries
        summary.patterns = history.patternTimes.count
        summary.metricLines = lines
        return summary
    }

    static func writeConfig(team: DemoTeam, options: DemoOptions, to path: String) throws {
        let w = ByteWriter()
        w.write("{\n  \"title\": \"Demo agent team (seed \(options.seed))\",\n  \"agents\": [")
        for (index, agent) in team.agents.enumerated() {
            w.write(index == 0 ? "\n" : ",\n")
            w.write("    {\"id\": \"\(agent.id)\", \"name\": ")
            w.write(jsonString: agent.name)
            w.write(", \"branches\": [\"\(agent.branch)\"]}")
        }
        w.write(
            "\n  ],\n  \"usage\": {\"claude\": [\"\(DemoSessionLogs.folder)/claude\"], \"codex\": [\"\(DemoSessionLogs.folder)/codex\"]}\n}\n"
        )
        guard FileManager.default.createFile(atPath: path, contents: Data(w.take())) else {
            throw DemoError.failed("cannot write \(path)")
        }
    }
}
