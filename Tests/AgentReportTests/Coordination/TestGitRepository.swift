import Foundation
import Testing

@testable import AgentReport

/// A temporary git repository inside a `TestWorkspace`, whose commits get fixed dates.
struct TestGitRepository {
    let workspace: TestWorkspace

    init(_ workspace: TestWorkspace) throws {
        self.workspace = workspace
        try git(["init", "-q", "-b", "main"])
    }

    /// Runs git in the workspace with fixed identities; `date` (ISO 8601) fixes the commit times.
    @discardableResult
    func git(_ arguments: [String], date: String = "2026-03-01T00:00:00Z", email: String = "orchestrator@example.com") throws -> String {
        let runner = try GitProcess(repository: workspace.root, environment: [
            "GIT_AUTHOR_NAME": "Orchestrator", "GIT_AUTHOR_EMAIL": email,
            "GIT_COMMITTER_NAME": "Orchestrator", "GIT_COMMITTER_EMAIL": email,
            "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date,
            "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1",
        ])
        return try runner.text(arguments)
    }

    /// Writes `text` to `path` and commits it (and anything else staged) at `date`.
    func commit(_ path: String, _ text: String, at date: String, message: String, email: String = "orchestrator@example.com") throws {
        try workspace.write(path, text)
        try git(["add", path])
        try git(["commit", "-q", "--no-gpg-sign", "-m", message], date: date, email: email)
    }
}
