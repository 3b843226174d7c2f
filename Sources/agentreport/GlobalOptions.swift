import AgentReport
import ArgumentParser

/// The options every command understands (DESIGN §1).
struct GlobalOptions: ParsableArguments {
    @Option(name: .customLong("config"), help: ArgumentHelp("The config file.", valueName: "file"))
    var config: String?

    @Option(name: .customLong("db"), help: ArgumentHelp("The database (default: ./agentreport.sqlite).", valueName: "file"))
    var database: String?

    @Option(name: .customLong("out"), help: ArgumentHelp("The output folder (default: ./output).", valueName: "dir"))
    var output: String?

    @Option(help: ArgumentHelp("The run's \"now\" (ISO 8601 or seconds since 1970); default SOURCE_DATE_EPOCH, else the clock.", valueName: "timestamp"))
    var now: String?

    @Flag(name: .shortAndLong, help: "Print only errors and warnings.")
    var quiet = false

    @Flag(name: .shortAndLong, help: "Print every stage and its timing.")
    var verbose = false

    /// The engine's view of these options.
    var runOptions: RunOptions {
        var options = RunOptions()
        options.configPath = config
        options.databasePath = database
        options.outputPath = output
        options.now = now
        options.verbosity = quiet ? .quiet : (verbose ? .verbose : .normal)
        return options
    }
}
