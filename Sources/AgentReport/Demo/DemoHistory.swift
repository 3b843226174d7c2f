import Foundation

/// The simulation of the team's work over the history: agents take tasks, commit on their
/// branches, move tasks on the board (committed on their branch), get blocked, are
/// reviewed, merged into main; sprints replace the board; a sync script copies boards.
/// It streams the git history to fast-import and the progress log to its file, in time order.
final class DemoHistory {
    /// What one scheduled moment does.
    enum Action {
        case work(Int), wrapUp(Int), review(Int), sprint, sync, stallIncident, blockIncident, reopenIncident
    }

    /// One branch of the repository.
    struct Branch {
        var name: String
        var tip: Int?
        var boardVersion = 0
        var boardMark = 0
        var changedPaths: [String] = []
    }

    /// One agent's working session on one day (for the metric samples).
    struct Session {
        var start: Int64
        var end: Int64
        var task: String?
    }

    /// What an agent did since its last progress entry.
    struct DayNotes {
        var commits = 0
        var added = 0
        var deleted = 0
        var tasks: [String] = []
    }

    /// Where the board lives in the repository.
    static let boardPath = "coordination/task-board.json"

    /// What to generate.
    let options: DemoOptions
    /// The agents.
    let team: DemoTeam
    /// The fast-import stream the commits go to.
    let repository: DemoRepository
    /// The progress log, appended in time order.
    let progressLog: ByteWriter
    /// The folder pattern records are written to.
    let memoryBankDirectory: String
    /// The team-wide board as it is now.
    var board: DemoBoard
    /// `main` and the agent branches (same order as the team).
    var main: Branch
    var branches: [Branch]
    /// Every source file's current content and blob mark.
    var files: [String: DemoSourceFile] = [:]
    var fileMarks: [String: Int] = [:]
    /// The paths each agent has created.
    var agentPaths: [[String]]
    /// What each agent did since its last progress entry.
    var notes: [DayNotes]
    /// Board versions written so far (a version number for each branch's copy).
    var boardVersions = 0
    /// Sessions per metric day and agent (`sessions[day][agent]`).
    var sessions: [[Session?]]
    /// When each memory-bank pattern was stored (for the RAG samples' pattern count).
    var patternTimes: [Int64] = []
    var progressEntries = 0
    /// Files that could not be written (reported by the generator).
    var failedWrites: [String] = []

    /// A simulation writing to `repository`, the progress log and the memory-bank folder.
    init(options: DemoOptions, team: DemoTeam, repository: DemoRepository, progressLog: ByteWriter, memoryBankDirectory: String) {
        self.options = options
        self.team = team
        self.repository = repository
        self.progressLog = progressLog
        self.memoryBankDirectory = memoryBankDirectory
        let start = options.historyStart
        board = DemoBoard(
            sprint: DemoSprint(number: 1, name: DemoText.sprintNames[0], start: start, end: start + 6 * 86_400),
            historyDays: options.historyDays, time: start + 600, by: team.agents[team.planner].id)
        main = Branch(name: "main")
        branches = team.agents.map { Branch(name: $0.branch) }
        agentPaths = Array(repeating: [], count: team.agents.count)
        notes = Array(repeating: DayNotes(), count: team.agents.count)
        sessions = Array(repeating: Array(repeating: nil, count: team.agents.count), count: options.days)
    }

    /// Runs the whole history.
    func run() throws {
        try writeInitialCommit()
        for day in 0..<options.historyDays {
            for item in schedule(day: day) {
                perform(item.action, at: item.time, day: day)
            }
        }
    }

    /// The seconds at which agent `agent` stops all activity (the silent-agent incident).
    func isSilent(_ agent: Int, at time: Int64) -> Bool {
        agent == team.silent && time >= options.end - 30 * 3600
    }
}

// MARK: - Schedule

extension DemoHistory {
    /// The day's actions in time order (ties in the order they were planned).
    func schedule(day: Int) -> [(time: Int64, action: Action)] {
        let dayStart = options.historyStart + Int64(day) * 86_400
        var items: [(time: Int64, action: Action)] = []
        if day > 0, day % 7 == 0 { items.append((dayStart + 6 * 3600, .sprint)) }
        let weekday = (dayStart / 86_400 + 4) % 7  // 0 = Sunday
        for agent in team.agents.indices {
            var random = DemoRandom(seed: options.seed, stream: 1, UInt64(day), UInt64(agent))
            let commits = weekday == 0 || weekday == 6 ? random.int(0...2) : random.int(2...7)
            guard commits > 0 else { continue }
            var time = dayStart + 7 * 3600 + Int64(random.int(0...240)) * 60 + Int64(random.int(0...59))
            for _ in 0..<commits {
                time += Int64(random.int(15...80)) * 60 + Int64(random.int(0...59))
                items.append((time, .work(agent)))
            }
            items.append((time + Int64(random.int(5...20)) * 60, .wrapUp(agent)))
        }
        var random = DemoRandom(seed: options.seed, stream: 2, UInt64(day))
        items.append((dayStart + 12 * 3600 + Int64(random.int(0...3600)), .review(team.validator)))
        items.append((dayStart + 18 * 3600 + Int64(random.int(0...3600)), .review(team.validator)))
        items.append((dayStart + 23 * 3600 + 1800, .sync))
        for (time, action) in [(options.end - 108 * 3600, Action.stallIncident), (options.end - 40 * 3600, .blockIncident),
                               (options.end - 9 * 86_400 + 14 * 3600, .reopenIncident)]
        where time >= dayStart && time < dayStart + 86_400 {
            items.append((time, action))
        }
        return items.enumerated().sorted { ($0.element.time, $0.offset) < ($1.element.time, $1.offset) }.map(\.element)
    }

    func perform(_ action: Action, at time: Int64, day: Int) {
        switch action {
        case .work(let agent):
            guard !isSilent(agent, at: time) else { return }
            noteSession(agent, at: time, day: day)
            work(agent, at: time, day: day)
        case .wrapUp(let agent):
            guard !isSilent(agent, at: time) else { return }
            noteSession(agent, at: time, day: day)
            wrapUp(agent, at: time, day: day)
        case .review(let agent):
            guard !isSilent(agent, at: time) else { return }
            review(by: agent, at: time, day: day)
        case .sprint:
            guard !isSilent(team.planner, at: time) else { return }
            startSprint(at: time, day: day)
        case .sync:
            syncBoard(at: time)
        case .stallIncident:
            stallIncident(at: time)
        case .blockIncident:
            blockIncident(at: time)
        case .reopenIncident:
            reopenIncident(at: time, day: day)
        }
    }

    /// Records the agent's session bounds and current task for the metric samples.
    func noteSession(_ agent: Int, at time: Int64, day: Int) {
        let metricDay = day - (options.historyDays - options.days)
        guard metricDay >= 0 else { return }
        let task = board.tasks.first { $0.assignee == agent && $0.status == "IN_PROGRESS" && !$0.pinned }?.id
        if var session = sessions[metricDay][agent] {
            session.end = time
            session.task = session.task ?? task
            sessions[metricDay][agent] = session
        } else {
            sessions[metricDay][agent] = Session(start: time, end: time, task: task)
        }
    }
}
