import Foundation
import Mustache

/// A problem with the templates that stops rendering (exit code 1).
public struct TemplateError: Error, CustomStringConvertible {
    public var description: String
}

/// The report templates: the defaults carried in the binary, overridden file by file by
/// the user's templates folder.
///
/// Only files inside the templates folder are read: the folder itself may be a symbolic
/// link (the user chose it), but a link inside it that leads outside is skipped with a
/// warning, and so are FIFOs, sockets and devices (`InputFile`: never opened blocking). A
/// template larger than `InputFile.Limit.template` is an error. Before any template is
/// parsed, their structure is checked (`TemplateStructure`): a partial that includes itself
/// (directly or through others), dynamic partials, or sections nested deeper than
/// `TemplateStructure.maxDepth` are errors that name the template, instead of a crash of
/// the renderer's recursion.
public struct TemplateSet: Sendable {
    /// Relative path (`index.md.mustache`, `partials/alerts.md.mustache`, `style.css`) → text.
    public private(set) var files: [String: String]
    /// The files that came from the user's folder, for the run summary.
    public private(set) var overridden: [String] = []
    /// Files of the user's folder that were skipped, as warnings to report.
    public private(set) var problems: [Diagnostic] = []

    /// The defaults only.
    public init() {
        files = DefaultTemplates.files
    }

    /// The defaults, with every file found under `directory` replacing the default of the
    /// same relative path (a missing folder means no overrides).
    public init(overridesFrom directory: String?) throws {
        self.init()
        guard let directory, let root = Self.realPath(directory) else { return }
        var found: [(name: String, path: String)] = []
        collect(in: root, relative: "", root: root, display: directory, depth: 0, into: &found)
        for (name, path) in found.sorted(by: { $0.name < $1.name }) {
            let data: Data
            do {
                data = try InputFile.read(path, limit: InputFile.Limit.template)
            } catch {
                switch error {
                case .missing: continue
                case .notRegular:
                    problems.append(Diagnostic(.warning, file: Self.display(directory, name), "\(error)"))
                    continue
                case .tooLarge, .unreadable:
                    throw TemplateError(description: "\(Self.display(directory, name)): template not read: \(error)")
                }
            }
            guard let text = String(data: data, encoding: .utf8) else {
                throw TemplateError(
                    description: "\(Self.display(directory, name)): cannot read the template (is it UTF-8?)")
            }
            if files[name] != text { overridden.append(name) }
            files[name] = text
        }
    }

    /// A Mustache library of every `.mustache` file, named by its path without `.mustache`
    /// (`index.md`, `layout.html`, `partials/alerts.md`), once their structure is checked.
    public func library() throws -> MustacheLibrary {
        _ = MarkdownContentType.registerOnce
        let templates = files.filter { $0.key.hasSuffix(".mustache") }
            .map { (name: String($0.key.dropLast(".mustache".count)), text: $0.value) }
        try TemplateStructure.check(templates)
        var library = MustacheLibrary()
        for (name, text) in templates.sorted(by: { $0.name < $1.name }) {
            do {
                try library.register(text, named: name)
            } catch {
                throw TemplateError(description: "template \(name).mustache: \(error)")
            }
        }
        return library
    }
}

// MARK: - Reading the folder

private extension TemplateSet {
    /// Folders nested deeper than this under the templates folder are not read.
    static let maxFolderDepth = 16

    /// Walks `folder` (at `relative` under the real path `root`) without following a
    /// link out of `root`, collecting template files (`.mustache`, `.css`).
    mutating func collect(
        in folder: String, relative: String, root: String, display: String, depth: Int,
        into found: inout [(name: String, path: String)]
    ) {
        guard depth <= Self.maxFolderDepth, let entries = try? FileManager.default.contentsOfDirectory(atPath: folder)
        else {
            return
        }
        for entry in entries.sorted() where !entry.hasPrefix(".") {
            let path = (folder as NSString).appendingPathComponent(entry)
            let name = relative.isEmpty ? entry : relative + "/" + entry
            var info = stat()
            guard lstat(path, &info) == 0 else { continue }
            var kind = info.st_mode & S_IFMT
            if kind == S_IFLNK {
                guard let target = Self.realPath(path), target == root || target.hasPrefix(root + "/") else {
                    problems.append(
                        Diagnostic(
                            .warning, file: Self.display(display, name),
                            "a symbolic link that leads outside the templates folder; skipped (templates are read only from inside it)"
                        ))
                    continue
                }
                guard stat(target, &info) == 0 else { continue }
                kind = info.st_mode & S_IFMT
                // A linked folder inside the templates folder is read where it really is.
                if kind == S_IFDIR { continue }
            }
            if kind == S_IFDIR {
                collect(in: path, relative: name, root: root, display: display, depth: depth + 1, into: &found)
            } else if entry.hasSuffix(".mustache") || entry.hasSuffix(".css") {
                found.append((name, path))
            }
        }
    }

    static func realPath(_ path: String) -> String? {
        guard let real = realpath(path, nil) else { return nil }
        defer { free(real) }
        return String(cString: real)
    }

    static func display(_ directory: String, _ name: String) -> String {
        (directory as NSString).appendingPathComponent(name)
    }
}

// MARK: - Structure

/// Checks the structure of Mustache templates before swift-mustache parses them: its
/// parser and renderer recurse once per nested section and per partial, so a template that
/// includes itself, or nests thousands of sections, would end the process with a stack
/// overflow (SIGSEGV, no message) instead of an error.
///
/// A small scanner of Mustache tags (delimiter changes included) that tracks section depth
/// and partial references; it does not replace the parser, which still reports syntax errors.
enum TemplateStructure {
    /// The deepest nesting of sections, counting those of every partial on the way (and
    /// each partial as one level), that a set of templates may reach.
    static let maxDepth = 100

    /// A template's deepest section nesting and the partials it includes, with the depth
    /// at which each is included.
    struct Shape {
        var depth = 0
        var partials: [(name: String, depth: Int)] = []
    }

    /// Throws `TemplateError` naming the template for a partial cycle, a dynamic partial or
    /// nesting deeper than `maxDepth`.
    static func check(_ templates: [(name: String, text: String)]) throws {
        var shapes: [String: Shape] = [:]
        for (name, text) in templates { shapes[name] = try shape(of: text, name: name) }
        var total: [String: Int] = [:]
        for name in shapes.keys.sorted() {
            var path: [String] = []
            _ = try depth(of: name, shapes: shapes, path: &path, total: &total)
        }
    }

    /// The deepest nesting reachable from `name` through its partials.
    private static func depth(
        of name: String, shapes: [String: Shape], path: inout [String], total: inout [String: Int]
    ) throws -> Int {
        if let known = total[name] { return known }
        if let start = path.firstIndex(of: name) {
            let cycle = (path[start...] + [name]).map { $0 + ".mustache" }.joined(separator: " → ")
            throw TemplateError(
                description:
                    "template \(name).mustache includes itself through partials (\(cycle)); a partial cannot include itself"
            )
        }
        guard let shape = shapes[name] else { return 0 }  // a missing partial renders as nothing
        path.append(name)
        var deepest = shape.depth
        for partial in shape.partials {
            let inner = try depth(of: partial.name, shapes: shapes, path: &path, total: &total)
            deepest = max(deepest, partial.depth + 1 + inner)
            if deepest > maxDepth {
                throw TemplateError(
                    description:
                        "template \(name).mustache: sections and partials nest more than \(maxDepth) deep (through \(partial.name).mustache)"
                )
            }
        }
        path.removeLast()
        total[name] = deepest
        return deepest
    }

    /// The shape of one template.
    static func shape(of text: String, name: String) throws -> Shape {
        var shape = Shape()
        var open = "{{"
        var close = "}}"
        var depth = 0
        var rest = Substring(text)
        while let start = rest.range(of: open) {
            rest = rest[start.upperBound...]
            var triple = false
            if open == "{{", rest.first == "{" { triple = true }
            guard let end = rest.range(of: triple ? "}}}" : close) else { break }
            var tag = rest[..<end.lowerBound].trimmingCharacters(in: .whitespaces)
            rest = rest[end.upperBound...]
            guard let kind = tag.first, !triple else { continue }
            tag.removeFirst()
            let tagName = tag.trimmingCharacters(in: .whitespaces)
            switch kind {
            case "#", "^", "$":
                depth += 1
                shape.depth = max(shape.depth, depth)
                if depth > maxDepth {
                    throw TemplateError(
                        description: "template \(name).mustache: sections nest more than \(maxDepth) deep")
                }
            case "<":
                try notDynamic(tagName, in: name)
                shape.partials.append((tagName, depth))
                depth += 1
                shape.depth = max(shape.depth, depth)
            case "/":
                depth = max(0, depth - 1)
            case ">":
                try notDynamic(tagName, in: name)
                shape.partials.append((tagName, depth))
            case "=":
                // {{=<% %>=}}: new delimiters, separated by blanks.
                let parts = tagName.dropLast(tagName.hasSuffix("=") ? 1 : 0).split(
                    separator: " ", omittingEmptySubsequences: true)
                if parts.count == 2 {
                    open = String(parts[0])
                    close = String(parts[1])
                }
            default:
                break
            }
        }
        return shape
    }

    private static func notDynamic(_ partial: String, in name: String) throws {
        if partial.hasPrefix("*") {
            throw TemplateError(
                description:
                    "template \(name).mustache: dynamic partials ({{>\(partial)}}) are not supported: a value from the data would choose the template"
            )
        }
    }
}
