import Foundation
import GRDB

/// The board file as it is on disk, which may hold uncommitted changes, compared with the
/// team-wide latest state and observed at "now".
///
/// When the board's history was replayed, only what differs from the board at HEAD is
/// compared: what HEAD holds was already observed, at its commit time, and comparing it
/// again would turn another branch's newer state into false `reopened` events.
struct WorkingCopyBoard {
    let path: String
    let display: String
    /// The board's tasks at HEAD, when its history was replayed and HEAD has a board.
    let headTasks: [String: BoardTask]?
    /// Whether the board's git history was replayed: then tasks the working copy lacks may
    /// live on other branches, and only HEAD's tasks can be removed by the working copy.
    var historyReplayed = false
    /// The attribution service, which maps the board's `updatedBy` to an agent id as every
    /// other source does.
    var attribution: AgentAttribution?

    /// Records the working copy's events; nil when the board was rejected.
    ///
    /// The board is read one task at a time and written in batches (`batchSize` tasks), so a
    /// board of any size is ingested in bounded memory; the caller's transaction makes the
    /// whole of it land or none of it.
    func ingest(
        latest: [String: TaskState], now: Int64, diagnostics: inout [Diagnostic], in db: Database
    ) throws -> (events: Int, agents: [String: String?])? {
        let document: BoardDocument
        do {
            document = try BoardDocument(path: path)
        } catch .missing {
            return try recordDeletion(latest: latest, now: now, diagnostics: &diagnostics, in: db)
        } catch {
            diagnostics.append(
                Diagnostic(.error, file: display, error.description, hint: "the board's tasks were left as they were"))
            return nil
        }
        var batch = Batch(board: display)
        var present: Set<String> = []
        var agents: [String: String?] = [:]
        var future: [String] = []
        // Without git history, the board's claimed times are the best there is (DESIGN §3.2).
        let firstLook = !historyReplayed && !latest.values.contains { $0.board == display }
        let header = try TaskBoardParser(file: display).parse(
            document, diagnostics: &diagnostics,
            onHeader: { header in
                let changedBy = header.updatedBy.flatMap { name in
                    attribution.map { $0.agentId(forName: name) } ?? name
                }
                batch.observed = BoardObservation(time: now, changedBy: changedBy, file: display)
                batch.observed.usesClaimedTimes = !historyReplayed
                batch.observed.isFirstLook = firstLook
                batch.sprintId = header.sprintId
            },
            onTask: { task, _ in
                present.insert(task.id)
                if let id = task.assignedTo, agents[id] == nil { agents[id] = .some(nil) }
                if let headTasks, headTasks[task.id] == task { return }
                if batch.observed.usesClaimedTimes, latest[task.id] == nil {
                    for field in [TaskField.createdAt, .completedAt, .verifiedAt] {
                        if let claimed = task.claimedTime(field), claimed.time > now {
                            future.append("\(task.id) \(claimed.key) \(UTCTime.format(claimed.time))")
                        }
                    }
                }
                batch.events += TaskBoardDiffer.changes(from: latest[task.id], to: task, observed: batch.observed)
                batch.upserts.append(task)
                if batch.upserts.count >= Self.batchSize { try batch.flush(in: db) }
            })
        if !future.isEmpty {
            // Named once, like commits dated after now (issue 12, item 6): those events are
            // dated at the observation instead, so they count in no window ending before it.
            diagnostics.append(
                Diagnostic(
                    .warning, file: display,
                    "\(future.count) claimed time\(future.count == 1 ? " is" : "s are") after now: "
                        + future.prefix(3).joined(separator: ", ")
                        + (future.count > 3 ? " and \(future.count - 3) more" : "")
                        + "; those events are dated now (a wrong clock where the board was written, or a wrong --now)"))
        }
        guard let header else { return nil }
        if document.changedSinceOpened {
            throw SourceError("\(display): the board changed while it was read; nothing was stored, run again")
        }
        // Tasks that left the board: with history, only HEAD's tasks can be removed by the
        // working copy (others may live on other branches); without, every task last seen here.
        let gone: [TaskState]
        if !header.complete {
            gone = []
        } else if let headTasks {
            gone = headTasks.keys.sorted().compactMap { id in present.contains(id) ? nil : latest[id] }
        } else if !historyReplayed {
            gone = latest.values.filter { !present.contains($0.id) && ($0.board == nil || $0.board == display) }
                .sorted { $0.id < $1.id }
        } else {
            gone = []
        }
        batch.events += gone.filter { !$0.removed }.map { TaskBoardDiffer.removal(of: $0, observed: batch.observed) }
        try batch.flush(in: db)
        for (id, name) in header.agents { agents[id] = .some(name) }
        return (batch.written, agents)
    }

    /// Tasks per write while a board is read.
    static let batchSize = 2_000

    /// Events and task rows waiting to be written.
    private struct Batch {
        let board: String
        var observed = BoardObservation(time: 0)
        var sprintId: String?
        var events: [TaskEvent] = []
        var upserts: [BoardTask] = []
        var written = 0

        mutating func flush(in db: Database) throws {
            try ReportStore.record(events, tasks: upserts, board: board, sprintId: sprintId, observed: observed, in: db)
            written += events.count
            events.removeAll(keepingCapacity: true)
            upserts.removeAll(keepingCapacity: true)
        }
    }

    /// A deleted board file removes its tasks (those of HEAD's board, or, without history,
    /// those last seen on this board).
    private func recordDeletion(
        latest: [String: TaskState], now: Int64, diagnostics: inout [Diagnostic], in db: Database
    ) throws -> (events: Int, agents: [String: String?]) {
        let observed = BoardObservation(time: now, file: display)
        let candidates = latest.values.filter { state in
            guard !state.removed else { return false }
            if let headTasks { return headTasks[state.id] != nil }
            return !historyReplayed && state.board == display
        }.sorted { $0.id < $1.id }
        if candidates.isEmpty, historyReplayed, headTasks == nil {
            diagnostics.append(
                Diagnostic(
                    .note, file: display, "no task board in the working copy; its history was replayed from the refs"))
        } else if candidates.isEmpty {
            diagnostics.append(Diagnostic(.warning, file: display, "no task board file; tasks are unchanged"))
        }
        let events = candidates.map { TaskBoardDiffer.removal(of: $0, observed: observed) }
        try ReportStore.record(events, tasks: [], board: display, sprintId: nil, observed: observed, in: db)
        return (events.count, [:])
    }
}
