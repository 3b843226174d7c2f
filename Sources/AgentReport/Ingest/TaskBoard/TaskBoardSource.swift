import Foundation
import GRDB

/// Ingests the task board: compares the working-copy board with the team-wide latest
/// state of each task and records the differences as `task_events`, observed at "now".
public struct TaskBoardSource: IngestSource {
    public let name = "tasks"
    public let stageName = "ingest task board"

    public init() {}

    public func ingest(into store: ReportStore, context: RunContext) throws -> Int {
        let config = context.config
        let path = config.taskBoardPath
        let display = config.displayPath(path)
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        if !manager.fileExists(atPath: config.coordinationPath, isDirectory: &isDirectory) || !isDirectory.boolValue {
            context.diagnostics.report(
                Diagnostic(.warning, file: config.displayPath(config.coordinationPath),
                           "no coordination folder; the board, progress log and memory bank are skipped",
                           hint: "set coordination.dir in agentreport.json"))
            try store.queue.write { db in try ReportStore.recordSuccess(of: name, rows: 0, detail: "no coordination folder", at: context.now, in: db) }
            return 0
        }
        guard manager.fileExists(atPath: path) else {
            context.diagnostics.report(Diagnostic(.warning, file: display, "no task board file; tasks are unchanged"))
            try store.queue.write { db in try ReportStore.recordSuccess(of: name, rows: 0, detail: "no board file", at: context.now, in: db) }
            return 0
        }
        guard let data = manager.contents(atPath: path) else {
            throw SourceError("\(display): cannot read the task board")
        }
        var problems: [Diagnostic] = []
        let snapshot = TaskBoardParser(file: display).parse(data, diagnostics: &problems)
        context.diagnostics.report(contentsOf: problems)
        guard let snapshot else {
            // A board that cannot be parsed leaves the database as it was.
            try store.queue.write { db in try ReportStore.recordFailure(of: name, message: "board rejected", at: context.now, in: db) }
            return 0
        }
        return try store.queue.write { db in
            let latest = try ReportStore.latestTaskStates(db)
            var observation = BoardObservation(time: context.now, changedBy: snapshot.updatedBy, file: display)
            observation.commit = nil
            let events = TaskBoardDiffer.events(from: latest, to: snapshot.tasks, observed: observation)
            try ReportStore.record(
                events, tasks: snapshot.tasks, board: display, sprintId: snapshot.sprintId,
                observed: observation, removesMissing: true, in: db)
            for (id, agentName) in snapshot.agents.sorted(by: { $0.key < $1.key }) {
                try ReportStore.noteAgent(id, name: agentName, source: "board", at: nil, in: db)
            }
            for id in Set(snapshot.tasks.compactMap(\.assignedTo)).sorted() {
                try ReportStore.noteAgent(id, source: "board", at: nil, in: db)
            }
            try ReportStore.recordSuccess(of: name, rows: events.count, at: context.now, in: db)
            return events.count
        }
    }
}

/// A source that failed as a whole; its message names the file.
public struct SourceError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
