import Foundation

/// Each agent's in-progress tasks on a task board (any shape the board parser knows), in
/// board order: an agent sample's `current_task` is the first of them.
struct BoardCurrentTasks: Sendable, Equatable {
    /// In-progress task ids by agent id.
    var tasksByAgent: [String: [String]]

    /// Reads the board at `path`; assignees go through the attribution service, as on
    /// every other page. Throws a problem when there is no readable board.
    static func read(_ path: String, attribution: AgentAttribution) throws(CollectorProblem) -> BoardCurrentTasks {
        // Through InputFile: a regular file only (a FIFO in its place must not hang the
        // sample), within the board's size limit.
        let document: BoardDocument
        do {
            document = try BoardDocument(path: path)
        } catch .missing {
            throw CollectorProblem("no task board at \(path)")
        } catch {
            throw CollectorProblem("task board \(path) not read: \(error)")
        }
        var diagnostics: [Diagnostic] = []
        var tasks: [String: [String]] = [:]
        let header = TaskBoardParser(file: path).parse(
            document, diagnostics: &diagnostics, onHeader: { _ in },
            onTask: { task, _ in
                guard task.status == .inProgress, let assignee = task.assignedTo,
                    let agent = attribution.agentId(forName: assignee)
                else { return }
                tasks[agent, default: []].append(task.id)
            })
        guard header != nil else {
            let reason = diagnostics.first.map { $0.message } ?? "not a task board"
            throw CollectorProblem("task board \(path) not read: \(reason)")
        }
        return BoardCurrentTasks(tasksByAgent: tasks)
    }
}
