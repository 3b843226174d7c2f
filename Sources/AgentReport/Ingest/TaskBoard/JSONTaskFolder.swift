import Foundation

/// A board that is a folder of one JSON file per task, named by `coordination.taskBoard`:
/// Claude Code's agent-team task lists (`~/.claude/tasks/<team>/<id>.json` with `id`,
/// `subject`, `description`, `activeForm`, `status` pending/in_progress/completed, `owner`,
/// `blocks`, `blockedBy`; no timestamps), or any tool that writes tasks that way.
///
/// Fields are read through the alias table of `TaskField`; in this shape `blockedBy` lists
/// the tasks that must finish first, so it is read as the dependencies. The id is the
/// file's `id`, else its name without `.json`. Files are read in name order; dot files and
/// other names (`.lock`, `.highwatermark`) are ignored. The folder carries no times: it is
/// observed at "now" (see `FolderBoard`).
struct JSONTaskFolder {
    let folder: String
    let display: String

    /// Whether `path` is a folder (the shape is detected, never configured).
    static func isFolder(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    /// Reads every task file and records the changes against the latest state, at "now".
    func ingest(into store: ReportStore, context: RunContext, source: String) throws -> Int {
        var problems: [Diagnostic] = []
        defer { context.diagnostics.report(contentsOf: problems) }
        let snapshot = read(diagnostics: &problems)
        return try FolderBoard.record(
            snapshot, display: display, detail: "json task folder", into: store, context: context, source: source)
    }

    /// The snapshot of every task file, in name order.
    func read(diagnostics: inout [Diagnostic]) -> TaskBoardSnapshot {
        var snapshot = TaskBoardSnapshot(shape: .taskFolder, tasks: [])
        var context = TaskReadingContext()
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
            .filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }.sorted()
        let parser = TaskBoardParser(file: display)
        for name in names {
            let shown = "\(display)/\(name)"
            let path = (folder as NSString).appendingPathComponent(name)
            guard
                let data = CoordinationFileVersions.read(
                    path, shown: shown, limit: InputFile.Limit.taskFile, diagnostics: &diagnostics),
                var fields = Self.object(data, file: shown, diagnostics: &diagnostics)
            else {
                context.unreadable += 1
                continue
            }
            if TaskFieldValues(fields)[.dependencies] == nil, let blockedBy = fields.removeValue(forKey: "blockedBy") {
                fields["dependencies"] = blockedBy
            }
            if TaskFieldValues(fields)[.id] == nil { fields["id"] = String(name.dropLast(".json".count)) }
            if let task = parser.readTask(fields, at: shown, bucket: nil, context: &context, diagnostics: &diagnostics)
            {
                snapshot.tasks.append(task)
            }
        }
        snapshot.complete = context.finish(file: display, diagnostics: &diagnostics)
        return snapshot
    }

    /// The JSON object of one task file (through `InputText`); nil, with an error at its
    /// position, when it is not JSON or not an object.
    static func object(_ data: Data, file: String, diagnostics: inout [Diagnostic]) -> [String: Any]? {
        do {
            let value = try JSONSerialization.jsonObject(
                with: try InputText.json(data, file: file, diagnostics: &diagnostics))
            if let object = value as? [String: Any] { return object }
            diagnostics.append(
                Diagnostic(
                    .error, file: file, line: 1, column: 1, "not a task: the top level is not a JSON object; skipped"))
        } catch let problem as InputText.JSONSyntaxProblem {
            diagnostics.append(
                Diagnostic(
                    .error, file: file, line: problem.line, column: problem.column,
                    "not valid JSON: \(problem.reason); skipped"))
        } catch {
            diagnostics.append(
                Diagnostic(
                    .error, file: file, line: 1, column: 1, "not valid JSON: \(JSONSupport.errorReason(error)); skipped"
                ))
        }
        return nil
    }
}
