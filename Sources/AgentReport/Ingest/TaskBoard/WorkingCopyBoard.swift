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

    /// Records the working copy's events; nil when the board was rejected.
    func ingest(
        latest: [String: TaskState], now: Int64, diagnostics: inout [Diagnostic], in db: Database
    ) throws -> (events: Int, agents: [String: String?])? {
        guard FileManager.default.fileExists(atPath: path) else {
            return try recordDeletion(latest: latest, now: now, diagnostics: &diagnostics, in: db)
        }
        guard let snapshot = try readSnapshot(diagnostics: &diagnostics) else { return nil }
        let observed = BoardObservation(time: now, changedBy: snapshot.updatedBy, file: display)
        var events: [TaskEvent] = []
        var upserts: [BoardTask] = []
        if let headTasks {
            for task in snapshot.tasks where headTasks[task.id] != task {
                upserts.append(task)
                events += TaskBoardDiffer.changes(from: latest[task.id], to: task, observed: observed)
            }
            let present = snapshot.tasksById
            for id in headTasks.keys.sorted() where present[id] == nil {
                guard let old = latest[id], !old.removed else { continue }
                events.append(TaskBoardDiffer.removal(of: old, observed: observed))
            }
        } else {
            upserts = snapshot.tasks
            events = TaskBoardDiffer.events(from: latest, to: snapshot.tasks, observed: observed, removesMissing: !historyReplayed)
        }
        try ReportStore.record(events, tasks: upserts, board: display, sprintId: snapshot.sprintId, observed: observed, in: db)
        var agents: [String: String?] = snapshot.agents.mapValues { .some($0) }
        for task in snapshot.tasks { if let id = task.assignedTo, agents[id] == nil { agents[id] = .some(nil) } }
        return (events.count, agents)
    }

    /// The parsed working copy. A function of its own so that the file's bytes are freed
    /// before the events are written (a large board should not be held twice).
    private func readSnapshot(diagnostics: inout [Diagnostic]) throws -> TaskBoardSnapshot? {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SourceError("\(display): cannot read the task board")
        }
        return TaskBoardParser(file: display).parse(data, diagnostics: &diagnostics)
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
        if candidates.isEmpty {
            diagnostics.append(Diagnostic(.warning, file: display, "no task board file; tasks are unchanged"))
        }
        let events = candidates.map { TaskBoardDiffer.removal(of: $0, observed: observed) }
        try ReportStore.record(events, tasks: [], board: display, sprintId: nil, observed: observed, in: db)
        return (events.count, [:])
    }
}
