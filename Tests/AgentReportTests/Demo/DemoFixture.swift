import Foundation
import Testing

@testable import AgentReport

/// Demo workspaces shared by the demo tests (generated once per process), and helpers to
/// read them.
enum DemoFixture {
    /// 3 agents × 7 days, seed 1 (the defaults).
    static let seedOne = generate(seed: 1)

    /// A fresh, empty temporary folder path (not created).
    static func temporaryPath(_ name: String) -> String {
        FileManager.default.temporaryDirectory
            .appendingPathComponent("agentreport-demo-\(name)-\(UUID().uuidString)").path
    }

    /// Generates a workspace; the path and summary, or the error's text.
    static func generate(seed: UInt64, agents: Int = 3, days: Int = 7) -> Result<
        (path: String, summary: DemoSummary), DemoFailure
    > {
        let path = temporaryPath("seed\(seed)")
        do {
            let summary = try DemoWorkspace.create(
                at: path, options: DemoOptions(agents: agents, days: days, seed: seed))
            return .success((path, summary))
        } catch {
            return .failure(DemoFailure(message: "\(error)"))
        }
    }

    /// A hash of every file outside `.git` (path and bytes) and of every ref's commit id.
    static func fingerprint(of path: String) throws -> String {
        var hasher = FNV1a()
        let root = URL(fileURLWithPath: path)
        let enumerator = try #require(FileManager.default.enumerator(atPath: path))
        var files: [String] = []
        while let item = enumerator.nextObject() as? String {
            if item == ".git" { enumerator.skipDescendants(); continue }
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(
                atPath: root.appendingPathComponent(item).path, isDirectory: &isDirectory), !isDirectory.boolValue
            {
                files.append(item)
            }
        }
        // The session logs hold the workspace's absolute path (as the agents' own logs do):
        // compare them with it replaced, so two workspaces in different folders can match.
        let canonical = CanonicalPath.resolve(path)
        let folderName = SessionLogLocations.claudeProjectFolderName(forWorkingDirectory: canonical)
        func neutral(_ text: String) -> String {
            text.replacingOccurrences(of: canonical, with: "<workspace>").replacingOccurrences(
                of: folderName, with: "<folder>")
        }
        for file in files.map(neutral).sorted() {
            hasher.add(Array(file.utf8))
            let real = file.replacingOccurrences(of: "<folder>", with: folderName)
            let bytes = try Data(contentsOf: root.appendingPathComponent(real))
            let content: [UInt8] =
                real.hasPrefix(DemoSessionLogs.folder)
                ? Array(neutral(String(decoding: bytes, as: UTF8.self)).utf8) : Array(bytes)
            hasher.add(content)
        }
        hasher.add(Array(try git(path, ["for-each-ref", "--format=%(refname) %(objectname)"]).utf8))
        return hasher.hex
    }

    /// Runs git in the workspace and returns its output.
    static func git(_ path: String, _ arguments: [String]) throws -> String {
        try GitProcess(repository: path).text(arguments)
    }

    /// The lines of a file of the workspace.
    static func lines(_ path: String, _ file: String) throws -> [Substring] {
        let text = try String(contentsOfFile: path + "/" + file, encoding: .utf8)
        return text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
    }

    /// The JSON object of a metrics line, or nil.
    static func object(_ line: Substring) -> [String: Any]? {
        (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any]
    }
}

/// A generation error as a Sendable, Equatable value.
struct DemoFailure: Error, Sendable {
    var message: String
}

/// 64-bit FNV-1a, enough to compare two trees in a test.
struct FNV1a {
    private var state: UInt64 = 0xcbf2_9ce4_8422_2325

    mutating func add(_ bytes: [UInt8]) {
        for byte in bytes + [0] {
            state ^= UInt64(byte)
            state = state &* 0x100_0000_01b3
        }
    }

    var hex: String { String(state, radix: 16) }
}
