import Foundation

/// A configuration file that cannot be used; the message names the file and the key.
public struct ConfigError: Error, CustomStringConvertible, Equatable {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// Reads `agentreport.json` into a `ReportConfig`, strictly: unknown keys and wrong types
/// are errors that name the key, because a typo silently ignored is a setting silently lost.
public enum ConfigLoader {
    /// Loads the config at `path`; when `path` is nil, `./agentreport.json` is used if it
    /// exists, else every default applies with `workingDirectory` as the base folder.
    public static func load(path: String?, workingDirectory: String) throws -> ReportConfig {
        let explicit = path != nil
        let candidate =
            path.map { $0.hasPrefix("/") ? $0 : (workingDirectory as NSString).appendingPathComponent($0) }
            ?? (workingDirectory as NSString).appendingPathComponent("agentreport.json")
        let data: Data
        do {
            data = try InputFile.read(candidate, limit: InputFile.Limit.config)
        } catch .missing {
            if explicit { throw ConfigError("\(path ?? candidate): config file not found") }
            return ReportConfig(baseDirectory: workingDirectory)
        } catch {
            throw ConfigError("\(path ?? candidate): cannot read the config file: \(error)")
        }
        let base = ((candidate as NSString).deletingLastPathComponent as NSString).standardizingPath
        return try parse(data, file: path ?? "agentreport.json", baseDirectory: base)
    }

    /// Parses config JSON; `file` names it in error messages.
    public static func parse(_ data: Data, file: String, baseDirectory: String) throws -> ReportConfig {
        let root: Any
        var warnings: [Diagnostic] = []
        do {
            root = try JSONSerialization.jsonObject(
                with: try InputText.json(data, file: file, diagnostics: &warnings), options: [])
        } catch let problem as InputText.JSONSyntaxProblem {
            throw ConfigError(
                "\(file):\(problem.line):\(problem.column): error: the config is not valid JSON: \(problem.reason)")
        } catch {
            let position = JSONSupport.errorPosition(error, in: data)
            throw ConfigError(
                "\(file):\(position.line):\(position.column): error: the config is not valid JSON: \(JSONSupport.errorReason(error))"
            )
        }
        var config = ReportConfig(baseDirectory: baseDirectory)
        config.warnings = warnings
        let reader = try ObjectReader(root, path: "", file: file)
        try reader.allow([
            "title", "database", "output", "templates", "coordination", "repositories",
            "metrics", "agents", "attribution", "exclude", "retention", "alerts", "usage", "sample", "$schema",
        ])
        if let v = try reader.string("title") { config.title = v }
        if let v = try reader.string("database") { config.database = v }
        if let v = try reader.string("templates") { config.templates = v }
        if let output = try reader.object("output") {
            try output.allow(["dir", "formats"])
            if let v = try output.string("dir") { config.outputDir = v }
            if let v = try output.strings("formats") {
                config.formats = try v.map { name in
                    guard let format = ReportConfig.ReportFormat(rawValue: name) else {
                        throw ConfigError("\(file): output.formats: unknown format '\(name)' (known: markdown, html)")
                    }
                    return format
                }
            }
        }
        if let c = try reader.object("coordination") {
            try c.allow(["dir", "taskBoard", "progressLog", "memoryBank"])
            if let v = try c.string("dir") { config.coordination.dir = v }
            if let v = try c.string("taskBoard") { config.coordination.taskBoard = v }
            if let v = try c.string("progressLog") { config.coordination.progressLog = v }
            if let v = try c.string("memoryBank") { config.coordination.memoryBank = v }
        }
        if let repos = try reader.objects("repositories") {
            config.repositories = try repos.map { r in
                try r.allow(["path", "refs", "boardHistory"])
                var repo = ReportConfig.Repository()
                if let v = try r.string("path") { repo.path = v }
                if let v = try r.strings("refs") { repo.refs = v }
                if let v = try r.bool("boardHistory") { repo.boardHistory = v }
                return repo
            }
        }
        if let m = try reader.object("metrics") {
            try m.allow(["dir"])
            if let v = try m.string("dir") { config.metricsDir = v }
        }
        if let agents = try reader.objects("agents") {
            config.agents = try agents.map { a in
                try a.allow(["id", "name", "branches", "authors", "worktree"])
                guard let id = try a.string("id") else {
                    throw ConfigError("\(file): \(a.path): missing key 'id'")
                }
                guard let slug = id.agentSlug, slug == id else {
                    throw ConfigError(
                        "\(file): \(a.path).id: '\(id)' is not an agent id (lower-case letters, digits, '-' or '_', at most 20 characters)"
                    )
                }
                var agent = ReportConfig.Agent(id: id)
                agent.name = try a.string("name")
                agent.branches = try a.strings("branches") ?? []
                agent.authors = try a.strings("authors") ?? []
                agent.worktree = try a.string("worktree")
                return agent
            }
        }
        if let a = try reader.object("attribution") {
            try a.allow(["branchPatterns", "trailers", "taskIdPattern"])
            if let v = try a.strings("branchPatterns") { config.attribution.branchPatterns = v }
            if let v = try a.strings("trailers") { config.attribution.trailers = v }
            if let v = try a.string("taskIdPattern") { config.attribution.taskIdPattern = v }
            for pattern in config.attribution.branchPatterns + [config.attribution.taskIdPattern] {
                do { _ = try NSRegularExpression(pattern: pattern) } catch {
                    throw ConfigError("\(file): attribution: '\(pattern)' is not a valid regular expression")
                }
            }
        }
        if let e = try reader.object("exclude") {
            try e.allow(["paths", "authors"])
            if let v = try e.strings("paths") { config.exclude.paths = v }
            if let v = try e.strings("authors") { config.exclude.authors = v }
        }
        if let r = try reader.object("retention") {
            try r.allow([
                "agentMetricsDays", "agentDailyDays", "systemHealthDays",
                "systemHealthHourlyDays", "ragMetricsDays", "alertsDays",
            ])
            if let v = try r.positiveInt("agentMetricsDays") { config.retention.agentMetricsDays = v }
            if let v = try r.positiveInt("agentDailyDays") { config.retention.agentDailyDays = v }
            if let v = try r.positiveInt("systemHealthDays") { config.retention.systemHealthDays = v }
            if let v = try r.positiveInt("systemHealthHourlyDays") { config.retention.systemHealthHourlyDays = v }
            if let v = try r.positiveInt("ragMetricsDays") { config.retention.ragMetricsDays = v }
            if let v = try r.positiveInt("alertsDays") { config.retention.alertsDays = v }
        }
        if let a = try reader.object("alerts") {
            try a.allow([
                "agentSilentHours", "taskBlockedHours", "taskStalledDays", "uncommittedChanges",
                "cpuPercent", "memoryPercent", "ragHitRate", "staleHours", "collectorAlertHours",
                "reviewQueueHours", "silences", "dailyCostUSD", "teamDailyCostUSD", "passRateDrop",
            ])
            if let v = try a.number("agentSilentHours") { config.alerts.agentSilentHours = v }
            if let v = try a.number("taskBlockedHours") { config.alerts.taskBlockedHours = v }
            if let v = try a.number("taskStalledDays") { config.alerts.taskStalledDays = v }
            if let v = try a.positiveInt("uncommittedChanges") { config.alerts.uncommittedChanges = v }
            if let v = try a.number("cpuPercent") { config.alerts.cpuPercent = v }
            if let v = try a.number("memoryPercent") { config.alerts.memoryPercent = v }
            if let v = try a.number("ragHitRate") { config.alerts.ragHitRate = v }
            if let v = try a.number("staleHours") { config.alerts.staleHours = v }
            if let v = try a.number("collectorAlertHours") { config.alerts.collectorAlertHours = v }
            if let v = try a.number("reviewQueueHours") { config.alerts.reviewQueueHours = v }
            if let v = try a.number("dailyCostUSD") { config.alerts.dailyCostUSD = v }
            if let v = try a.number("teamDailyCostUSD") { config.alerts.teamDailyCostUSD = v }
            if let v = try a.number("passRateDrop") { config.alerts.passRateDrop = v }
            if let silences = try a.objects("silences") {
                config.alerts.silences = try silences.map { s in
                    try s.allow(["match", "until"])
                    guard let match = try s.string("match"), let until = try s.string("until") else {
                        throw ConfigError("\(file): \(s.path): a silence needs 'match' and 'until'")
                    }
                    guard UTCTime.parse(until) != nil else {
                        throw ConfigError(
                            "\(file): \(s.path).until: '\(until)' is not a date (YYYY-MM-DD or an ISO 8601 time)")
                    }
                    return ReportConfig.Silence(match: match, until: until)
                }
            }
        }
        if let u = try reader.object("usage") { config.usage = try parseUsage(u, file: file) }
        if let s = try reader.object("sample") { config.sample = try parseSample(s) }
        return config
    }
}

/// Reads one JSON object of the config, naming keys by their dotted path in errors.
struct ObjectReader {
    let dictionary: [String: Any]
    let path: String
    let file: String

    init(_ value: Any, path: String, file: String) throws {
        guard let dictionary = value as? [String: Any] else {
            throw ConfigError("\(file): \(path.isEmpty ? "the top level" : path) must be an object")
        }
        self.dictionary = dictionary
        self.path = path
        self.file = file
    }

    func key(_ name: String) -> String { path.isEmpty ? name : "\(path).\(name)" }

    /// Throws for the first key (in sorted order) that is not in `known`.
    func allow(_ known: Set<String>) throws {
        if let unknown = dictionary.keys.sorted().first(where: { !known.contains($0) }) {
            throw ConfigError(
                "\(file): unknown key '\(key(unknown))' (known keys: \(known.filter { $0 != "$schema" }.sorted().joined(separator: ", ")))"
            )
        }
    }

    private func typeError(_ name: String, _ expected: String) -> ConfigError {
        ConfigError("\(file): \(key(name)) must be \(expected)")
    }

    func string(_ name: String) throws -> String? {
        guard let value = dictionary[name], !(value is NSNull) else { return nil }
        guard let text = value as? String else { throw typeError(name, "a string") }
        return text
    }

    func bool(_ name: String) throws -> Bool? {
        guard let value = dictionary[name], !(value is NSNull) else { return nil }
        guard JSONSupport.isBool(value), let flag = value as? Bool else { throw typeError(name, "true or false") }
        return flag
    }

    func number(_ name: String) throws -> Double? {
        guard let value = dictionary[name], !(value is NSNull) else { return nil }
        guard let d = JSONSupport.double(value), d >= 0 else {
            throw typeError(name, "a non-negative number")
        }
        return d
    }

    func positiveInt(_ name: String) throws -> Int? {
        guard let d = try number(name) else { return nil }
        guard d == d.rounded(), d >= 1, d < 1_000_000 else { throw typeError(name, "a whole number of at least 1") }
        return Int(d)
    }

    func strings(_ name: String) throws -> [String]? {
        guard let value = dictionary[name], !(value is NSNull) else { return nil }
        guard let array = value as? [Any], let texts = array as? [String], texts.count == array.count else {
            throw typeError(name, "an array of strings")
        }
        return texts
    }

    func object(_ name: String) throws -> ObjectReader? {
        guard let value = dictionary[name], !(value is NSNull) else { return nil }
        return try ObjectReader(value, path: key(name), file: file)
    }

    func objects(_ name: String) throws -> [ObjectReader]? {
        guard let value = dictionary[name], !(value is NSNull) else { return nil }
        guard let array = value as? [Any] else { throw typeError(name, "an array of objects") }
        return try array.enumerated().map { try ObjectReader($1, path: "\(key(name))[\($0)]", file: file) }
    }
}
