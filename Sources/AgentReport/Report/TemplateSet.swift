import Foundation
import Mustache

/// A problem with the templates that stops rendering (exit code 1).
public struct TemplateError: Error, CustomStringConvertible {
    public var description: String
}

/// The report templates: the defaults carried in the binary, overridden file by file by
/// the user's templates folder.
public struct TemplateSet: Sendable {
    /// Relative path (`index.md.mustache`, `partials/alerts.md.mustache`, `style.css`) → text.
    public private(set) var files: [String: String]
    /// The files that came from the user's folder, for the run summary.
    public private(set) var overridden: [String] = []

    /// The defaults only.
    public init() {
        files = DefaultTemplates.files
    }

    /// The defaults, with every file found under `directory` replacing the default of the
    /// same relative path (a missing folder means no overrides).
    public init(overridesFrom directory: String?) throws {
        self.init()
        guard let directory, FileManager.default.fileExists(atPath: directory) else { return }
        guard let enumerator = FileManager.default.enumerator(atPath: directory) else { return }
        var names: [String] = []
        while let name = enumerator.nextObject() as? String {
            var isDirectory: ObjCBool = false
            let full = (directory as NSString).appendingPathComponent(name)
            guard FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue,
                name.hasSuffix(".mustache") || name.hasSuffix(".css")
            else { continue }
            names.append(name)
        }
        for name in names.sorted() {
            let full = (directory as NSString).appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: full), let text = String(data: data, encoding: .utf8) else {
                throw TemplateError(description: "\(full): cannot read the template (is it UTF-8?)")
            }
            if files[name] != text { overridden.append(name) }
            files[name] = text
        }
    }

    /// A Mustache library of every `.mustache` file, named by its path without `.mustache`
    /// (`index.md`, `layout.html`, `partials/alerts.md`).
    public func library() throws -> MustacheLibrary {
        _ = MarkdownContentType.registerOnce
        var library = MustacheLibrary()
        for (name, text) in files.sorted(by: { $0.key < $1.key }) where name.hasSuffix(".mustache") {
            do {
                try library.register(text, named: String(name.dropLast(".mustache".count)))
            } catch {
                throw TemplateError(description: "template \(name): \(error)")
            }
        }
        return library
    }
}
