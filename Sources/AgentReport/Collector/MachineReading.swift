import Foundation

/// One reading of the process table and the machine's counters, with the agents'
/// processes sorted out: a process is an agent's when the innermost checkout containing
/// its working directory is that agent's.
///
/// CPU is a rate: an agent's `cpu_usage` is the CPU time its processes used since the
/// previous sample over the time between the two (`/proc/uptime`), in percent of one core
/// (two busy cores read 200, as `top` shows). A process the previous sample did not see
/// counts whole when it started after that sample; one that is older but was not seen (its
/// working directory moved into the worktree) is left out, and the line says so.
struct MachineReading: Sendable {
    /// One agent's processes, measured.
    struct Usage: Sendable, Equatable {
        /// How many processes; nil when processes cannot be seen.
        var processes: Int?
        var cpu: Double?
        /// Resident memory in bytes (shared pages count once per process, as in `ps`).
        var memory: Int64?
        var memoryPercent: Double?
        /// Seconds since its oldest process started.
        var uptime: Int64?
    }

    private let ticksPerSecond: Double
    private let uptime: Double?
    /// Seconds between the previous sample and this one; nil without a usable previous one.
    private let interval: Double?
    private let previousUptime: Double?
    private let previousTicks: [String: UInt64]
    private let totalMemory: Int64?
    /// Every agent's processes, by agent id.
    private(set) var processesByAgent: [String: [ProcFileSystem.Process]] = [:]
    /// Whether the process table could be listed.
    let processesVisible: Bool
    /// Processes whose working directory could not be read (other users', as a rule).
    private(set) var unreadable = 0
    /// The machine's CPU use since the previous sample, percent of all cores.
    let cpuPercent: Double?
    /// Memory in use (`MemTotal - MemAvailable`), bytes.
    let memoryUsed: Int64?
    /// The state for the next sample.
    private(set) var nextState = SampleState()

    /// Reads `proc` for the checkouts of `team`, against `previous`.
    init(proc: ProcFileSystem, previous: SampleState?, ownProcess: Int32, team: TeamCheckouts) {
        ticksPerSecond = proc.ticksPerSecond
        let uptime = proc.uptime()
        self.uptime = uptime
        let usable = previous.flatMap { state -> SampleState? in
            guard let before = state.uptime, let now = uptime, now > before else { return nil }  // a reboot
            return state
        }
        previousUptime = usable?.uptime
        previousTicks = usable?.processes ?? [:]
        interval = usable?.uptime.flatMap { before in uptime.map { $0 - before } }
        let memory = proc.memory()
        totalMemory = memory?.total
        memoryUsed = memory.map { $0.total - $0.available }
        let cpu = proc.cpuTimes()
        if let cpu, let before = usable?.machine, cpu.total > before.total, cpu.busy >= before.busy {
            cpuPercent = Double(cpu.busy - before.busy) / Double(cpu.total - before.total) * 100
        } else {
            cpuPercent = nil
        }
        nextState.uptime = uptime
        nextState.machine = cpu

        // Innermost first: a worktree nested in the main checkout wins over it.
        let checkouts = team.checkouts.sorted { $0.path.utf8.count > $1.path.utf8.count }
        guard let ids = proc.processIds() else {
            processesVisible = false
            return
        }
        processesVisible = true
        for pid in ids where pid != ownProcess {
            guard let cwd = proc.workingDirectory(of: pid) else {
                unreadable += 1
                continue
            }
            guard let checkout = checkouts.first(where: { CanonicalPath.isInside(cwd, $0.path) }),
                let agent = checkout.agent, let process = proc.process(pid)
            else { continue }
            processesByAgent[agent, default: []].append(process)
            nextState.processes[SampleState.key(process)] = process.cpuTicks
        }
    }

    /// The usage of `agent`'s processes; what cannot be measured goes to `notes`.
    func usage(of agent: String, notes: inout [String]) -> Usage {
        guard processesVisible else {
            notes.append("processes not visible (no process table): cpu, memory and uptime unknown")
            return Usage()
        }
        let processes = processesByAgent[agent] ?? []
        var usage = Usage(processes: processes.count, cpu: 0, memory: 0, memoryPercent: 0, uptime: nil)
        if unreadable > 0, processes.isEmpty {
            notes.append("\(unreadable) processes of other users could not be seen")
        }
        guard !processes.isEmpty else { return usage }
        var ticks: UInt64 = 0
        var unmeasured = 0
        for process in processes {
            if let before = previousTicks[SampleState.key(process)] {
                ticks += process.cpuTicks >= before ? process.cpuTicks - before : 0
            } else if let previousUptime, Double(process.startTicks) / ticksPerSecond >= previousUptime {
                ticks += process.cpuTicks
            } else {
                unmeasured += 1
            }
        }
        if let interval, interval > 0 {
            usage.cpu = Double(ticks) / ticksPerSecond / interval * 100
            if unmeasured > 0 {
                notes.append("cpu_usage leaves out \(unmeasured) process(es) the previous sample did not see")
            }
        } else {
            usage.cpu = nil
            notes.append("cpu_usage: measured between two samples; none before this one")
        }
        let resident = processes.compactMap(\.residentBytes)
        if resident.count == processes.count {
            let bytes = resident.reduce(0, +)
            usage.memory = bytes
            usage.memoryPercent = totalMemory.map { $0 > 0 ? Double(bytes) / Double($0) * 100 : 0 }
            if totalMemory == nil { notes.append("memory_percent: meminfo not readable") }
        } else {
            usage.memory = nil
            usage.memoryPercent = nil
            notes.append("memory: the status of \(processes.count - resident.count) process(es) could not be read")
        }
        if let uptime, let oldest = processes.map(\.startTicks).min() {
            usage.uptime = max(0, Int64(uptime - Double(oldest) / ticksPerSecond))
        }
        return usage
    }
}
