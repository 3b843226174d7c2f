import Foundation

/// Parses a task-board file into a `TaskBoardSnapshot`, detecting its shape.
///
/// Boards are written by agents and are messy: the parser takes them as they are,
/// reports what it cannot use as diagnostics, and never throws for input problems.
/// Shapes: (a) flat `tasks[]`, (b) status buckets `tasks.{pending,…}[]`, (c) Task Master
/// `{"<tag>": {"tasks": […]}}`, (e) keyed by agent `tasks.<agent>.{current,completed,…}`
/// (see docs/formats.md).
public struct TaskBoardParser {
    /// The file name used in diagnostics.
    public let file: String
    /// How diagnostics about the board's content are graded: `.error` for the working copy,
    /// `.warning` for versions replayed from history (they cannot be fixed any more).
    public var rejectionSeverity: Diagnostic.Severity = .error

    /// A parser whose diagnostics name `file`.
    public init(file: String, rejectionSeverity: Diagnostic.Severity = .error) {
        self.file = file
        self.rejectionSeverity = rejectionSeverity
    }

    /// The snapshot of `data`, or nil when the data is no usable board; problems go to `diagnostics`.
    public func parse(_ data: Data, diagnostics: inout [Diagnostic]) -> TaskBoardSnapshot? {
        var tasks: [BoardTask] = []
        guard
            var snapshot = parse(
                BoardDocument(data: data), diagnostics: &diagnostics, onHeader: { _ in },
                onTask: { task, _ in tasks.append(task) })
        else { return nil }
        snapshot.tasks = tasks
        return snapshot
    }

    /// Parses `document` one task at a time: returns the board's header (shape, writer,
    /// sprint, agents; `tasks` empty), given to `onHeader` before the first task too, and
    /// hands each task, in board order, to `onTask` with
    /// its memo token (see `BoardElementMemo`; 0 without a memo). Nil when the document is
    /// no usable board; then `onTask` was never called, because the whole document is
    /// validated before the first task is decoded.
    func parse(
        _ document: BoardDocument, memo: BoardElementMemo? = nil, diagnostics: inout [Diagnostic],
        onHeader: (TaskBoardSnapshot) throws -> Void, onTask: (BoardTask, Int) throws -> Void
    ) rethrows -> TaskBoardSnapshot? {
        let layout: BoardLayout
        do {
            layout = try document.scan()
        } catch {
            let position = document.position(ofByte: error.offset)
            diagnostics.append(
                Diagnostic(
                    rejectionSeverity, file: file, line: position.line, column: position.column,
                    "not valid JSON: \(error.reason)",
                    hint: "the board's tasks were left as they were in the database"))
            return nil
        }
        InputText.report(layout, file: file, diagnostics: &diagnostics) { document.position(ofByte: $0) }
        guard layout.rootKind == UInt8(ascii: "{") else {
            diagnostics.append(
                Diagnostic(
                    rejectionSeverity, file: file, line: 1, column: 1,
                    "not a task board: the top level is not a JSON object"))
            return nil
        }
        let reader = ElementReader(parser: self, document: document, memo: memo, layout: layout)
        let top = layout.topLevel
        if let tasks = top["tasks"], tasks.isArray {
            return try parseFlat(layout, reader: reader, diagnostics: &diagnostics, onHeader: onHeader, onTask: onTask)
        }
        if let tasks = top["tasks"], tasks.isObject {
            let children = Self.bucketNames(layout)
            if children.contains(where: { layout.nested[BoardLayout.path("tasks", $0)]?.isArray == true }) {
                return try parseBuckets(
                    layout, reader: reader, diagnostics: &diagnostics, onHeader: onHeader, onTask: onTask)
            }
            if children.contains(where: { !Self.agentBuckets(layout, agent: $0).isEmpty }) {
                return try parseAgents(
                    layout, reader: reader, diagnostics: &diagnostics, onHeader: onHeader, onTask: onTask)
            }
        }
        let tags = top.keys.filter {
            top[$0]?.isObject == true && layout.nested[BoardLayout.path($0, "tasks")]?.isArray == true
        }
        if !tags.isEmpty {
            return try parseTaskMaster(
                layout, tags: tags, reader: reader, diagnostics: &diagnostics, onHeader: onHeader, onTask: onTask)
        }
        diagnostics.append(
            Diagnostic(
                rejectionSeverity, file: file, line: 1, column: 1,
                "not a task board: no \"tasks\" array, status buckets, agents or Task Master tags",
                hint:
                    "expected {\"tasks\": [ … ]}, {\"tasks\": {\"pending\": [ … ]}}, {\"tasks\": {\"<agent>\": {\"current\": { … }}}} or {\"master\": {\"tasks\": [ … ]}}"
            ))
        return nil
    }
}
