import Foundation

extension Engine {
    /// `agentreport init [--force]`: writes a starter `agentreport.json` (or the `--config`
    /// file) listing the agents it detects. Refuses to overwrite an existing file without
    /// `force`. Returns `.fatal` when nothing was written.
    public static func initialize(_ options: RunOptions, force: Bool) -> ExitStatus {
        let target = absolute(options.configPath ?? "agentreport.json", in: options.workingDirectory)
        if FileManager.default.fileExists(atPath: target), !force {
            printError("\(target) already exists; nothing was written (use --force to replace it)")
            return .fatal
        }
        let config = ReportConfig(baseDirectory: (target as NSString).deletingLastPathComponent)
        let console = Console(verbosity: options.verbosity, environment: options.environment)
        var diagnostics: [Diagnostic] = []
        let detection = AgentDetector(config: config).detect(diagnostics: &diagnostics)
        let agents = detection.agents
        for diagnostic in diagnostics { console.report(diagnostic) }
        do {
            try Data(StarterConfig.text(config: config, detection: detection).utf8).write(
                to: URL(fileURLWithPath: target), options: .atomic)
        } catch {
            printError("\(target): cannot write the config: \(error)")
            return .fatal
        }
        let names = agents.map(\.id).joined(separator: ", ")
        console.summary(
            "Wrote \(config.displayPath(target)) with \(agents.count) agent\(agents.count == 1 ? "" : "s")\(agents.isEmpty ? "" : ": " + names)."
        )
        return .success
    }
}
