import Foundation
import GRDB

/// Records a board read from a folder of one file per task (Markdown task folders, a JSON
/// task folder): such boards have no history that is replayed, so the folder is observed
/// at "now", and a task first seen takes the times it claims (see `TaskBoardDiffer`).
enum FolderBoard {
    /// Records the changes from the latest state to `snapshot`, observed at the run's "now";
    /// returns the number of events. Tasks last seen on `display` and missing from the
    /// snapshot are removed, unless some task file could not be read.
    static func record(
        _ snapshot: TaskBoardSnapshot, display: String, detail: String, into store: ReportStore, context: RunContext,
        source: String
    ) throws -> Int {
        try store.queue.write { db in
            try ReportStore.noteConfigAgents(context.config, in: db)
            let latest = try ReportStore.latestTaskStates(db)
            var observed = BoardObservation(time: context.now, changedBy: snapshot.updatedBy, file: display)
            observed.usesClaimedTimes = true
            observed.isFirstLook = !latest.values.contains { $0.board == display }
            let events = TaskBoardDiffer.events(
                from: latest, to: snapshot.tasks, observed: observed, removesMissing: snapshot.complete)
            try ReportStore.record(
                events, tasks: snapshot.tasks, board: display, sprintId: nil, observed: observed, in: db)
            for id in Set(snapshot.tasks.compactMap(\.assignedTo)).sorted() {
                try ReportStore.noteAgent(id, source: "board", at: nil, in: db)
            }
            try ReportStore.recordSuccess(of: source, rows: events.count, detail: detail, at: context.now, in: db)
            return events.count
        }
    }
}
