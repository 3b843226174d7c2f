import Foundation

/// One file of the report, as a path relative to the output folder and its contents.
public struct RenderedFile: Sendable, Equatable {
    public var path: String
    public var contents: String

    public init(path: String, contents: String) {
        self.path = path
        self.contents = contents
    }
}

/// A problem writing the output that stops the run (exit code 1).
public struct OutputError: Error, CustomStringConvertible {
    public var description: String
}

/// The one place that writes the report to disk.
///
/// Every file is written next to its final name and renamed into place, so a reader never
/// sees a half-written page; paths are checked to stay inside the output folder.
public enum OutputWriter {
    /// Writes `files` under `directory` and returns the paths written.
    @discardableResult
    public static func write(_ files: [RenderedFile], to directory: String) throws -> [String] {
        let manager = FileManager.default
        do {
            try manager.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw OutputError(description: "\(directory): cannot create the output folder: \(error.localizedDescription)")
        }
        guard manager.isWritableFile(atPath: directory) else {
            throw OutputError(description: "\(directory): the output folder is not writable")
        }
        let root = URL(fileURLWithPath: directory).standardizedFileURL.path
        var staged: [(temporary: String, final: String)] = []
        var folders: Set<String> = []
        defer { for item in staged { try? manager.removeItem(atPath: item.temporary) } }
        for file in files {
            let components = file.path.split(separator: "/")
            guard !file.path.hasPrefix("/"), !components.contains(where: { $0 == ".." || $0 == "." || $0.isEmpty }) else {
                throw OutputError(description: "refusing to write \(file.path): outside the output folder")
            }
            let final = URL(fileURLWithPath: root).appendingPathComponent(file.path).standardizedFileURL.path
            guard final.hasPrefix(root + "/") else {
                throw OutputError(description: "refusing to write \(file.path): outside the output folder")
            }
            let folder = (final as NSString).deletingLastPathComponent
            let temporary = (folder as NSString).appendingPathComponent(".\((final as NSString).lastPathComponent).tmp")
            do {
                if folders.insert(folder).inserted {
                    try manager.createDirectory(atPath: folder, withIntermediateDirectories: true)
                }
                try Data(file.contents.utf8).write(to: URL(fileURLWithPath: temporary))
            } catch {
                throw OutputError(description: "\(final): cannot write: \(error.localizedDescription)")
            }
            staged.append((temporary, final))
        }
        // Every file is on disk; only now replace the old ones, each with one atomic rename(2).
        for item in staged where rename(item.temporary, item.final) != 0 {
            let reason = String(cString: strerror(errno))
            throw OutputError(description: "\(item.final): cannot write: \(reason)")
        }
        staged.removeAll()
        return files.map(\.path)
    }
}
