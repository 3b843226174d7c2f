import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Reads the Linux process table and machine counters from `/proc` (proc(5)) — or from any
/// folder laid out like it, so tests give the collector fake processes. No library: the
/// files are small, line-oriented text.
///
/// - `<pid>/cwd`: a symlink to the process's working directory (readlink);
/// - `<pid>/stat`: field 14 `utime` and 15 `stime` (CPU time, clock ticks), field 22
///   `starttime` (clock ticks after boot) — fields counted after the `(comm)` field, which
///   may itself hold spaces and parentheses;
/// - `<pid>/status`: `VmRSS:  <n> kB` (resident memory);
/// - `uptime`: seconds since boot (a clock that never jumps, shared with `starttime`);
/// - `meminfo`: `MemTotal`, `MemAvailable` (kB);
/// - `stat`: the first `cpu` line, ticks spent per state since boot.
public struct ProcFileSystem: Sendable {
    /// The folder read (`/proc` on a real machine).
    public var root: String
    /// Clock ticks per second (`sysconf(_SC_CLK_TCK)`, 100 on Linux).
    public var ticksPerSecond: Double

    /// A reader of `root`; `ticksPerSecond` defaults to the system's.
    public init(root: String = "/proc", ticksPerSecond: Double? = nil) {
        self.root = root
        self.ticksPerSecond = ticksPerSecond ?? Double(max(sysconf(Int32(_SC_CLK_TCK)), 1))
    }

    /// One process, as far as its files could be read.
    public struct Process: Sendable, Equatable {
        public var pid: Int32
        /// Clock ticks after boot at which it started: with the pid, its identity (a pid is reused).
        public var startTicks: UInt64
        /// `utime + stime`: CPU time used so far, in clock ticks.
        public var cpuTicks: UInt64
        /// Resident memory in bytes; nil when `status` could not be read.
        public var residentBytes: Int64?
    }

    /// Whole-machine CPU counters: busy and total ticks since boot.
    public struct CPUTimes: Sendable, Equatable, Codable {
        public var busy: UInt64
        public var total: UInt64
    }

    /// The process ids listed (numeric entries of the root), ascending.
    public func processIds() -> [Int32]? {
        guard let directory = opendir(root) else { return nil }
        defer { closedir(directory) }
        var ids: [Int32] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw -> Int32? in
                var value: Int32 = 0
                var digits = 0
                for byte in raw {
                    if byte == 0 { break }
                    guard byte >= 0x30, byte <= 0x39, digits < 9 else { return nil }
                    value = value * 10 + Int32(byte - 0x30)
                    digits += 1
                }
                return digits > 0 ? value : nil
            }
            if let name { ids.append(name) }
        }
        return ids.sorted()
    }

    /// The working directory of `pid`; nil when it cannot be read (another user's process,
    /// a process that exited) or was deleted.
    public func workingDirectory(of pid: Int32) -> String? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink("\(root)/\(pid)/cwd", &buffer, buffer.count - 1)
        guard count > 0 else { return nil }
        let path = String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return path.hasSuffix(" (deleted)") ? nil : path
    }

    /// The CPU, start time and memory of `pid`; nil when its `stat` cannot be read.
    public func process(_ pid: Int32) -> Process? {
        guard let stat = try? InputFile.readToEnd("\(root)/\(pid)/stat", limit: 4096),
            let close = stat.lastIndex(of: UInt8(ascii: ")"))
        else { return nil }
        let fields = stat[(close + 1)...].split(separator: UInt8(ascii: " "))
        // fields[0] is field 3 (state): field n is fields[n - 3].
        guard fields.count >= 20, let utime = Self.number(fields[11]), let stime = Self.number(fields[12]),
            let start = Self.number(fields[19])
        else { return nil }
        return Process(pid: pid, startTicks: start, cpuTicks: utime + stime, residentBytes: residentBytes(of: pid))
    }

    /// Seconds since boot (`uptime`'s first number).
    public func uptime() -> Double? {
        guard let data = try? InputFile.readToEnd("\(root)/uptime", limit: 256) else { return nil }
        return String(decoding: data, as: UTF8.self).split(separator: " ").first.flatMap { Double($0) }
    }

    /// Total and available memory in bytes (`MemAvailable`, the kernel's estimate of what
    /// can be used without swapping).
    public func memory() -> (total: Int64, available: Int64)? {
        guard let data = try? InputFile.readToEnd("\(root)/meminfo", limit: 16_384) else { return nil }
        var total: Int64?
        var available: Int64?
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
            if line.hasPrefix("MemTotal:") { total = Self.kilobytes(line) }
            if line.hasPrefix("MemAvailable:") { available = Self.kilobytes(line) }
        }
        guard let total, let available else { return nil }
        return (total, available)
    }

    /// The machine's CPU ticks since boot: busy (everything but idle and iowait) and total.
    public func cpuTimes() -> CPUTimes? {
        guard let data = try? InputFile.readToEnd("\(root)/stat", limit: 1 << 16),
            let line = String(decoding: data, as: UTF8.self).split(separator: "\n").first(where: {
                $0.hasPrefix("cpu ")
            })
        else { return nil }
        let values = line.split(separator: " ").dropFirst().compactMap { UInt64($0) }
        guard values.count >= 4 else { return nil }
        // user nice system idle iowait irq softirq steal (guest time is already in user).
        let total = values.prefix(8).reduce(0, +)
        let idle = values[3] + (values.count > 4 ? values[4] : 0)
        return CPUTimes(busy: total - idle, total: total)
    }
}

private extension ProcFileSystem {
    func residentBytes(of pid: Int32) -> Int64? {
        guard let data = try? InputFile.readToEnd("\(root)/\(pid)/status", limit: 16_384) else { return nil }
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") where line.hasPrefix("VmRSS:") {
            return Self.kilobytes(line)
        }
        // Kernel threads and zombies have no VmRSS: they hold no user memory.
        return 0
    }

    /// `Key:   1234 kB` → bytes.
    static func kilobytes(_ line: Substring) -> Int64? {
        line.split(separator: " ").dropFirst().first.flatMap { Int64($0) }.map { $0 * 1024 }
    }

    static func number<Bytes: Collection>(_ bytes: Bytes) -> UInt64? where Bytes.Element == UInt8 {
        var value: UInt64 = 0
        guard !bytes.isEmpty else { return nil }
        for byte in bytes {
            guard byte >= 0x30, byte <= 0x39 else { return nil }
            value = value &* 10 &+ UInt64(byte - 0x30)
        }
        return value
    }
}
