import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Runs one external command with a time bound: `git status` in an agent's worktree, a
/// configured health-check command. The collector must never block, so every command it
/// starts is stopped when its time is up.
///
/// The command runs in a process group of its own (`posix_spawn` with `POSIX_SPAWN_SETPGROUP`),
/// so a timeout stops the whole tree (`sh -c "npm test"` and what it started), not only
/// the shell. stdout and stderr are read together with `poll(2)` (two pipes read one after
/// the other deadlock once the unread one fills), each kept up to `outputLimit` bytes and
/// the rest read and dropped, so a chatty command can neither stall nor grow the collector.
///
/// The environment gets the clean-up `GitProcess` gives git (`toolEnvironment`): C locale,
/// no pager, no prompts, no optional locks, and none of the `GIT_DIR`-style variables a hook
/// inherits. (`GitProcess`, the demo's fast-import and this runner could become one runner;
/// this one was added beside them so as not to restructure git ingest mid-flight.)
public enum ProcessRunner {
    /// What a finished (or stopped) command did.
    public struct Outcome: Sendable {
        /// The exit status; nil when the command was stopped by a signal (a timeout included).
        public var status: Int32?
        /// Whether the time bound ran out and the command was stopped.
        public var timedOut: Bool
        /// The first `outputLimit` bytes of stdout.
        public var output: Data
        /// The first `outputLimit` bytes of stderr.
        public var errorOutput: Data
        /// Wall-clock seconds from start to exit (or to the stop).
        public var duration: Double

        /// Whether the command exited with status 0 in time.
        public var succeeded: Bool { status == 0 && !timedOut }

        /// The first line of stderr (else stdout), trimmed: the reason a failure gives.
        public var firstErrorLine: String {
            for data in [errorOutput, output] {
                let text = String(decoding: data, as: UTF8.self)
                if let line = text.split(whereSeparator: \.isNewline).first(where: {
                    !$0.trimmingCharacters(in: .whitespaces).isEmpty
                }) {
                    return String(line.prefix(200)).trimmingCharacters(in: .whitespaces)
                }
            }
            return ""
        }
    }

    /// Why a command could not be started at all.
    public struct LaunchError: Error, CustomStringConvertible, Sendable {
        public var description: String
    }

    /// Runs `executable` with `arguments` (argv[1…]) in `directory` (nil: the current one),
    /// with `environment`, for at most `timeout` seconds; stdin is `/dev/null`.
    public static func run(
        _ executable: String, _ arguments: [String], directory: String? = nil,
        environment: [String: String] = toolEnvironment(), timeout: Double, outputLimit: Int = 1 << 20
    ) throws(LaunchError) -> Outcome {
        let started = monotonicSeconds()
        let deadline = started + max(timeout, 0)
        var outPipe: [Int32] = [-1, -1]
        var errPipe: [Int32] = [-1, -1]
        let pid: pid_t
        // Pipes and spawn under one lock: a pipe made by one thread while another spawns
        // would leak into that child (Swift's Glibc has no pipe2 to make it close-on-exec
        // at once), and its reader would wait for that child's end.
        spawnLock.lock()
        do throws(LaunchError) {
            guard pipe(&outPipe) == 0 else { throw LaunchError(description: "pipe: \(lastError())") }
            guard pipe(&errPipe) == 0 else { throw LaunchError(description: "pipe: \(lastError())") }
            for fd in outPipe + errPipe { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
            pid = try spawn(
                executable, arguments, directory: directory, environment: environment, stdout: outPipe[1],
                stderr: errPipe[1])
            spawnLock.unlock()
        } catch {
            spawnLock.unlock()
            for fd in outPipe + errPipe where fd >= 0 { close(fd) }
            throw error
        }
        close(outPipe[1])
        close(errPipe[1])
        var output = Data()
        var errorOutput = Data()
        let finishedReading = readBoth(
            outPipe[0], errPipe[0], into: &output, &errorOutput, limit: outputLimit, deadline: deadline)
        close(outPipe[0])
        close(errPipe[0])
        var status: Int32 = 0
        var exited = finishedReading && waitUntil(deadline, pid: pid, status: &status)
        var timedOut = false
        if !exited {
            timedOut = true
            stop(group: pid, status: &status)
            exited = true
        }
        let normalExit = status & 0x7F == 0
        return Outcome(
            status: normalExit && !timedOut ? (status >> 8) & 0xFF : nil, timedOut: timedOut, output: output,
            errorOutput: errorOutput, duration: monotonicSeconds() - started)
    }

    /// The environment every tool the collector runs gets: this process's, with stable,
    /// machine-readable output (`LC_ALL=C`), no pager, no prompts, no optional locks (a
    /// `git status` that does not write the index: read-only on the agents' files), and
    /// without the variables that would point git at another repository.
    public static func toolEnvironment(
        _ base: [String: String] = ProcessInfo.processInfo.environment
    ) -> [String: String] {
        var environment = base
        environment["LC_ALL"] = "C"
        environment["GIT_PAGER"] = "cat"
        environment["PAGER"] = "cat"
        environment["GIT_TERMINAL_PROMPT"] = "0"
        environment["GIT_OPTIONAL_LOCKS"] = "0"
        for key in [
            "GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY", "GIT_COMMON_DIR",
            "GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_NAMESPACE",
        ] {
            environment[key] = nil
        }
        return environment
    }

    /// The first executable called `name` on `path` (a `PATH` value), or nil.
    public static func locate(_ name: String, path: String?) -> String? {
        if name.contains("/") { return access(name, X_OK) == 0 ? name : nil }
        for directory in (path ?? "/usr/bin:/bin").split(separator: ":") where !directory.isEmpty {
            let candidate = "\(directory)/\(name)"
            if access(candidate, X_OK) == 0 { return candidate }
        }
        return nil
    }

    /// Seconds on a clock that never jumps (for time bounds and durations).
    public static func monotonicSeconds() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }
}

private extension ProcessRunner {
    static let spawnLock = NSLock()

    static func lastError() -> String { String(cString: strerror(errno)) }

    /// `posix_spawn_file_actions_addchdir_np` (glibc 2.29+), looked up at run time: Swift's
    /// Glibc module does not declare it.
    typealias AddChdir =
        @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) ->
        Int32
    static let addChdir: AddChdir? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addchdir_np")
        else { return nil }
        return unsafeBitCast(symbol, to: AddChdir.self)
    }()

    static func spawn(
        _ executable: String, _ arguments: [String], directory: String?, environment: [String: String],
        stdout: Int32, stderr: Int32
    ) throws(LaunchError) -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, stdout, 1)
        posix_spawn_file_actions_adddup2(&actions, stderr, 2)
        if let directory {
            guard let addChdir else {
                throw LaunchError(description: "cannot set a working directory (posix_spawn_file_actions_addchdir_np)")
            }
            _ = addChdir(&actions, directory)
        }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // Its own process group (a timeout stops the whole tree), default signal handlers
        // (this process ignores SIGPIPE; the child must not), nothing blocked.
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGPIPE)
        var mask = sigset_t()
        sigemptyset(&mask)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setsigmask(&attributes, &mask)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(
            &attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
        let argv = ([executable] + arguments).map { strdup($0) }
        let envp = environment.sorted { $0.key < $1.key }.map { strdup("\($0.key)=\($0.value)") }
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let code = posix_spawn(&pid, executable, &actions, &attributes, argv + [nil], envp + [nil])
        guard code == 0 else { throw LaunchError(description: "\(executable): \(String(cString: strerror(code)))") }
        return pid
    }

    /// Reads both pipes until both end or the deadline passes; true when both ended.
    static func readBoth(
        _ out: Int32, _ err: Int32, into output: inout Data, _ errorOutput: inout Data, limit: Int, deadline: Double
    ) -> Bool {
        var open = [out, err]
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while !open.isEmpty {
            let remaining = deadline - monotonicSeconds()
            if remaining <= 0 { return false }
            var fds = open.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
            let ready = poll(&fds, nfds_t(fds.count), Int32(min(remaining * 1000, 60_000).rounded(.up)))
            if ready < 0, errno == EINTR { continue }
            if ready <= 0 { continue }
            for entry in fds where entry.revents != 0 {
                let count = buffer.withUnsafeMutableBytes { read(entry.fd, $0.baseAddress, $0.count) }
                if count < 0, errno == EINTR || errno == EAGAIN { continue }
                if count <= 0 {
                    open.removeAll { $0 == entry.fd }
                    continue
                }
                if entry.fd == out {
                    if output.count < limit { output.append(contentsOf: buffer[0..<min(count, limit - output.count)]) }
                } else if errorOutput.count < limit {
                    errorOutput.append(contentsOf: buffer[0..<min(count, limit - errorOutput.count)])
                }
            }
        }
        return true
    }

    /// Waits for `pid` to exit until the deadline; true when it did.
    static func waitUntil(_ deadline: Double, pid: pid_t, status: inout Int32) -> Bool {
        while true {
            let result = waitpid(pid, &status, WNOHANG)
            if result == pid { return true }
            if result < 0, errno != EINTR { return true }  // not our child any more: nothing to wait for
            if monotonicSeconds() >= deadline { return false }
            usleep(2_000)
        }
    }

    /// Stops the process group: SIGTERM, a moment to exit, then SIGKILL; reaps the leader.
    static func stop(group pid: pid_t, status: inout Int32) {
        kill(-pid, SIGTERM)
        let grace = monotonicSeconds() + 0.2
        while monotonicSeconds() < grace {
            if waitpid(pid, &status, WNOHANG) == pid {
                kill(-pid, SIGKILL)  // what it started may still run
                return
            }
            usleep(5_000)
        }
        kill(-pid, SIGKILL)
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
    }
}
