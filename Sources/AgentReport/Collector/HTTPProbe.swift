import Foundation

/// One HTTP GET for a health check, by the `curl` command (`http` and `https`, redirects,
/// proxies from the environment, TLS): a well-kept client, run like the collector's other
/// tools, bounded in time by `ProcessRunner`.
///
/// Not Foundation's `URLSession`: on Linux it lives in FoundationNetworking, which links
/// libcurl and its TLS, Kerberos and LDAP libraries into every run of every command (25
/// shared libraries, about 4 MB of a `sample`'s 36 MB, loaded whether a check is configured
/// or not) for a GET that the command-line tool does as well.
///
/// The answer is the status of the last response (after redirects) and the time to its
/// first byte. The body is read into `/dev/null` and bounded (`--max-filesize`: a health URL
/// that wrongly points at a large file is stopped, its status kept). The URL goes to curl in
/// a config file readable by this user only, not on its command line, which every local
/// user can read (`/proc/PID/cmdline`) and a URL may hold a token.
enum HTTPProbe {
    /// What the GET found.
    struct Answer: Sendable, Equatable {
        var status: Int?
        var milliseconds: Double?
        var error: String?
    }

    /// The most body bytes read before curl stops (its status is kept).
    static let bodyLimit = 1 << 20

    /// GETs `url` within `timeout` seconds, with `curl` found on the environment's `PATH`.
    static func get(_ url: String, timeout: Double, environment: [String: String]) -> Answer {
        guard let curl = ProcessRunner.locate("curl", path: environment["PATH"]) else {
            return Answer(error: "curl not found on PATH (HTTP checks run curl; install it)")
        }
        let configPath = (NSTemporaryDirectory() as NSString).appendingPathComponent(
            "agentreport-http-\(getpid())-\(UUID().uuidString).curlrc")
        let created = FileManager.default.createFile(
            atPath: configPath, contents: Data(curlConfig(url: url).utf8), attributes: [.posixPermissions: 0o600])
        guard created else { return Answer(error: "cannot write curl's config in \(NSTemporaryDirectory())") }
        defer { unlink(configPath) }
        let seconds = JSONLine.seconds(timeout)
        let limit = String(format: "%.3f", timeout)
        let outcome: ProcessRunner.Outcome
        do {
            outcome = try ProcessRunner.run(
                curl,
                [
                    "--silent", "--show-error", "--disable", "--config", configPath, "--output", "/dev/null",
                    "--write-out", "%{http_code} %{time_starttransfer}", "--max-time", limit, "--connect-timeout",
                    limit, "--location", "--max-redirs", "5", "--max-filesize", String(bodyLimit), "--user-agent",
                    "agentreport-sample",
                ],
                environment: ProcessRunner.toolEnvironment(environment), timeout: timeout + 0.5, outputLimit: 4096)
        } catch {
            return Answer(error: "cannot run curl: \(error)")
        }
        if outcome.timedOut { return Answer(error: "no answer within \(seconds)") }
        return answer(
            writeOut: String(decoding: outcome.output, as: UTF8.self), exitStatus: outcome.status,
            errorLine: outcome.firstErrorLine, timeout: timeout)
    }

    /// The answer curl's `--write-out` (`"<status> <seconds to first byte>"`), exit status
    /// and first error line give. Exit 28 is curl's timeout; 63 is the body limit, which
    /// still has the status.
    static func answer(writeOut: String, exitStatus: Int32?, errorLine: String, timeout: Double) -> Answer {
        let fields = writeOut.split(separator: " ")
        let status = fields.first.flatMap { Int($0) }.flatMap { $0 > 0 ? $0 : nil }
        let firstByte = fields.count > 1 ? Double(fields[1]) : nil
        if let status, exitStatus == 0 || exitStatus == 63 {
            return Answer(status: status, milliseconds: firstByte.map { $0 * 1000 })
        }
        if exitStatus == 28 { return Answer(error: "no answer within \(JSONLine.seconds(timeout))") }
        var reason = errorLine
        if reason.hasPrefix("curl: ") { reason.removeFirst("curl: ".count) }
        return Answer(error: reason.isEmpty ? "curl exit status \(exitStatus.map(String.init) ?? "signal")" : reason)
    }

    /// A curl config that names `url` (quoted as curl's config syntax wants).
    static func curlConfig(url: String) -> String {
        var quoted = ""
        for character in url {
            switch character {
            case "\\": quoted += "\\\\"
            case "\"": quoted += "\\\""
            case "\n", "\r", "\t": continue
            default: quoted.append(character)
            }
        }
        return "url = \"\(quoted)\"\n"
    }
}
