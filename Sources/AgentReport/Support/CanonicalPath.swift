import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One spelling per folder: absolute, `.` and `..` removed, symlinks resolved (`realpath(3)`)
/// as far as the path exists, the rest appended as written. Paths from different places —
/// git's worktree list, a config written by hand, a process's working directory, a session
/// log's `cwd` — are compared in this form.
public enum CanonicalPath {
    /// The canonical form of `path`; a relative path is taken relative to `base` (the current
    /// directory when nil).
    public static func resolve(_ path: String, relativeTo base: String? = nil) -> String {
        var absolute = path
        if !absolute.hasPrefix("/") {
            let folder = base ?? FileManager.default.currentDirectoryPath
            absolute = (folder as NSString).appendingPathComponent(absolute)
        }
        var components: [Substring] = []
        for component in absolute.split(separator: "/") {
            switch component {
            case ".": continue
            case "..": if !components.isEmpty { components.removeLast() }
            default: components.append(component)
            }
        }
        // realpath on the longest existing prefix; what does not exist yet is kept as written.
        var missing: [Substring] = []
        while true {
            let candidate = "/" + components.joined(separator: "/")
            if let real = realPath(candidate) {
                guard !missing.isEmpty else { return real }
                return (real == "/" ? "" : real) + "/" + missing.reversed().joined(separator: "/")
            }
            guard let last = components.popLast() else { return "/" + missing.reversed().joined(separator: "/") }
            missing.append(last)
        }
    }

    /// Whether `path` is `folder` or lies inside it (both canonical).
    public static func isInside(_ path: String, _ folder: String) -> Bool {
        // Bytes, not Characters: a combining mark after the folder name is another folder.
        if folder == "/" { return path.utf8.first == 0x2F }
        guard path.utf8.starts(with: folder.utf8) else { return false }
        return path.utf8.count == folder.utf8.count
            || path.utf8[path.utf8.index(path.utf8.startIndex, offsetBy: folder.utf8.count)] == 0x2F
    }

    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
