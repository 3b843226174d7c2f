import Foundation
import Testing

@testable import AgentReport

/// The health checks of `sample.checks`: HTTP GET, TCP connect and commands, each bounded.
@Suite struct HealthCheckTests {
    func check(_ kind: ReportConfig.HealthCheck.Kind, _ configure: (inout ReportConfig.HealthCheck) -> Void)
        -> ReportConfig.HealthCheck
    {
        var check = ReportConfig.HealthCheck(name: "\(kind)", kind: kind)
        configure(&check)
        return check
    }

    func run(_ check: ReportConfig.HealthCheck) -> HealthCheckRunner.Result {
        HealthCheckRunner.run(
            check, directory: NSTemporaryDirectory(), environment: ProcessInfo.processInfo.environment)
    }

    @Test func tcpPassesWhenSomethingListensAndFailsWhenNothingDoes() throws {
        let server = try LocalServer(reply: nil)
        let open = run(
            check(.tcp) {
                $0.host = "127.0.0.1"; $0.port = server.port
            })
        #expect(open.passed)
        #expect(open.milliseconds != nil)
        let closedPort = server.port
        server.close()
        let closed = run(
            check(.tcp) {
                $0.host = "127.0.0.1"; $0.port = closedPort; $0.timeout = 2
            })
        #expect(!closed.passed)
        #expect(closed.error?.contains("cannot connect") == true)
    }

    @Test func httpPassesOnSuccessAndFailsOnAnErrorStatus() throws {
        // Generous timeouts: this is about the status, and the whole suite runs at once on
        // two cores (5 s was once not enough for the server thread to answer).
        let ok = try LocalServer(reply: "HTTP/1.1 204 No Content\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
        defer { ok.close() }
        let up = run(
            check(.http) {
                $0.url = "http://127.0.0.1:\(ok.port)/health"; $0.timeout = 30
            })
        #expect(up.passed, "\(up)")
        #expect(up.httpStatus == 204)
        #expect(up.milliseconds != nil)
        let broken = try LocalServer(
            reply: "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
        defer { broken.close() }
        let down = run(
            check(.http) {
                $0.url = "http://127.0.0.1:\(broken.port)/health"; $0.timeout = 30
            })
        #expect(!down.passed)
        #expect(down.error == "HTTP 503")
    }

    @Test func anHTTPCheckFollowsARedirectAndReportsTheLastStatus() throws {
        let target = try LocalServer(reply: "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok")
        defer { target.close() }
        let moved = try LocalServer(
            reply:
                "HTTP/1.1 302 Found\r\nLocation: http://127.0.0.1:\(target.port)/up\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
        )
        defer { moved.close() }
        let result = run(
            check(.http) {
                $0.url = "http://127.0.0.1:\(moved.port)/health"; $0.timeout = 30
            })
        #expect(result.passed, "\(result)")
        #expect(result.httpStatus == 200)
    }

    @Test func curlsAnswerIsReadAsTheStatusAndTheTimeToTheFirstByte() {
        #expect(
            HTTPProbe.answer(writeOut: "204 0.012500", exitStatus: 0, errorLine: "", timeout: 5)
                == HTTPProbe.Answer(status: 204, milliseconds: 12.5))
        // Over the body limit: the status stands.
        #expect(HTTPProbe.answer(writeOut: "200 0.001", exitStatus: 63, errorLine: "x", timeout: 5).status == 200)
        #expect(
            HTTPProbe.answer(writeOut: "000 0.000", exitStatus: 28, errorLine: "curl: (28) timeout", timeout: 2)
                == HTTPProbe.Answer(error: "no answer within 2 s"))
        #expect(
            HTTPProbe.answer(
                writeOut: "000 0.000", exitStatus: 7,
                errorLine: "curl: (7) Failed to connect to 127.0.0.1 port 9: Couldn't connect to server", timeout: 2
            )
            .error == "(7) Failed to connect to 127.0.0.1 port 9: Couldn't connect to server")
        #expect(HTTPProbe.curlConfig(url: #"http://h/a"b\c"#) == #"url = "http://h/a\"b\\c""# + "\n")
    }

    @Test func anHTTPServerThatNeverAnswersTimesOut() throws {
        let silent = try LocalServer(reply: nil)
        defer { silent.close() }
        let started = ProcessRunner.monotonicSeconds()
        let result = run(
            check(.http) {
                $0.url = "http://127.0.0.1:\(silent.port)/"; $0.timeout = 0.5
            })
        #expect(!result.passed)
        #expect(ProcessRunner.monotonicSeconds() - started < 15, "stopped at its timeout, not by the server")
    }

    @Test func commandsPassOnExitZeroAndFailWithTheirReason() {
        #expect(run(check(.command) { $0.command = "test -d ." }).passed)
        let failed = run(check(.command) { $0.command = "echo 'service down' >&2; exit 3" })
        #expect(!failed.passed)
        #expect(failed.error == "exit status 3: service down")
        let started = ProcessRunner.monotonicSeconds()
        let slow = run(
            check(.command) {
                $0.command = "sleep 20"; $0.timeout = 0.3
            })
        #expect(slow.error == "timed out after 0.3 s")
        #expect(ProcessRunner.monotonicSeconds() - started < 15)
    }

    @Test func theHealthLineIsDegradedWhenSomeChecksFailAndUnhealthyWhenAllDo() throws {
        let team = try CollectorFixture(agents: [])
        team.disk = DiskUsage(used: 1_000_000, fraction: 0.5)  // the machine's own disk may be full
        let pass = check(.command) {
            $0.name = "ok"; $0.command = "true"
        }
        let fail = check(.command) {
            $0.name = "mcp"; $0.command = "false"
        }
        team.config.sample.checks = [pass, fail]
        var health = try CollectorFixture.parse(team.sample().health.text)
        #expect(health["overall_status"] as? String == "degraded")
        #expect(health["error_count"] as? Int == 1)
        let details = try #require(health["details"] as? [String: Any])
        #expect(((details["checks"] as? [String: Any])?["mcp"] as? [String: Any])?["ok"] as? Bool == false)
        team.config.sample.checks = [fail]
        health = try CollectorFixture.parse(team.sample().health.text)
        #expect(health["overall_status"] as? String == "unhealthy")
        team.config.sample.checks = [pass]
        health = try CollectorFixture.parse(team.sample().health.text)
        #expect(health["overall_status"] as? String == "healthy")
        #expect(health["api_latency"] is NSNull)
        #expect(CollectorFixture.notes(health).contains { $0.contains("no HTTP check configured") })
    }

    @Test(arguments: [
        (0.0, 0, 0, "healthy"), (0.899, 0, 0, "healthy"), (0.90, 0, 0, "degraded"), (0.979, 0, 0, "degraded"),
        (0.98, 0, 0, "unhealthy"), (1.0, 0, 0, "unhealthy"), (0.5, 2, 1, "degraded"), (0.5, 2, 2, "unhealthy"),
        (0.95, 2, 1, "degraded"), (0.99, 2, 1, "unhealthy"), (0.5, 0, 0, "healthy"),
    ])
    func theOverallStatusFollowsTheChecksAndTheDiskThresholds(
        _ disk: Double, _ checks: Int, _ failed: Int, _ expected: String
    ) {
        let status = HealthStatusRule.status(checks: checks, failed: failed, diskFraction: disk)
        #expect(status.status == expected)
        #expect((status.diskNote != nil) == (disk >= 0.90), "a note exactly when the disk counts")
    }

    @Test func aDiskThatCannotBeReadCountsForNeitherStatus() {
        let unknown = HealthStatusRule.status(checks: 0, failed: 0, diskFraction: nil)
        #expect(unknown.status == "healthy")
        #expect(unknown.diskNote == nil)
        #expect(HealthStatusRule.status(checks: 3, failed: 1, diskFraction: nil).status == "degraded")
        #expect(HealthStatusRule.status(checks: 3, failed: 3, diskFraction: nil).status == "unhealthy")
    }

    @Test func aFullDiskDegradesThenBreaksTheHealthLineAndSaysWhy() throws {
        let team = try CollectorFixture(agents: [])
        team.disk = DiskUsage(used: 450_000_000_000, fraction: 0.9312)
        var health = try CollectorFixture.parse(team.sample().health.text)
        #expect(health["overall_status"] as? String == "degraded")
        #expect(health["disk_usage"] as? Int == 450_000_000_000)
        #expect((health["details"] as? [String: Any])?["disk_percent"] as? Double == 93.1)
        #expect(
            CollectorFixture.notes(health).contains(
                "disk 93.1 % full: degraded (degraded from 90 %, unhealthy from 98 %)"))

        team.disk = DiskUsage(used: 490_000_000_000, fraction: 0.985)
        health = try CollectorFixture.parse(team.sample().health.text)
        #expect(health["overall_status"] as? String == "unhealthy")
        #expect(CollectorFixture.notes(health).contains { $0.hasPrefix("disk 98.5 % full: unhealthy") })

        team.disk = DiskUsage(used: 100_000_000_000, fraction: 0.2)
        health = try CollectorFixture.parse(team.sample().health.text)
        #expect(health["overall_status"] as? String == "healthy")
        #expect(!CollectorFixture.notes(health).contains { $0.hasPrefix("disk ") }, "a disk with room says nothing")
    }

    @Test func aDiskThatCannotBeReadIsNullWithANoteAndLeavesTheStatusToTheChecks() throws {
        let team = try CollectorFixture(agents: [])
        team.disk = .some(nil)
        let health = try CollectorFixture.parse(team.sample().health.text)
        #expect(health["overall_status"] as? String == "healthy")
        #expect(health["disk_usage"] is NSNull)
        #expect((health["details"] as? [String: Any])?["disk_percent"] == nil)
        #expect(CollectorFixture.notes(health).contains { $0.hasPrefix("disk_usage: statvfs failed on ") })
    }

    @Test func theRealDiskIsMeasuredWithStatvfs() throws {
        let team = try CollectorFixture(agents: [])
        let health = try CollectorFixture.parse(team.sample().health.text)
        let used = try #require(health["disk_usage"] as? Int)
        #expect(used > 0)
        let percent = try #require((health["details"] as? [String: Any])?["disk_percent"] as? Double)
        #expect(percent > 0 && percent <= 100)
    }

    @Test func theMachineCPUIsMeasuredBetweenTwoSamples() throws {
        let team = try CollectorFixture(agents: [])
        try team.proc.setMachine(busy: 1_000, total: 10_000)
        try team.proc.setUptime(100)
        var health = try CollectorFixture.parse(team.sample().health.text)
        #expect(health["cpu_usage"] is NSNull)
        try team.proc.setMachine(busy: 1_300, total: 11_000)
        try team.proc.setUptime(105)
        health = try CollectorFixture.parse(team.sample().health.text)
        #expect(health["cpu_usage"] as? Double == 30.0)
    }

    @Test func theRagLineCountsTheMemoryBanksPatterns() throws {
        let team = try CollectorFixture(agents: [])
        try team.write("coordination/memory-bank/a.json", "{\"id\":\"a\"}")
        try team.write("coordination/memory-bank/b.json", "{\"id\":\"bb\"}")
        try team.write("coordination/memory-bank/notes.txt", "not a pattern")
        let rag = try CollectorFixture.parse(team.sample().rag.text)
        #expect(rag["total_patterns"] as? Int == 2)
        #expect(rag["memory_usage"] as? Int == 21)
        #expect(rag["hit_rate"] is NSNull)
        #expect(CollectorFixture.notes(rag).contains { $0.contains("RAG server") })
    }
}

/// A one-thread TCP server on 127.0.0.1 for the tests: it answers every connection with
/// `reply`, or holds it open and says nothing when `reply` is nil.
///
/// `close()` only shuts the listening socket down; the server's own thread closes the
/// descriptor once its `accept` fails. Closing it from the test's thread let the number be
/// reused by another test's socket while this thread was about to `accept` on it again —
/// it then took that test's connection and held it silent (seen once in CI as a 30 s
/// timeout of an HTTP check). Descriptors are close-on-exec (an accepted one from just
/// after `accept`), so the `git` and shell
/// processes other tests start at the same time do not keep a connection open.
final class LocalServer: @unchecked Sendable {
    let port: Int
    private let socket: Int32
    private var closed = false
    private var held: [Int32] = []
    private let lock = NSLock()

    init(reply: String?) throws {
        let fd = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
        }
        guard bound == 0, listen(fd, 8) == 0 else {
            Glibc.close(fd)
            throw CollectorFixtureError("cannot listen")
        }
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        socket = fd
        port = Int(UInt16(bigEndian: address.sin_port))
        Thread.detachNewThread { [self] in
            while true {
                let client = accept(fd, nil, nil)  // (Glibc does not export accept4 to Swift)
                guard client >= 0 else {
                    if errno == EINTR { continue }
                    lock.withLock {
                        for descriptor in held { Glibc.close(descriptor) }
                        held = []
                    }
                    Glibc.close(fd)
                    return
                }
                _ = fcntl(client, F_SETFD, FD_CLOEXEC)
                guard let reply else {  // hold it open, say nothing
                    lock.withLock { held.append(client) }
                    continue
                }
                var buffer = [UInt8](repeating: 0, count: 4096)
                _ = read(client, &buffer, buffer.count)
                _ = reply.withCString { write(client, $0, strlen($0)) }
                Glibc.close(client)
            }
        }
    }

    /// Stops listening: new connections are refused from here on.
    func close() {
        let first = lock.withLock { () -> Bool in
            defer { closed = true }
            return !closed
        }
        if first { shutdown(socket, Int32(SHUT_RDWR)) }
    }

    deinit { close() }  // never while its thread runs (it holds the server): call close()
}
