import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Runs the configured health checks of `sample.checks` side by side, each bounded by its
/// timeout, while the rest of the sample is taken: `start` returns at once, `results`
/// waits — at most the longest timeout (plus a second of grace) from the start, whatever a
/// check does (a resolver that hangs included: its answer is then simply not waited for).
final class HealthCheckRunner: @unchecked Sendable {
    /// What one check found.
    struct Result: Sendable, Equatable {
        var name: String
        var kind: ReportConfig.HealthCheck.Kind
        var passed: Bool
        /// Milliseconds until the answer (HTTP: the response's headers; TCP: the connection;
        /// command: its exit); nil when there was none.
        var milliseconds: Double?
        /// The HTTP status, for `http` checks that got an answer.
        var httpStatus: Int?
        /// Why it failed.
        var error: String?
    }

    private let checks: [ReportConfig.HealthCheck]
    private let lock = NSLock()
    private var finished: [Int: Result] = [:]
    private let group = DispatchGroup()
    private let deadline: Double

    /// Starts every check now. `directory` is where command checks run (the config's folder).
    init(_ checks: [ReportConfig.HealthCheck], directory: String, environment: [String: String]) {
        self.checks = checks
        deadline = ProcessRunner.monotonicSeconds() + (checks.map(\.timeout).max() ?? 0) + 1
        for (index, check) in checks.enumerated() {
            group.enter()
            DispatchQueue.global(qos: .userInitiated).async { [self] in
                let result = Self.run(check, directory: directory, environment: environment)
                lock.withLock { finished[index] = result }
                group.leave()
            }
        }
    }

    /// Every check's result, in config order.
    func results() -> [Result] {
        _ = group.wait(timeout: .now() + max(0, deadline - ProcessRunner.monotonicSeconds()))
        return lock.withLock {
            checks.enumerated().map { index, check in
                finished[index]
                    ?? Result(
                        name: check.name, kind: check.kind, passed: false, milliseconds: nil, httpStatus: nil,
                        error: "no answer within \(JSONLine.seconds(check.timeout))")
            }
        }
    }

    /// Runs one check in the calling thread.
    static func run(_ check: ReportConfig.HealthCheck, directory: String, environment: [String: String]) -> Result {
        var result = Result(name: check.name, kind: check.kind, passed: false, milliseconds: nil, httpStatus: nil)
        switch check.kind {
        case .http:
            guard let url = check.url, let parsed = URL(string: url),
                ["http", "https"].contains(parsed.scheme?.lowercased() ?? "")
            else {
                result.error = "not an http or https URL"
                return result
            }
            let answer = HTTPProbe.get(url, timeout: check.timeout, environment: environment)
            result.milliseconds = answer.milliseconds
            result.httpStatus = answer.status
            if let status = answer.status {
                result.passed = (200..<400).contains(status)
                if !result.passed { result.error = "HTTP \(status)" }
            } else {
                result.error = answer.error ?? "no answer"
            }
        case .tcp:
            let started = ProcessRunner.monotonicSeconds()
            if let error = connect(host: check.host ?? "", port: check.port ?? 0, timeout: check.timeout) {
                result.error = error
            } else {
                result.passed = true
                result.milliseconds = (ProcessRunner.monotonicSeconds() - started) * 1000
            }
        case .command:
            do {
                let outcome = try ProcessRunner.run(
                    "/bin/sh", ["-c", check.command ?? "false"], directory: directory,
                    environment: ProcessRunner.toolEnvironment(environment), timeout: check.timeout,
                    outputLimit: 64 << 10)
                result.milliseconds = outcome.duration * 1000
                if outcome.timedOut {
                    result.error = "timed out after \(JSONLine.seconds(check.timeout))"
                } else if let status = outcome.status, status == 0 {
                    result.passed = true
                } else {
                    let line = outcome.firstErrorLine
                    result.error =
                        "exit status \(outcome.status.map(String.init) ?? "signal")" + (line.isEmpty ? "" : ": " + line)
                }
            } catch {
                result.error = "\(error)"
            }
        }
        return result
    }

    /// Opens (and closes) a TCP connection; nil when it worked, else why not.
    static func connect(host: String, port: Int, timeout: Double) -> String? {
        let deadline = ProcessRunner.monotonicSeconds() + timeout
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_family = AF_UNSPEC
        var list: UnsafeMutablePointer<addrinfo>?
        let code = getaddrinfo(host, String(port), &hints, &list)
        guard code == 0, let first = list else {
            return "cannot resolve \(host): \(String(cString: gai_strerror(code)))"
        }
        defer { freeaddrinfo(list) }
        var lastError = "no address"
        var entry: UnsafeMutablePointer<addrinfo>? = first
        while let address = entry {
            entry = address.pointee.ai_next
            let remaining = deadline - ProcessRunner.monotonicSeconds()
            guard remaining > 0 else { return "timed out after \(JSONLine.seconds(timeout))" }
            let fd = socket(address.pointee.ai_family, address.pointee.ai_socktype | Int32(SOCK_CLOEXEC.rawValue), 0)
            guard fd >= 0 else { continue }
            defer { close(fd) }
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            if Glibc.connect(fd, address.pointee.ai_addr, address.pointee.ai_addrlen) == 0 { return nil }
            guard errno == EINPROGRESS else {
                lastError = String(cString: strerror(errno))
                continue
            }
            var pending = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
            let ready = poll(&pending, 1, Int32((remaining * 1000).rounded(.up)))
            if ready == 0 { return "timed out after \(JSONLine.seconds(timeout))" }
            var failure: Int32 = 0
            var length = socklen_t(MemoryLayout<Int32>.size)
            getsockopt(fd, SOL_SOCKET, SO_ERROR, &failure, &length)
            if ready > 0, failure == 0 { return nil }
            lastError = String(cString: strerror(failure != 0 ? failure : errno))
        }
        return "cannot connect to \(host):\(port): \(lastError)"
    }
}
