import Foundation

@testable import AgentReport

/// A folder laid out like `/proc` (proc(5)), with the processes and counters a test sets:
/// the collector reads it as it reads the real one.
struct FakeProc {
    /// The folder.
    let root: String

    /// An empty fake `/proc` in `root`, with 16 GB of memory, half of it available.
    init(root: String) throws {
        self.root = root
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        try setMemory(totalKB: 16_000_000, availableKB: 8_000_000)
        try setUptime(1_000)
        try setMachine(busy: 1_000, total: 10_000)
    }

    /// The reader of this folder, at 100 ticks a second.
    var fileSystem: ProcFileSystem { ProcFileSystem(root: root, ticksPerSecond: 100) }

    /// Seconds since boot.
    func setUptime(_ seconds: Double) throws {
        try write("uptime", String(format: "%.2f %.2f\n", seconds, seconds * 1.5))
    }

    /// The machine's CPU ticks: busy ones (user + system here) and the total (the rest idle).
    func setMachine(busy: UInt64, total: UInt64) throws {
        try write(
            "stat",
            "cpu  \(busy / 2) 0 \(busy - busy / 2) \(total - busy) 0 0 0 0 0 0\ncpu0 1 2 3 4 5 6 7 8 0 0\nintr 1\n")
    }

    func setMemory(totalKB: Int64, availableKB: Int64) throws {
        try write("meminfo", "MemTotal:       \(totalKB) kB\nMemFree:        1 kB\nMemAvailable:   \(availableKB) kB\n")
    }

    /// A process with its working directory, start time and CPU in ticks, and resident memory.
    func addProcess(
        _ pid: Int32, cwd: String, startTicks: UInt64, cpuTicks: UInt64, residentKB: Int64? = 1024,
        name: String = "node (agent) x"
    ) throws {
        let folder = root + "/\(pid)"
        try? FileManager.default.removeItem(atPath: folder)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: folder + "/cwd", withDestinationPath: cwd)
        let utime = cpuTicks / 2
        let stime = cpuTicks - utime
        // Fields 3… after "(comm)": state ppid pgrp session tty tpgid flags minflt cminflt
        // majflt cmajflt utime stime cutime cstime priority nice threads itrealvalue starttime vsize rss.
        let fields = "S 1 \(pid) \(pid) 0 -1 4194304 100 0 0 0 \(utime) \(stime) 0 0 20 0 1 0 \(startTicks) 1000000 256"
        try write("\(pid)/stat", "\(pid) (\(name)) \(fields)\n")
        let memory = residentKB.map { "VmRSS:\t    \($0) kB\n" } ?? ""
        try write("\(pid)/status", "Name:\t\(name)\nState:\tS (sleeping)\n\(memory)Threads:\t1\n")
    }

    /// Removes a process (it exited).
    func removeProcess(_ pid: Int32) {
        try? FileManager.default.removeItem(atPath: root + "/\(pid)")
    }

    private func write(_ name: String, _ text: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: root + "/" + name))
    }
}
