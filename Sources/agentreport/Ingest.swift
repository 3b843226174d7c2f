import AgentReport
import ArgumentParser
import Foundation

/// `agentreport ingest [--only …]`.
struct Ingest: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Read the sources into the database (incremental).")

    @Option(help: ArgumentHelp("Only these sources, comma-separated: \(IngestSources.names.joined(separator: ",")).", valueName: "sources"))
    var only: String?

    @OptionGroup var options: GlobalOptions

    func validate() throws {
        for name in selected ?? [] where !IngestSources.names.contains(name) {
            throw ValidationError("--only: unknown source '\(name)' (known: \(IngestSources.names.joined(separator: ", ")))")
        }
    }

    var selected: Set<String>? {
        only.map { Set($0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }) }
    }

    func run() throws {
        try finish(with: Engine.ingest(options.runOptions, only: selected))
    }
}
