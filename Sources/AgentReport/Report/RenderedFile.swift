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
/// sees a half-written page. Nothing is written outside the output folder: paths are
/// checked, and every folder below the output folder is opened relative to its parent
/// without following symbolic links (`openat` with `O_NOFOLLOW`), so a link planted inside
/// it (`output/agents -> /elsewhere`) stops the run instead of being written through; a
/// link at a file's name is replaced by the file, never followed. The output folder itself
/// may be a link: that one the user chose.
///
/// It is also the last safety net for every output format: control characters are shown
/// as symbols (`ControlCharacters`) and Markdown links with unsafe schemes are made inert
/// text (`MarkdownToHTML.neutralisingUnsafeLinks`), whichever template or page produced them.
public enum OutputWriter {
    /// Writes `files` under `directory` and returns the paths written.
    @discardableResult
    public static func write(_ files: [RenderedFile], to directory: String) throws -> [String] {
        let staging = try OutputStaging(directory: directory)
        for file in files { try staging.stage(file) }
        try staging.commit()
        return files.map(\.path)
    }

    /// The contents to write for `file`: control characters shown as symbols in every
    /// format, unsafe links made text in Markdown.
    static func inert(_ file: RenderedFile) -> String {
        let visible = ControlCharacters.visible(file.contents)
        return file.path.hasSuffix(".md") ? MarkdownToHTML.neutralisingUnsafeLinks(in: visible) : visible
    }

    /// Whether one `syncfs(2)` of the output's filesystem replaces the per-file fsync (Linux).
    #if os(Linux)
        static let flushesWholeFilesystem = true
    #else
        static let flushesWholeFilesystem = false
    #endif

    /// Writes `contents` to a new file `name` in the folder `folder` (fsync'ed when `flush`);
    /// the reason on failure. Never follows a link and never opens an existing file.
    static func writeFile(_ contents: String, in folder: Int32, named name: String, flush: Bool) -> String? {
        let descriptor = openat(folder, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else { return String(cString: strerror(errno)) }
        var contents = contents
        let failure: String? = contents.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return nil }
            var offset = 0
            while offset < bytes.count {
                let written = systemWrite(descriptor, base + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return String(cString: strerror(errno))
                }
                offset += written
            }
            if flush, fsync(descriptor) != 0 { return String(cString: strerror(errno)) }
            // Not flushed here: the commit's syncfs will. Starting the write now lets the
            // disk work while the next pages render, instead of during that syncfs, which
            // the whole render waits for (a hint: a failure changes nothing).
            if !flush { _ = agentreport_start_writeback(descriptor) }
            return nil
        }
        if close(descriptor) != 0, failure == nil { return String(cString: strerror(errno)) }
        return failure
    }

    /// Flushes the filesystem that holds the open folder `descriptor`; the reason on failure.
    static func syncFilesystem(of descriptor: Int32) -> String? {
        agentreport_syncfs(descriptor) == 0 ? nil : String(cString: strerror(errno))
    }
}

/// A report being written (`OutputWriter`'s two steps, callable from several threads):
/// `stage` writes a file next to its final name (`.name.tmp`), `commit` makes every staged
/// file durable and then renames each into place. The renderer stages each page as soon as
/// it is rendered, on the core that rendered it, so that writing overlaps rendering rather
/// than following it (a tenth of the render's time for a 50-agent report).
///
/// Until `commit`, no old file is touched; a staging dropped without `commit` (an error
/// half-way) removes what it staged. A path staged twice is written once.
public final class OutputStaging: @unchecked Sendable {
    private let root: String
    private var folders: FolderTree
    private var staged: [(folder: Int32, temporary: String, name: String, path: String)] = []
    private var paths: Set<String> = []
    private var committed = false
    /// Whether the output folder did not exist before: removed again (when still empty) by a
    /// staging dropped without `commit`, as a failed render used to create nothing.
    private let createdRoot: Bool
    private let lock = NSLock()

    /// Creates (when missing) and opens the output folder `directory`.
    public init(directory: String) throws {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        createdRoot = !manager.fileExists(atPath: directory, isDirectory: &isDirectory)
        do {
            try manager.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw OutputError(
                description: "\(directory): cannot create the output folder: \(error.localizedDescription)")
        }
        guard manager.isWritableFile(atPath: directory) else {
            throw OutputError(description: "\(directory): the output folder is not writable")
        }
        root = URL(fileURLWithPath: directory).standardizedFileURL.path
        folders = try FolderTree(root: root)
    }

    deinit {
        for item in staged { unlinkat(item.folder, item.temporary, 0) }
        if !committed {
            // Folders this staging made, deepest first; a folder with anything else in it stays.
            for folder in folders.created.reversed() { unlinkat(folder.parent, folder.name, AT_REMOVEDIR) }
        }
        folders.close()
        if !committed, createdRoot { rmdir(root) }
    }

    /// Writes `file` next to its final name (control characters and unsafe links made inert,
    /// `OutputWriter.inert`). Throws for a path outside the output folder or through a link.
    public func stage(_ file: RenderedFile) throws {
        let components = file.path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard !file.path.hasPrefix("/"), !components.contains(where: { $0 == ".." || $0 == "." || $0.isEmpty }),
            let name = components.last
        else {
            throw OutputError(description: "refusing to write \(file.path): outside the output folder")
        }
        let temporary = ".\(name).tmp"
        let path = root + "/" + file.path
        let folder: Int32 = try lock.withLock {
            guard paths.insert(file.path).inserted else { return -1 }
            let folder = try folders.descriptor(for: components.dropLast())
            // A leftover of an interrupted run, or something planted: unlinkat removes a link
            // itself, and O_EXCL | O_NOFOLLOW below refuses whatever appears meanwhile.
            unlinkat(folder, temporary, 0)
            staged.append((folder, temporary, name, path))
            return folder
        }
        guard folder >= 0 else { return }
        let flush = !OutputWriter.flushesWholeFilesystem
        if let reason = OutputWriter.writeFile(OutputWriter.inert(file), in: folder, named: temporary, flush: flush) {
            throw OutputError(description: "\(path): cannot write: \(reason)")
        }
    }

    /// Makes every staged file durable, then puts each in place with one atomic rename(2)
    /// (which replaces a symbolic link at the final name instead of following it).
    public func commit() throws {
        try lock.withLock {
            // One flush of the filesystem rather than one fsync(2) per file (a disk flush
            // each, which cost more than the rendering itself for the 276 files of a
            // 50-agent report), before any old file is replaced.
            if OutputWriter.flushesWholeFilesystem, let reason = OutputWriter.syncFilesystem(of: folders.rootDescriptor)
            {
                throw OutputError(description: "\(root): cannot write: \(reason)")
            }
            for item in staged where renameat(item.folder, item.temporary, item.folder, item.name) != 0 {
                let reason = String(cString: strerror(errno))
                throw OutputError(description: "\(item.path): cannot write: \(reason)")
            }
            staged.removeAll()
            committed = true
        }
    }
}

/// The folders of the output, each opened once relative to its parent without following
/// links, and created when missing.
private struct FolderTree {
    let root: String
    let rootDescriptor: Int32
    private var opened: [String: Int32] = [:]
    /// The folders created, in order, by their parent's descriptor and name.
    private(set) var created: [(parent: Int32, name: String)] = []

    /// Opens the output folder (following a link there: the user chose it).
    init(root: String) throws {
        self.root = root
        rootDescriptor = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard rootDescriptor >= 0 else {
            throw OutputError(
                description: "\(root): cannot open the output folder: \(String(cString: strerror(errno)))")
        }
    }

    /// The descriptor of the folder `components` below the root, opening (and creating)
    /// each level without following links.
    mutating func descriptor(for components: ArraySlice<String>) throws -> Int32 {
        var descriptor = rootDescriptor
        var path = ""
        for component in components {
            path += path.isEmpty ? component : "/" + component
            if let known = opened[path] {
                descriptor = known
                continue
            }
            var child = openat(descriptor, component, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            if child < 0, errno == ENOENT {
                if mkdirat(descriptor, component, 0o777) == 0 {
                    created.append((descriptor, component))
                } else if errno != EEXIST {
                    throw OutputError(
                        description: "\(root)/\(path): cannot create the folder: \(String(cString: strerror(errno)))")
                }
                child = openat(descriptor, component, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            }
            guard child >= 0 else {
                let code = errno
                if code == ELOOP || code == ENOTDIR, isSymbolicLink(component, in: descriptor) {
                    throw OutputError(
                        description:
                            "\(root)/\(path) is a symbolic link; agentreport never writes through a link inside the output folder (remove it; the output folder itself may be a link)"
                    )
                }
                throw OutputError(
                    description: "\(root)/\(path): cannot open the folder: \(String(cString: strerror(code)))")
            }
            opened[path] = child
            descriptor = child
        }
        return descriptor
    }

    /// Closes every descriptor opened.
    func close() {
        for descriptor in opened.values { Glibc.close(descriptor) }
        Glibc.close(rootDescriptor)
    }

    private func isSymbolicLink(_ name: String, in folder: Int32) -> Bool {
        var info = stat()
        return fstatat(folder, name, &info, AT_SYMLINK_NOFOLLOW) == 0 && info.st_mode & S_IFMT == S_IFLNK
    }
}

/// write(2), which `OutputWriter.write` would shadow.
private func systemWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, buffer, count)
}
