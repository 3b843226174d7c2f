import Foundation

/// The versions of a coordination file (or of the files of a folder) to read: the working
/// copy, then the file at the tip of each configured ref. Agents append to the progress log
/// and the memory bank in their own worktrees, so the working copy alone misses entries.
/// Identical versions are returned once.
public struct CoordinationFileVersions {
    /// One version of one file.
    public struct Version {
        /// Where it came from: `working copy` or a ref name.
        public var origin: String
        /// The file as shown in diagnostics (`coordination/progress-log.md@agent-builder`).
        public var label: String
        /// The file's path relative to its folder, for folder reads (`abc.json`).
        public var name: String
        public var data: Data
        /// Whether this is the working copy (whose problems are rejections, not history).
        public var isWorkingCopy: Bool
    }

    let config: ReportConfig

    /// Versions for reading `config`'s coordination files.
    public init(config: ReportConfig) {
        self.config = config
    }

    /// The working copy of `file` (if present, a regular file of at most `limit` bytes: see
    /// `InputFile`) and its version at each ref tip.
    public func versions(of file: String, limit: Int64, diagnostics: inout [Diagnostic]) throws -> [Version] {
        let display = config.displayPath(file)
        var seen: Set<Data> = []
        var result: [Version] = []
        if let data = Self.read(file, shown: display, limit: limit, diagnostics: &diagnostics) {
            seen.insert(data)
            result.append(
                Version(
                    origin: "working copy", label: display, name: (file as NSString).lastPathComponent, data: data,
                    isWorkingCopy: true))
        }
        guard let (repository, relative) = try locate(file, diagnostics: &diagnostics) else { return result }
        let tips = try repository.refTips()
        let blobs = try repository.blobIds(tips.map { "\($0.commit):\(relative)" })
        var seenBlobs: Set<String> = []
        for tip in tips {
            guard let blob = blobs["\(tip.commit):\(relative)"], seenBlobs.insert(blob).inserted else { continue }
            let data = try repository.blob(blob)
            guard seen.insert(data).inserted else { continue }
            result.append(
                Version(
                    origin: tip.ref, label: "\(display)@\(Self.short(tip.ref))",
                    name: (file as NSString).lastPathComponent, data: data, isWorkingCopy: false))
        }
        return result
    }

    /// The working-copy files of `folder` ending in `suffix` (regular files of at most
    /// `limit` bytes each), then those at each ref tip that differ from every version already listed.
    public func versions(inFolder folder: String, suffix: String, limit: Int64, diagnostics: inout [Diagnostic]) throws
        -> [Version]
    {
        let display = config.displayPath(folder)
        var seen: Set<Data> = []
        var result: [Version] = []
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter {
            $0.hasSuffix(suffix)
        }.sorted()
        for name in names {
            let path = (folder as NSString).appendingPathComponent(name)
            guard let data = Self.read(path, shown: "\(display)/\(name)", limit: limit, diagnostics: &diagnostics)
            else { continue }
            seen.insert(data)
            result.append(
                Version(
                    origin: "working copy", label: "\(display)/\(name)", name: name, data: data, isWorkingCopy: true))
        }
        guard let (repository, relative) = try locate(folder, diagnostics: &diagnostics) else { return result }
        var seenBlobs: Set<String> = []
        for tip in try repository.refTips() {
            for file in try repository.files(under: relative, at: tip.commit) where file.path.hasSuffix(suffix) {
                let name = String(file.path.dropFirst(relative.count + 1))
                guard !name.contains("/"), seenBlobs.insert(file.blob).inserted else { continue }
                let data = try repository.blob(file.blob)
                guard seen.insert(data).inserted else { continue }
                result.append(
                    Version(
                        origin: tip.ref, label: "\(display)/\(name)@\(Self.short(tip.ref))", name: name, data: data,
                        isWorkingCopy: false))
            }
        }
        return result
    }

    /// The first configured repository holding `path`, and the path inside it.
    private func locate(_ path: String, diagnostics: inout [Diagnostic]) throws -> (CoordinationRepository, String)? {
        for repository in config.repositories {
            let opened: CoordinationRepository?
            do {
                opened = try CoordinationRepository.open(repository, config: config)
            } catch GitError.notInstalled {
                return nil
            }
            if let opened, let relative = opened.relativePath(of: path) { return (opened, relative) }
        }
        return nil
    }

    /// A working-copy file through `InputFile`: nil when it is missing (silently) or cannot
    /// be read — not a regular file (a FIFO, a folder: a warning) or over `limit` or
    /// unreadable (an error: the input is rejected).
    static func read(_ path: String, shown: String, limit: Int64, diagnostics: inout [Diagnostic]) -> Data? {
        do {
            return try InputFile.read(path, limit: limit)
        } catch .missing {
            return nil
        } catch .notRegular(let kind) {
            diagnostics.append(Diagnostic(.warning, file: shown, InputFile.Problem.notRegular(kind: kind).description))
        } catch {
            diagnostics.append(Diagnostic(.error, file: shown, error.description))
        }
        return nil
    }

    /// `refs/heads/agent-builder` → `agent-builder`.
    static func short(_ ref: String) -> String {
        for prefix in ["refs/heads/", "refs/remotes/", "refs/"] where ref.hasPrefix(prefix) {
            return String(ref.dropFirst(prefix.count))
        }
        return ref
    }
}
