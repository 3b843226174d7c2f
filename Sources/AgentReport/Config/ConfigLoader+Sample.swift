import Foundation

extension ConfigLoader {
    /// Reads the `sample` object: strict like every key (an unknown key or a check without
    /// its target is an error that names it).
    static func parseSample(_ reader: ObjectReader) throws -> ReportConfig.Sample {
        try reader.allow(["activeMinutes", "gitTimeoutSeconds", "checks", "checkCommands"])
        var sample = ReportConfig.Sample()
        if let v = try reader.number("activeMinutes") { sample.activeMinutes = v }
        if let v = try reader.number("gitTimeoutSeconds") {
            guard v > 0 else {
                throw ConfigError("\(reader.file): \(reader.key("gitTimeoutSeconds")) must be more than 0")
            }
            sample.gitTimeoutSeconds = v
        }
        if let commands = try reader.strings("checkCommands") {
            sample.checkCommands = commands.filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        }
        var names: Set<String> = []
        sample.checks = try (reader.objects("checks") ?? []).map { item in
            let check = try parseHealthCheck(item)
            guard names.insert(check.name).inserted else {
                throw ConfigError("\(reader.file): \(item.path).name: '\(check.name)' names two checks")
            }
            return check
        }
        return sample
    }

    private static func parseHealthCheck(_ item: ObjectReader) throws -> ReportConfig.HealthCheck {
        try item.allow(["name", "kind", "url", "host", "port", "command", "timeout"])
        let known = ReportConfig.HealthCheck.Kind.allCases.map(\.rawValue).joined(separator: ", ")
        guard let kindName = try item.string("kind") else {
            throw ConfigError("\(item.file): \(item.path): missing key 'kind' (\(known))")
        }
        guard let kind = ReportConfig.HealthCheck.Kind(rawValue: kindName) else {
            throw ConfigError("\(item.file): \(item.key("kind")): unknown kind '\(kindName)' (known: \(known))")
        }
        func required(_ key: String) throws -> String {
            guard let value = try item.string(key), !value.isEmpty else {
                throw ConfigError("\(item.file): \(item.path): a '\(kind.rawValue)' check needs '\(key)'")
            }
            return value
        }
        var check = ReportConfig.HealthCheck(name: "", kind: kind)
        switch kind {
        case .http:
            let url = try required("url")
            guard let parsed = URL(string: url), ["http", "https"].contains(parsed.scheme?.lowercased() ?? ""),
                parsed.host != nil
            else {
                throw ConfigError("\(item.file): \(item.key("url")): '\(url)' is not an http:// or https:// URL")
            }
            check.url = url
            check.name = url
        case .tcp:
            check.host = try required("host")
            guard let port = try item.positiveInt("port"), port <= 65_535 else {
                throw ConfigError("\(item.file): \(item.path): a 'tcp' check needs 'port' (1-65535)")
            }
            check.port = port
            check.name = "\(check.host ?? ""):\(port)"
        case .command:
            check.command = try required("command")
            check.name = check.command ?? ""
        }
        if let name = try item.string("name"), !name.isEmpty { check.name = name }
        if let timeout = try item.number("timeout") {
            guard timeout > 0, timeout <= 300 else {
                throw ConfigError("\(item.file): \(item.key("timeout")) must be more than 0 and at most 300 seconds")
            }
            check.timeout = timeout
        }
        return check
    }
}
