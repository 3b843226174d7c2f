import Foundation

/// The end of an agent's session: a progress-log entry, sometimes a memory-bank pattern,
/// and usually a merge of its branch into main.
extension DemoHistory {
    /// Writes the agent's progress entry, maybe a pattern, and merges its branch.
    func wrapUp(_ agent: Int, at time: Int64, day: Int) {
        var random = DemoRandom(seed: options.seed, stream: 8, UInt64(time), UInt64(agent))
        writeProgressEntry(agent, at: time, using: &random)
        if random.chance(0.15) { writePattern(agent, at: time + 120, using: &random) }
        if !branches[agent].changedPaths.isEmpty, random.chance(0.7) { merge(agent, at: time + 600) }
        notes[agent] = DayNotes()
    }

    /// `## <ISO time> - <agent>` and a body with its own sub-headings, as agents write them.
    func writeProgressEntry(_ agent: Int, at time: Int64, using random: inout DemoRandom) {
        let note = notes[agent]
        let id = team.agents[agent].id
        var heading = UTCTime.formatISO(time)
        if random.chance(0.3) { heading = String(heading.dropLast()) + ".\(random.int(100...999))Z" }
        progressLog.write("## \(heading) - \(id)\n")
        if note.tasks.isEmpty {
            progressLog.write("Reviewed the board and the open pull requests; no code today.\n\n")
        } else {
            let titles = note.tasks.map { task in board.tasks.first { $0.id == task }.map { "\(task) (\($0.title))" } ?? task }
            progressLog.write("Worked on \(titles.joined(separator: ", ")): \(note.commits) commit(s), +\(note.added)/-\(note.deleted) lines.\n\n")
        }
        if let current = board.tasks.first(where: { $0.assignee == agent && ($0.status == "IN_PROGRESS" || $0.status == "REVIEW") }) {
            progressLog.write("### Next\n- \(current.status == "REVIEW" ? "Waiting for review of" : "Continue") \(current.id)\n\n")
        }
        if let blocked = board.tasks.first(where: { $0.assignee == agent && $0.status == "BLOCKED" }) {
            progressLog.write("### Blockers\n- \(blocked.id): \(blocked.blockers.first ?? "blocked")\n\n")
        }
        progressEntries += 1
        progressLog.flushIfFull()
    }

    /// One `memory-bank/<uuid>.json` pattern record.
    func writePattern(_ agent: Int, at time: Int64, using random: inout DemoRandom) {
        let hex = Array("0123456789abcdef")
        var uuid = ""
        for position in 0..<32 {
            if [8, 12, 16, 20].contains(position) { uuid += "-" }
            uuid.append(position == 12 ? "4" : position == 16 ? hex[8 + random.int(0...3)] : hex[random.int(0...15)])
        }
        let title = random.pick(DemoText.patterns)
        let w = ByteWriter()
        w.write("{\n  \"id\": \"\(uuid)\",\n  \"content\": ")
        w.write(jsonString: "# \(title)\n\nWhat worked for \(team.agents[agent].area): \(title.lowercased()).\n\n```swift\n\(DemoSourceFile.line(random.next()))\n```\n")
        w.write(",\n  \"description\": ")
        w.write(jsonString: title)
        w.write(",\n  \"tags\": [\"\(team.agents[agent].area.lowercased())\", \"\(random.pick(DemoText.tags))\"],\n  \"agentId\": \"\(team.agents[agent].id)\",\n")
        w.write("  \"timestamp\": \"\(String(UTCTime.formatISO(time).dropLast())).\(random.int(100...999))Z\"\n}\n")
        let path = memoryBankDirectory + "/\(uuid).json"
        if !FileManager.default.createFile(atPath: path, contents: Data(w.take())) { failedWrites.append(path) }
        patternTimes.append(time)
    }
}
