/// How tasks move on the simulated board: started, blocked, unblocked, reviewed, verified,
/// reopened, carried into the next sprint, and the incident tasks placed near the end.
extension DemoHistory {
    /// Adds `count` new TODO tasks for `agent`, some depending on the previous one.
    func addTasks(for agent: Int, count: Int, at time: Int64, using random: inout DemoRandom) {
        var previous: String?
        for _ in 0..<count {
            let id = board.nextTaskId()
            let area = team.agents[agent].area
            let title = "\(random.pick(DemoText.verbs)) \(random.pick(DemoText.objects))"
            board.tasks.append(DemoTask(
                id: id, title: title, description: "\(title) in the \(area) module.",
                status: "TODO", priority: random.pick(DemoText.priorities), assignee: agent,
                createdBy: team.agents[team.planner].id, createdAt: time, updatedAt: time, completedAt: nil,
                dependencies: previous.map { random.chance(0.4) ? [$0] : [] } ?? [],
                tags: [area.lowercased(), random.pick(DemoText.tags)],
                estimatedHours: Double(random.int(2...32)) / 2, actualHours: 0, workLeft: random.int(2...9)))
            previous = id
        }
    }

    /// Before a work commit: unblocks the agent's tasks whose blocker went away, and starts
    /// (or creates) a task when the agent has none in progress. Returns what moved.
    func settleBoard(for agent: Int, at time: Int64, using random: inout DemoRandom) -> [String] {
        var moved: [String] = []
        for index in board.tasks.indices where board.tasks[index].assignee == agent && board.tasks[index].status == "BLOCKED"
            && !board.tasks[index].pinned && (board.tasks[index].blockedUntil ?? 0) <= time {
            board.tasks[index].status = "IN_PROGRESS"
            board.tasks[index].blockers = []
            board.tasks[index].blockedUntil = nil
            board.tasks[index].updatedAt = time
            board.tasks[index].comments.append(.init(author: team.agents[agent].id, time: time, message: "Unblocked, resuming."))
            moved.append("\(board.tasks[index].id) unblocked")
        }
        guard !board.tasks.contains(where: { $0.assignee == agent && $0.status == "IN_PROGRESS" && !$0.pinned }) else { return moved }
        for attempt in 0..<2 {
            guard let index = board.tasks.firstIndex(where: { $0.assignee == agent && $0.status == "TODO" }) else { break }
            board.tasks[index].updatedAt = time
            // Blocked periods, but none that would still be open at the end (that one is an incident).
            if attempt == 0, time < options.end - 3 * 86_400, random.chance(0.1) {
                board.tasks[index].status = "BLOCKED"
                board.tasks[index].blockers = [random.pick(DemoText.blockers)]
                board.tasks[index].blockedUntil = time + Int64(random.int(6...30)) * 3600
                moved.append("\(board.tasks[index].id) blocked")
                continue
            }
            board.tasks[index].status = "IN_PROGRESS"
            moved.append("\(board.tasks[index].id) started")
            return moved
        }
        // Nothing left to do: the agent files a follow-up for itself and starts it.
        addTasks(for: agent, count: 1, at: time, using: &random)
        let last = board.tasks.count - 1
        board.tasks[last].title = "Follow-up: " + board.tasks[last].title.lowercased()
        board.tasks[last].createdBy = team.agents[agent].id
        board.tasks[last].tags.append("follow-up")
        board.tasks[last].status = "IN_PROGRESS"
        moved.append("\(board.tasks[last].id) created and started")
        return moved
    }

    /// The validator's pass: review → done (or back with feedback), done → verified, and a
    /// rare reopening. In the last eight days reviews pile up (the weekly-velocity incident).
    func review(by validator: Int, at time: Int64, day: Int) {
        var random = DemoRandom(seed: options.seed, stream: 5, UInt64(time))
        var moved: [String] = []
        let backlog = time >= options.end - 8 * 86_400
        for index in board.tasks.indices where !board.tasks[index].pinned {
            let id = board.tasks[index].id
            switch board.tasks[index].status {
            case "REVIEW" where !backlog:
                if random.chance(0.07) {
                    board.tasks[index].status = "IN_PROGRESS"
                    board.tasks[index].workLeft = random.int(1...3)
                    board.tasks[index].comments.append(.init(author: team.agents[validator].id, time: time, message: random.pick(DemoText.feedback)))
                    moved.append("\(id) changes requested")
                } else {
                    board.tasks[index].status = "DONE"
                    board.tasks[index].completedAt = time
                    board.completedPerDay[day] += 1
                    moved.append("\(id) done")
                }
                board.tasks[index].updatedAt = time
            case "DONE" where (board.tasks[index].completedAt ?? time) < time - 3600 && random.chance(0.5):
                board.tasks[index].status = "VERIFIED"
                board.tasks[index].verifiedBy = team.agents[validator].id
                board.tasks[index].verifiedAt = time
                board.tasks[index].updatedAt = time
                moved.append("\(id) verified")
            default:
                break
            }
        }
        if random.chance(0.02), let index = board.tasks.lastIndex(where: { $0.isFinished && $0.completedAt ?? time < time }) {
            reopen(index, by: validator, at: time)
            moved.append("\(board.tasks[index].id) reopened")
        }
        if !moved.isEmpty { commitBoard(by: validator, at: time, message: "chore(board): review — " + moved.joined(separator: ", ")) }
    }

    /// A new sprint replaces the board: finished tasks leave it, the rest carry over, new ones arrive.
    func startSprint(at time: Int64, day: Int) {
        var random = DemoRandom(seed: options.seed, stream: 6, UInt64(day))
        let old = board.sprint.id
        let number = board.sprint.number + 1
        let start = options.historyStart + Int64(day) * 86_400
        board.sprint = DemoSprint(number: number, name: DemoText.sprintNames[(number - 1) % DemoText.sprintNames.count],
                                  start: start, end: start + 6 * 86_400)
        board.tasks.removeAll(where: \.isFinished)
        for agent in team.agents.indices { addTasks(for: agent, count: random.int(2...4), at: time, using: &random) }
        commitBoard(by: team.planner, at: time, message: "chore(board): start \(board.sprint.id), replacing \(old)")
    }

    /// A task started 4.5 days before the end and never touched again (task-stalled).
    func stallIncident(at time: Int64) {
        var random = DemoRandom(seed: options.seed, stream: 7, 1)
        pinnedTask(for: team.busy, status: "IN_PROGRESS", at: time, using: &random)
        commitBoard(by: team.busy, at: time, message: "chore(board): start \(board.tasks[board.tasks.count - 1].id)")
    }

    /// A task blocked 40 hours before the end and still blocked (task-blocked).
    func blockIncident(at time: Int64) {
        var random = DemoRandom(seed: options.seed, stream: 7, 2)
        pinnedTask(for: team.erring, status: "BLOCKED", at: time, using: &random)
        board.tasks[board.tasks.count - 1].blockers = ["Needs production database credentials from ops"]
        commitBoard(by: team.erring, at: time, message: "chore(board): \(board.tasks[board.tasks.count - 1].id) blocked")
    }

    /// The validator reopens the most recently completed task nine days before the end.
    func reopenIncident(at time: Int64, day: Int) {
        guard !isSilent(team.validator, at: time),
              let index = board.tasks.indices.filter({ board.tasks[$0].isFinished && !board.tasks[$0].pinned })
                .max(by: { (board.tasks[$0].completedAt ?? 0) < (board.tasks[$1].completedAt ?? 0) })
        else { return }
        reopen(index, by: team.validator, at: time)
        commitBoard(by: team.validator, at: time, message: "chore(board): reopen \(board.tasks[index].id) after a regression")
    }
}

private extension DemoHistory {
    func reopen(_ index: Int, by validator: Int, at time: Int64) {
        board.tasks[index].status = "IN_PROGRESS"
        board.tasks[index].completedAt = nil
        board.tasks[index].verifiedBy = nil
        board.tasks[index].verifiedAt = nil
        board.tasks[index].workLeft = 2
        board.tasks[index].updatedAt = time
        board.tasks[index].comments.append(.init(author: team.agents[validator].id, time: time, message: "Reopened: regression found in the nightly run."))
    }

    func pinnedTask(for agent: Int, status: String, at time: Int64, using random: inout DemoRandom) {
        addTasks(for: agent, count: 1, at: time, using: &random)
        let last = board.tasks.count - 1
        board.tasks[last].status = status
        board.tasks[last].pinned = true
        board.tasks[last].priority = "HIGH"
        board.tasks[last].dependencies = []
    }
}
