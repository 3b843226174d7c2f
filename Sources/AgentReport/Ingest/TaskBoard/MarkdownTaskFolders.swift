import Foundation
import GRDB

/// The fourth board layout: one Markdown file per task with YAML front matter, in folders
/// per state and agent — `coordination/<state>/<agent>/<priority>/<task-id>.md`, states
/// `inbox`, `in_progress`, `review`, `blocked`, `done` (see docs/formats.md).
///
/// The folder a file is in is the task's status (the tooling moves files between state
/// folders); a differing front-matter `status` is kept in `details`. Only the working
/// copy is read: this layout's history is not replayed.
struct MarkdownTaskFolders {
    /// The state folders that make a coordination folder this layout.
    static let stateFolders = ["inbox", "todo", "in_progress", "review", "blocked", "done", "cancelled"]

    let folder: String
    let display: String

    /// Whether `folder` has at least one state folder holding a Markdown file.
    static func looksLikeLayout(_ folder: String) -> Bool {
        stateFolders.contains { state in
            let path = (folder as NSString).appendingPathComponent(state)
            guard let walker = FileManager.default.enumerator(atPath: path) else { return false }
            while let item = walker.nextObject() as? String { if item.hasSuffix(".md") { return true } }
            return false
        }
    }

    /// Reads every task file and records the changes against the latest state, at "now".
    func ingest(into store: ReportStore, context: RunContext, source: String) throws -> Int {
        var problems: [Diagnostic] = []
        defer { context.diagnostics.report(contentsOf: problems) }
        let snapshot = read(diagnostics: &problems)
        return try FolderBoard.record(
            snapshot, display: display, detail: "markdown task folders", into: store, context: context, source: source)
    }

    /// The snapshot of every task file, in path order.
    func read(diagnostics: inout [Diagnostic]) -> TaskBoardSnapshot {
        var snapshot = TaskBoardSnapshot(shape: .markdownFolders, tasks: [])
        var context = TaskReadingContext()
        // Task files that could not be read: their tasks are unknown, so none is removed.
        var unread = 0
        for state in Self.stateFolders {
            let base = (folder as NSString).appendingPathComponent(state)
            guard let walker = FileManager.default.enumerator(atPath: base) else { continue }
            var files: [String] = []
            while let item = walker.nextObject() as? String { if item.hasSuffix(".md") { files.append(item) } }
            for relative in files.sorted() {
                let full = (base as NSString).appendingPathComponent(relative)
                let shown = "\(display)/\(state)/\(relative)"
                guard
                    let data = CoordinationFileVersions.read(
                        full, shown: shown, limit: InputFile.Limit.taskFile, diagnostics: &diagnostics)
                else {
                    unread += 1
                    continue
                }
                let text = InputText.text(data, file: shown, diagnostics: &diagnostics)
                guard var fields = FrontMatter.parse(text, file: shown, diagnostics: &diagnostics) else {
                    // A file with a broken front matter is a task that could not be read; one
                    // without any (a README in a state folder) is no task at all.
                    if text.hasPrefix("---") { unread += 1 }
                    continue
                }
                let stem = ((relative as NSString).lastPathComponent as NSString).deletingPathExtension
                if fields["id"] == nil { fields["id"] = stem }
                let owner = relative.split(separator: "/").first.map(String.init)
                if fields["owner_agent"] == nil, let owner, relative.contains("/") { fields["owner_agent"] = owner }
                fields["file"] = "\(state)/\(relative)"
                if let task = TaskBoardParser(file: shown).readTask(
                    fields, at: shown, bucket: state, context: &context, diagnostics: &diagnostics)
                {
                    snapshot.tasks.append(task)
                }
            }
        }
        context.unreadable += unread
        snapshot.complete = context.finish(file: display, diagnostics: &diagnostics)
        return snapshot
    }
}
