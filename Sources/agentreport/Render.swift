import AgentReport
import ArgumentParser
import Foundation

/// `agentreport render [--format …]`.
struct Render: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Render the reports from the database, opened read-only.")

    @Option(help: ArgumentHelp("Formats, comma-separated: markdown,html (default: the config's output.formats).", valueName: "formats"))
    var format: String?

    @OptionGroup var options: GlobalOptions

    var formats: [ReportConfig.ReportFormat]? {
        get throws {
            guard let format else { return nil }
            return try format.split(separator: ",").map { name in
                let trimmed = name.trimmingCharacters(in: .whitespaces)
                guard let value = ReportConfig.ReportFormat(rawValue: trimmed) else {
                    throw ValidationError("--format: unknown format '\(trimmed)' (known: markdown, html)")
                }
                return value
            }
        }
    }

    func validate() throws { _ = try formats }

    func run() throws {
        try finish(with: Engine.render(options.runOptions, formats: try formats))
    }
}
