import CFileSync
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
            } catch {
                throw OutputError(description: "\(final): cannot write: \(error.localizedDescription)")
            }
            staged.append((temporary, final))
            if let reason = writeFile(file.contents, to: temporary, flush: !flushesWholeFilesystem) {
                throw OutputError(description: "\(final): cannot write: \(reason)")
            }
        }
        // Every file is written; make them durable before any old file is replaced, with one
        // flush of the filesystem rather than one fsync(2) per file (a disk flush each, which
        // cost more than the rendering itself for the 276 files of a 50-agent report).
        if flushesWholeFilesystem, let reason = syncFilesystem(of: root) {
            throw OutputError(description: "\(root): cannot write: \(reason)")
        }
        // Every file is on disk; only now replace the old ones, each with one atomic rename(2).
        for item in staged where rename(item.temporary, item.final) != 0 {
            let reason = String(cString: strerror(errno))
            throw OutputError(description: "\(item.final): cannot write: \(reason)")
        }
        staged.removeAll()
        return files.map(\.path)
    }

    /// Whether one `syncfs(2)` of the output's filesystem replaces the per-file fsync (Linux).
    #if os(Linux)
    static let flushesWholeFilesystem = true
    #else
    static let flushesWholeFilesystem = false
    #endif

    /// Writes `contents` to a new file at `path` (fsync'ed when `flush`); the reason on failure.
    static func writeFile(_ contents: String, to path: String, flush: Bool) -> String? {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else { return String(cString: strerror(errno)) }
        var contents = contents
        let failure: String? = contents.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = systemWrite(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return String(cString: strerror(errno))
                }
                offset += written
            }
            if flush, fsync(descriptor) != 0 { return String(cString: strerror(errno)) }
            return nil
        }
        if close(descriptor) != 0, failure == nil { return String(cString: strerror(errno)) }
        return failure
    }

    /// Flushes the filesystem that holds `directory` to disk; the reason on failure.
    static func syncFilesystem(of directory: String) -> String? {
        let descriptor = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return String(cString: strerror(errno)) }
        defer { close(descriptor) }
        return agentreport_syncfs(descriptor) == 0 ? nil : String(cString: strerror(errno))
    }
}

/// write(2), which `OutputWriter.write` would shadow.
private func systemWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, buffer, count)
}
