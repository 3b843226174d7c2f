import Foundation
import Testing

@testable import AgentReport

/// Issue 14, item 4: only regular files are read, never opened blocking. A FIFO, socket or
/// device among the metric files or templates is skipped with a warning; every source has
/// a per-file size limit with a clear diagnostic.
@Suite struct ReliabilityInputKindTests {
    /// Runs `body` on another thread and fails (instead of hanging the suite) when it does
    /// not finish within `seconds`: a FIFO opened blocking would never return.
    static func finishes<T>(within seconds: Double, _ body: @escaping () throws -> T) throws -> T? {
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var result: Result<T, Error>?
        nonisolated(unsafe) let work = body
        Thread {
            result = Result { try work() }
            done.signal()
        }.start()
        guard done.wait(timeout: .now() + seconds) == .success else { return nil }
        return try result?.get()
    }

    @Test func aFIFOASocketAndADeviceInMetricsAreSkippedWithWarnings() throws {
        let ws = try MetricsTestWorkspace()
        #expect(mkfifo(ws.path("fifo.jsonl"), 0o644) == 0)
        try Self.bindSocket(at: ws.path("socket.jsonl"))
        try FileManager.default.createSymbolicLink(atPath: ws.path("zero.jsonl"), withDestinationPath: "/dev/zero")
        try ws.write("z.jsonl", MetricsIncrementalTests.lines("a", 0..<2))
        let rows = try Self.finishes(within: 60) { try ws.ingest() }
        #expect(rows == 2, "the metrics source hung on a FIFO, or lost the regular file")
        let warnings = ws.diagnostics.filter { $0.severity == .warning }
        #expect(
            Set(warnings.compactMap(\.file)) == ["metrics/fifo.jsonl", "metrics/socket.jsonl", "metrics/zero.jsonl"])
        #expect(warnings.contains { $0.message.contains("a FIFO") })
        #expect(warnings.contains { $0.message.contains("a socket") })
        #expect(warnings.contains { $0.message.contains("a character device") })
        #expect(ws.errors.isEmpty)
    }

    @Test func aMetricFileLargerThanItsLimitIsAnErrorAndTheOthersGoIn() throws {
        let ws = try MetricsTestWorkspace()
        // Sparse: the size without the disk space.
        try ws.write("huge.jsonl", "")
        let handle = try #require(FileHandle(forWritingAtPath: ws.path("huge.jsonl")))
        try handle.truncate(atOffset: UInt64(InputFile.Limit.metricFile) + 1)
        try handle.close()
        try ws.write("z.jsonl", MetricsIncrementalTests.lines("a", 0..<2))
        #expect(try ws.ingest() == 2)
        #expect(ws.errors.map(\.file) == ["metrics/huge.jsonl"])
        #expect(ws.errors.first?.message.contains("limit for this input") == true)
    }

    @Test func aFIFOInTheTemplatesFolderIsSkippedWithAWarning() throws {
        let folder = try Fixtures.temporaryDirectory("agentreport-templates")
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(mkfifo(folder.appendingPathComponent("index.md.mustache").path, 0o644) == 0)
        let templates = try Self.finishes(within: 60) { try TemplateSet(overridesFrom: folder.path) }
        let loaded = try #require(templates, "loading the templates hung on a FIFO")
        #expect(loaded.overridden.isEmpty)
        #expect(loaded.files["index.md.mustache"] == DefaultTemplates.files["index.md.mustache"])
        #expect(loaded.problems.map(\.severity) == [.warning])
        #expect(loaded.problems.first?.message.contains("a FIFO") == true)
    }

    @Test func aTemplateLargerThanItsLimitIsAnErrorNamingIt() throws {
        let folder = try Fixtures.temporaryDirectory("agentreport-templates")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("index.md.mustache").path
        #expect(FileManager.default.createFile(atPath: path, contents: Data()))
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.truncate(atOffset: UInt64(InputFile.Limit.template) + 1)
        try handle.close()
        let error = try #require(throws: TemplateError.self) { try TemplateSet(overridesFrom: folder.path) }
        #expect(error.description.contains("index.md.mustache") && error.description.contains("limit"), "\(error)")
    }

    @Test func aTemplateLinkLeadingOutsideTheFolderIsNotFollowed() throws {
        let base = try Fixtures.temporaryDirectory("agentreport-templates")
        defer { try? FileManager.default.removeItem(at: base) }
        let folder = base.appendingPathComponent("templates").path
        try FileManager.default.createDirectory(atPath: folder + "/partials", withIntermediateDirectories: true)
        try Data("secret outside\n".utf8).write(to: base.appendingPathComponent("outside.txt"))
        try FileManager.default.createSymbolicLink(
            atPath: folder + "/index.md.mustache", withDestinationPath: base.path + "/outside.txt")
        try FileManager.default.createSymbolicLink(atPath: folder + "/partials/linked", withDestinationPath: base.path)
        // A link that stays inside the folder is fine.
        try Data("{{% CONTENT_TYPE: MARKDOWN}}\n# Tasks\n".utf8).write(
            to: URL(fileURLWithPath: folder + "/mine.mustache"))
        try FileManager.default.createSymbolicLink(
            atPath: folder + "/tasks.md.mustache", withDestinationPath: folder + "/mine.mustache")
        // The folder itself may be a link.
        let linkedFolder = base.appendingPathComponent("chosen").path
        try FileManager.default.createSymbolicLink(atPath: linkedFolder, withDestinationPath: folder)
        let templates = try TemplateSet(overridesFrom: linkedFolder)
        #expect(templates.files["index.md.mustache"] == DefaultTemplates.files["index.md.mustache"])
        #expect(templates.files["tasks.md.mustache"]?.contains("# Tasks") == true)
        #expect(!templates.files.values.contains { $0.contains("secret outside") })
        #expect(templates.problems.count == 2, "\(templates.problems.map(\.formatted))")
        #expect(templates.problems.allSatisfy { $0.message.contains("outside the templates folder") })
    }

    /// A Unix socket bound at `path` (then closed: the file stays).
    static func bindSocket(at path: String) throws {
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        #expect(descriptor >= 0)
        defer { close(descriptor) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            let bytes = Array(path.utf8.prefix(raw.count - 1))
            raw.copyBytes(from: bytes)
        }
        let bound = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        #expect(bound == 0, "bind \(path): \(String(cString: strerror(errno)))")
    }
}
