import Foundation

@testable import AgentReport

/// The history most tests read: two agent branches, a trailer, a merge, a binary file, a
/// rename, excluded paths and a bot author.
enum AgentHistory {
    static let builderBranch = "agent-builder-1750106374"

    /// Writes the history into `repository`.
    static func write(into repository: TestRepository) throws {
        try repository.commit("Initial scaffold", files: ["README.md": "# app\n", "package.json": "{}\n"])
        try repository.checkout(builderBranch, from: "main")
        try repository.commit(
            "TASK-101: add the API server",
            files: [
                "src/api.swift": (1...10).map { "line \($0)" }.joined(separator: "\n") + "\n",
                "node_modules/left-pad/index.js": "a\nb\nc\nd\ne\n", "yarn.lock": "x\ny\nz\n",
            ])
        try repository.commit("Add the logo", binary: ["assets/logo.png": [0x89, 0x50, 0x4E, 0x47, 0x00, 0x01, 0x02, 0xFF]])
        try repository.git(["mv", "src/api.swift", "src/server.swift"])
        try repository.commit(
            "Rename the API to server (token ghp_abcdefghijklmnopqrstuvwxyz0123456789)",
            files: ["src/server.swift": (1...10).map { $0 == 10 ? "line ten" : "line \($0)" }.joined(separator: "\n") + "\n"])
        try repository.checkout("agents/validator", from: "main")
        try repository.commit("Add validation tests for TASK-101 and TASK-7", files: ["tests/api_test.swift": "test\n"])
        try repository.commit("Review the API contract\n\nAgent: architect\n", files: ["docs/api.md": "one\ntwo\n"])
        try repository.checkout("main")
        try repository.commit("Update README", files: ["README.md": "# app\n\nmore\n"])
        try repository.merge(builderBranch, message: "Merge the builder's API")
        try repository.commit("Bump left-pad", files: ["package.json": "{\"v\": 2}\n"], author: "dependabot[bot] <bot@example.com>")
        try repository.commit("Human fix", files: ["README.md": "# app\n\nfixed\n"], author: "Lead <lead@example.com>")
    }
}
