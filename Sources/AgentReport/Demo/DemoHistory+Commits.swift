/// The commits of the simulation: the first commit, work commits, board commits, merges and
/// board syncs.
extension DemoHistory {
    /// `main`'s first commit: a README, a package manifest and the first sprint's board.
    func writeInitialCommit() throws {
        let time = options.historyStart + 600
        for agent in team.agents.indices {
            var random = DemoRandom(seed: options.seed, stream: 3, 0, UInt64(agent))
            addTasks(for: agent, count: random.int(2...4), at: time, using: &random)
        }
        let readme = blob("# Demo service\n\nBuilt by a team of \(team.agents.count) AI agents; see coordination/.\n")
        let manifest = blob("// swift-tools-version: 6.0\nimport PackageDescription\n\nlet package = Package(name: \"DemoService\")\n")
        let ignore = blob("/metrics/\n/coordination/progress-log.md\n/coordination/memory-bank/\n/agentreport.json\n/agentreport.sqlite*\n/output/\n")
        let boardMark = writeBoardBlob()
        let mark = repository.commit(
            branch: "main", by: DemoIdentity.lead, at: time, message: "Initial commit: service skeleton and sprint board",
            parent: nil, files: [("README.md", readme), ("Package.swift", manifest), (".gitignore", ignore), (Self.boardPath, boardMark)])
        main.tip = mark
        main.boardMark = boardMark
        main.boardVersion = boardVersions
        for index in branches.indices {
            branches[index].tip = mark
            branches[index].boardMark = boardMark
            branches[index].boardVersion = boardVersions
        }
    }

    /// A work commit of `agent` on its current task (starting or creating one when needed).
    func work(_ agent: Int, at time: Int64, day: Int) {
        var random = DemoRandom(seed: options.seed, stream: 4, UInt64(time), UInt64(agent))
        let moved = settleBoard(for: agent, at: time, using: &random)
        if !moved.isEmpty { commitBoard(by: agent, at: time - 30, message: "chore(board): " + moved.joined(separator: ", ")) }
        guard let index = board.tasks.firstIndex(where: { $0.assignee == agent && $0.status == "IN_PROGRESS" && !$0.pinned }) else { return }
        let task = board.tasks[index]
        let area = team.agents[agent].area
        var changes: [(path: String, mark: Int)] = []
        var added = 0
        var deleted = 0
        for _ in 0..<random.int(1...(random.chance(0.2) ? 6 : 3)) {
            let path = choosePath(for: agent, using: &random)
            var file = files[path] ?? DemoSourceFile()
            if path.hasSuffix(".png") { file.binary = true }
            let size = file.lines.isEmpty ? random.heavyTail(median: 60, max: 350) : random.heavyTail(median: 8, max: 250)
            let edit = file.edit(using: &random, size: size)
            if !file.binary {
                added += edit.added
                deleted += edit.deleted
            }
            files[path] = file
            let mark = repository.blob(file.render(path: path))
            fileMarks[path] = mark
            changes.removeAll { $0.path == path }
            changes.append((path, mark))
            if !branches[agent].changedPaths.contains(path) { branches[agent].changedPaths.append(path) }
        }
        let type = random.pick(DemoText.commitTypes)
        let subject = random.pick(["", "", "", "wip: ", "tests for ", "finish "]) + task.title.lowercased()
        var message = "\(type)(\(area.lowercased())): \(subject)"
        message += random.chance(0.8) ? " (\(task.id))\n" : "\n\nRefs \(task.id)\n"
        if random.chance(0.3) { message += "\nTouches \(changes.count) file(s); tests updated where needed.\n" }
        if random.chance(0.4) { message += "\nAgent: \(team.agents[agent].id)\n" }
        let identity = random.chance(0.75)
            ? DemoIdentity.orchestrator
            : DemoIdentity(name: team.agents[agent].name, email: "\(team.agents[agent].id)@agents.example")
        branches[agent].tip = repository.commit(
            branch: branches[agent].name, by: identity, at: time, message: message, parent: branches[agent].tip, files: changes)
        notes[agent].commits += 1
        notes[agent].added += added
        notes[agent].deleted += deleted
        if !notes[agent].tasks.contains(task.id) { notes[agent].tasks.append(task.id) }
        board.tasks[index].workLeft -= 1
        board.tasks[index].actualHours += Double(random.int(1...3)) / 2
        if board.tasks[index].workLeft <= 0 {
            board.tasks[index].status = "REVIEW"
            board.tasks[index].updatedAt = time + 60
            commitBoard(by: agent, at: time + 60, message: "chore(board): \(task.id) ready for review")
        }
    }

    /// Writes the board as it is now on `agent`'s branch (the agent pulled the team's board
    /// before editing it, as the seed system's agents did).
    func commitBoard(by agent: Int, at time: Int64, message: String) {
        board.lastUpdated = time
        board.updatedBy = team.agents[agent].id
        let mark = writeBoardBlob()
        branches[agent].tip = repository.commit(
            branch: branches[agent].name, by: DemoIdentity.orchestrator, at: time,
            message: message + "\n\nAgent: \(team.agents[agent].id)\n", parent: branches[agent].tip, files: [(Self.boardPath, mark)])
        branches[agent].boardMark = mark
        branches[agent].boardVersion = boardVersions
    }

    /// Merges the agent's branch into main: its files, and its board when it is newer.
    func merge(_ agent: Int, at time: Int64) {
        var changes = branches[agent].changedPaths.compactMap { path in fileMarks[path].map { (path: path, mark: $0) } }
        if branches[agent].boardVersion > main.boardVersion {
            changes.append((Self.boardPath, branches[agent].boardMark))
            main.boardVersion = branches[agent].boardVersion
            main.boardMark = branches[agent].boardMark
        }
        main.tip = repository.commit(
            branch: "main", by: DemoIdentity.lead, at: time, message: "Merge branch '\(branches[agent].name)' into main",
            parent: main.tip, merge: branches[agent].tip, files: changes)
        branches[agent].changedPaths = []
    }

    /// The nightly sync script: copies the newest board of any agent branch onto main.
    func syncBoard(at time: Int64) {
        guard let newest = branches.indices.max(by: { branches[$0].boardVersion < branches[$1].boardVersion }),
              branches[newest].boardVersion > main.boardVersion
        else { return }
        main.tip = repository.commit(
            branch: "main", by: DemoIdentity.sync, at: time, message: "chore(sync): copy task board from \(branches[newest].name)",
            parent: main.tip, files: [(Self.boardPath, branches[newest].boardMark)])
        main.boardVersion = branches[newest].boardVersion
        main.boardMark = branches[newest].boardMark
    }
}

private extension DemoHistory {
    func blob(_ text: String) -> Int {
        repository.blob(Array(text.utf8))
    }

    func writeBoardBlob() -> Int {
        boardVersions += 1
        return repository.blob(board.json(team: team, historyStart: options.historyStart))
    }

    /// A file of the agent's area: mostly its existing files, sometimes a new one, rarely a
    /// binary image or a lock file (which the default `exclude.paths` leaves out).
    func choosePath(for agent: Int, using random: inout DemoRandom) -> String {
        let area = team.agents[agent].area
        let existing = agentPaths[agent]
        // At most 40 files per agent: memory stays bounded by the team, not by the history.
        if existing.count >= 40 || (existing.count >= 3 && !random.chance(0.12)) { return random.pick(existing) }
        let path: String
        switch random.int(0...19) {
        case 0: path = "Assets/\(area.lowercased())-diagram-\(existing.count).png"
        case 1: path = "web/\(area.lowercased())/yarn.lock"
        case 2...4: path = "Tests/\(area)Tests/\(random.pick(DemoText.identifiers).capitalized)\(existing.count)Tests.swift"
        case 5: path = "docs/\(area.lowercased())-\(existing.count).md"
        default: path = "Sources/\(area)/\(random.pick(DemoText.identifiers).capitalized)\(existing.count).swift"
        }
        if !agentPaths[agent].contains(path) { agentPaths[agent].append(path) }
        return path
    }
}
