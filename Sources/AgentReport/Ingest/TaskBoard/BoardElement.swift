import Foundation

/// What one element of a board's task list says by itself: the task and its subtasks,
/// decoded without the board's context (see `TaskBoardParser.accept`).
struct DecodedElement {
    /// A decoded task, with what the board's context needs to accept it.
    struct Task {
        var task: BoardTask
        /// The path below the element (`""`, or `.subtasks[2]`) for diagnostics.
        var suffix: String
        /// The id as written (before any tag prefix): the key of the board's top-level comments.
        var plainId: String
        /// Whether the id was shortened to fit the seed's `VARCHAR(50)`.
        var shortened: Bool
        /// Whether the status was recognised.
        var recognised: Bool
        /// The task's own comments (the board's top-level comments are added later).
        var comments: [[String: String]]
        /// Values that could not be read into their field (reported once per distinct object).
        var problems: [Problem] = []
    }

    /// A value of a task object that could not be read into its field: the key, and why.
    struct Problem: Equatable {
        var key: String
        var message: String
    }

    enum Item {
        case task(Task)
        case noId(suffix: String)
        case notAnObject(suffix: String)
        case unreadable(reason: String)
    }

    /// The element's task first, then its subtasks; the subtasks count only when the task is kept.
    var items: [Item]
    /// The memo's token for these bytes in this context (0: not memoised).
    var token = 0
}

/// Decoded elements by their exact bytes and context, so that the versions of a board's
/// history decode each distinct task object once, and two versions' tasks that come from
/// the same bytes compare by token. Bounded, in two generations: when the young one holds
/// more than `byteLimit` bytes of task objects it becomes the old one (the previous old one
/// is dropped), and a hit in the old generation moves back to the young one, so the task
/// objects still in use survive and memory stays under twice the limit.
final class BoardElementMemo {
    private struct Key: Hashable {
        var context: String
        var hash: UInt64
        var length: Int
    }

    private struct Entry {
        var bytes: [UInt8]
        var element: DecodedElement
    }

    private var young: [Key: [Entry]] = [:]
    private var old: [Key: [Entry]] = [:]
    private var youngBytes = 0
    private var lastToken = 0
    /// The most bytes of task objects in one generation.
    let byteLimit: Int

    /// A memo holding at most twice `byteLimit` bytes of task objects.
    init(byteLimit: Int = 1 << 20) {
        self.byteLimit = byteLimit
    }

    /// The element decoded from `bytes` in `context`, decoding it with `decode` the first time.
    /// Tokens are never reused, not even after an entry was dropped.
    func element(context: String, bytes: UnsafeRawBufferPointer, decode: () -> DecodedElement) -> DecodedElement {
        let key = Key(context: context, hash: Self.hash(bytes), length: bytes.count)
        if let entry = Self.find(bytes, in: young[key]) { return entry.element }
        if let entry = Self.find(bytes, in: old[key]) {
            insert(entry, at: key)
            return entry.element
        }
        var element = decode()
        lastToken += 1
        element.token = lastToken
        insert(Entry(bytes: Array(bytes.bindMemory(to: UInt8.self)), element: element), at: key)
        return element
    }

    private static func find(_ bytes: UnsafeRawBufferPointer, in list: [Entry]?) -> Entry? {
        list?.first { entry in
            entry.bytes.withUnsafeBytes { stored in
                guard stored.count == bytes.count, let left = stored.baseAddress, let right = bytes.baseAddress else {
                    return bytes.isEmpty && stored.isEmpty
                }
                return memcmp(left, right, bytes.count) == 0
            }
        }
    }

    private func insert(_ entry: Entry, at key: Key) {
        if youngBytes + entry.bytes.count > byteLimit {
            old = young
            young = [:]
            youngBytes = 0
        }
        young[key, default: []].append(entry)
        youngBytes += entry.bytes.count
    }

    private var values: [Data: Any?] = [:]

    /// A header value decoded from `data` (JSON), decoded once while the memo holds it.
    func value(_ data: Data) -> Any? {
        if let known = values[data] { return known }
        let decoded = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        if values.count >= 64 { values.removeAll(keepingCapacity: true) }
        values[data] = .some(decoded)
        return decoded
    }

    /// A fast in-process hash of `bytes`, eight bytes at a time (not stored anywhere).
    static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
        var i = 0
        while i + 8 <= bytes.count {
            h = (h ^ bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0xFF51_AFD7_ED55_8CCD
            h ^= h >> 32
            i += 8
        }
        while i < bytes.count {
            h = (h ^ UInt64(bytes[i])) &* 0xC4CE_B9FE_1A85_EC53
            i += 1
        }
        return h ^ (h >> 29)
    }
}

/// Reads the elements and header values of one board document for `TaskBoardParser`.
struct ElementReader {
    let parser: TaskBoardParser
    let document: BoardDocument
    let memo: BoardElementMemo?
    /// The document's layout: its repairs are applied before a value is decoded.
    let layout: BoardLayout

    /// A small top-level value (the writer, the sprint, the agents), decoded; nil when absent.
    func value(_ span: BoardLayout.Span?) -> Any? {
        guard let span, let data = document.data(span, layout: layout) else { return nil }
        if let memo { return memo.value(data) }
        return try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
    }

    /// What a task object's place on the board says about it.
    struct Reading {
        /// The status bucket it is in (shape b; a status-named list of shape e): its status.
        var bucket: String?
        /// The agent it is filed under (shape e): its assignee.
        var owner: String?
        /// Its status when neither a bucket nor its own `status` gives one.
        var defaultStatus = "todo"

        /// The memo's context: decoding depends on these and the id prefix.
        func context(idPrefix: String) -> String {
            [bucket ?? "", owner ?? "", defaultStatus, idPrefix].joined(separator: "\u{0}")
        }
    }

    /// Reads the task object at `span` (and its subtasks) and hands each kept task to `onTask`.
    func read(
        _ span: BoardLayout.Span, at path: @autoclosure () -> String, reading: Reading = Reading(),
        context: inout TaskReadingContext, diagnostics: inout [Diagnostic], onTask: (BoardTask, Int) throws -> Void
    ) rethrows {
        let element: DecodedElement
        if !span.isObject {
            element = DecodedElement(items: [.notAnObject(suffix: "")])
        } else {
            let prefix = context.idPrefix
            var fresh = false
            let decode = { (bytes: UnsafeRawBufferPointer) -> DecodedElement in
                fresh = true
                return decodeElement(
                    BoardDocument.data(bytes, at: span.offset, layout: layout), reading: reading, idPrefix: prefix)
            }
            let read: DecodedElement?
            if let memo {
                read = document.withBytes(span) { bytes in
                    memo.element(context: reading.context(idPrefix: prefix), bytes: bytes) { decode(bytes) }
                }
            } else {
                read = document.withBytes(span, decode)
            }
            element = read ?? DecodedElement(items: [.unreadable(reason: "the file changed while it was read")])
            // A task object seen before (an earlier version of the board's history) was reported then.
            if fresh { report(element, at: span, path: path(), context: &context, diagnostics: &diagnostics) }
        }
        for (index, item) in element.items.enumerated() {
            guard let (task, merged) = parser.accept(item, at: path(), context: &context, diagnostics: &diagnostics)
            else {
                if index == 0 { return }  // subtasks of a task that is not kept are not read
                continue
            }
            try onTask(task, merged ? 0 : element.token)
        }
    }

    /// Reports the values of `element`'s tasks that could not be read, at the line and column
    /// of the value (of the task object, for a subtask), the first `TaskReadingContext.shownProblems` of a board.
    private func report(
        _ element: DecodedElement, at span: BoardLayout.Span, path: String, context: inout TaskReadingContext,
        diagnostics: inout [Diagnostic]
    ) {
        for case .task(let task) in element.items {
            for problem in task.problems {
                guard context.problemsShown < TaskReadingContext.shownProblems else {
                    context.problemsHidden += 1
                    continue
                }
                context.problemsShown += 1
                var offset = span.offset
                if task.suffix.isEmpty,
                    let scanned = document.withBytes(span, { try? BoardScanner.scan(ByteCursor(memory: $0)) }),
                    let value = scanned?.topLevel[problem.key]
                {
                    offset += value.offset
                }
                let position = document.position(ofByte: offset)
                diagnostics.append(
                    Diagnostic(
                        .warning, file: parser.file, line: position.line, column: position.column,
                        "\(path)\(task.suffix) (task \(task.task.id)): \(problem.message)"))
            }
        }
    }

    /// Decodes one task object and its subtasks (Task Master numbers subtasks within their
    /// parent: subtask 1 of task 3 is "3.1", and an integer dependency names a sibling).
    private func decodeElement(_ data: Data, reading: Reading, idPrefix: String) -> DecodedElement {
        let fields: [String: Any]
        do {
            guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
                return DecodedElement(items: [.notAnObject(suffix: "")])
            }
            fields = object
        } catch {
            return DecodedElement(items: [.unreadable(reason: JSONSupport.errorReason(error))])
        }
        let first = parser.decodeTask(fields, reading: reading, idPrefix: idPrefix, suffix: "")
        var items = [first]
        guard case .task(let parent) = first, let subtasks = fields["subtasks"] as? [Any] else {
            return DecodedElement(items: items)
        }
        let task = parent.task
        let localParent = String(task.id.dropFirst(idPrefix.count))
        for (index, element) in subtasks.enumerated() {
            let suffix = ".subtasks[\(index)]"
            guard var sub = element as? [String: Any] else {
                items.append(.notAnObject(suffix: suffix))
                continue
            }
            let localId = TaskReadingContext.plainId(sub["id"]) ?? String(index + 1)
            sub["id"] = localId.contains(".") ? localId : "\(localParent).\(localId)"
            if let deps = sub["dependencies"] as? [Any] {
                sub["dependencies"] = deps.map { dep -> Any in
                    if let n = JSONSupport.int(dep) { return "\(localParent).\(n)" }
                    return dep
                }
            }
            if TaskFieldValues(sub)[.assignee] == nil, let owner = task.assignedTo { sub["assignedTo"] = owner }
            sub["parentId"] = task.id
            items.append(
                parser.decodeTask(sub, reading: Reading(owner: reading.owner), idPrefix: idPrefix, suffix: suffix))
        }
        return DecodedElement(items: items)
    }
}
