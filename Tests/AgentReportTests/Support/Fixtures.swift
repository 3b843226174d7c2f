import Foundation

/// Paths to the test fixtures and temporary folders.
enum Fixtures {
    /// The fixture file at `path` (relative to `Tests/AgentReportTests/Fixtures`).
    static func url(_ path: String) -> URL {
        let base = Bundle.module.resourceURL ?? Bundle.module.bundleURL
        return base.appendingPathComponent("Fixtures").appendingPathComponent(path)
    }

    /// The root of the package (for the example workspace and templates).
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A new empty temporary folder; the caller removes it.
    static func temporaryDirectory(_ prefix: String = "agentreport") throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
