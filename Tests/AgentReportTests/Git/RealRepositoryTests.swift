import Foundation
import GRDB
import Testing

@testable import AgentReport

extension TestRepository {
    /// Commits with author and committer dated `date` (git's `<seconds> <zone>` or ISO 8601).
    @discardableResult
    func commit(_ message: String, at date: String, author: (name: String, email: String)? = nil) throws -> String {
        var environment = [
            "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date, "GIT_CONFIG_NOSYSTEM": "1", "HOME": scratch(""),
        ]
        if let author {
            environment["GIT_AUTHOR_NAME"] = author.name
            environment["GIT_AUTHOR_EMAIL"] = author.email
        }
        let git = try GitProcess(repository: path, environment: environment)
        try git.run([
            "-c", "user.name=Orchestrator", "-c", "user.email=orchestrator@example.com", "commit", "-q",
            "--allow-empty", "-m",
            message,
        ])
        return try git.text(["rev-parse", "HEAD"])
    }

    /// Writes a commit object by hand (git refuses such dates on the command line) on top of
    /// HEAD, with `seconds` as author and committer time, and moves the current branch to it.
    @discardableResult
    func commitObject(_ message: String, seconds: Int64) throws -> String {
        let tree = try git(["rev-parse", "HEAD^{tree}"])
        let parent = try git(["rev-parse", "HEAD"])
        let text =
            "tree \(tree)\nparent \(parent)\nauthor A <a@example.com> \(seconds) +0000\ncommitter A <a@example.com> \(seconds) +0000\n\n\(message)\n"
        let object = try GitProcess(repository: path).run(
            ["hash-object", "--literally", "-t", "commit", "-w", "--stdin"], input: Data(text.utf8))
        let hash = String(decoding: object, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        try git(["update-ref", "HEAD", hash])
        return hash
    }
}

/// The kinds of fault real repositories have (issue 12), one test per kind.
@Suite struct RealRepositoryTests {
    /// main with five commits, three agent branches of four commits each from main~2.
    func threeAgentHistory() throws -> TestRepository {
        let repository = try TestRepository()
        for index in 1...5 {
            try repository.commit("main \(index)", files: ["m\(index).txt": "\(index)\n", "dir\(index)/g": "g\n"])
        }
        for agent in ["builder", "validator", "architect"] {
            try repository.checkout("agent-\(agent)-1750106374", from: "main~2")
            for index in 1...4 {
                // Contents name the agent: no blob or tree is shared between branches.
                try repository.commit(
                    "\(agent) \(index)",
                    files: [
                        "\(agent)/n\(index)": "\(agent) \(index)\n",
                        "\(agent).txt": String(repeating: "\(agent)\n", count: index),
                    ])
            }
        }
        try repository.checkout("main")
        return repository
    }

    // MARK: 1. unreadable objects

    @Test func missingTreeAndBlobCostOnlyTheirCommitsLinesOnEveryBranch() throws {
        let repository = try threeAgentHistory()
        let tree = try repository.git(["rev-parse", "agent-builder-1750106374~2:builder"])
        let blob = try repository.git(["rev-parse", "agent-validator-1750106374~1:validator.txt"])
        try repository.deleteObject(tree)
        try repository.deleteObject(blob)
        let total = Int(try repository.git(["rev-list", "--count", "--all"])) ?? 0
        let harness = try GitIngestHarness(repositories: [repository.path])
        let run = try harness.ingest()
        #expect(run.rows == total)
        let branches: [String] = try harness.store.queue.read { db in
            try String.fetchAll(db, sql: "SELECT DISTINCT branch FROM git_commits ORDER BY branch")
        }
        #expect(
            branches == [
                "agent-architect-1750106374", "agent-builder-1750106374", "agent-validator-1750106374", "main",
            ])
        let problems = run.diagnostics.filter(\.isRejection)
        #expect(problems.count == 1)
        let unknown: [String] = try harness.store.queue.read { db in
            try String.fetchAll(db, sql: "SELECT commit_hash FROM git_commits WHERE lines_unknown = 1")
        }
        // The tree is read by the diffs of builder 2 and 3, the blob by validator 3 and 4.
        #expect(unknown.count == 4)
        #expect(problems[0].message.contains("cannot read the objects of \(unknown.count) commit"))
        #expect(unknown.allSatisfy { problems[0].message.contains($0.prefix(12)) })
        #expect(!run.diagnostics.contains { $0.message.contains("missing, so git cannot list") })
        // The walk completed: tips are saved and the next run reads nothing new.
        #expect(try harness.value("SELECT COUNT(*) FROM git_refs") == 4)
    }

    // MARK: 4. retry what was unreadable

    @Test func objectsThatComeBackFillInTheUnknownLines() throws {
        let repository = try threeAgentHistory()
        let blob = try repository.git(["rev-parse", "agent-validator-1750106374~1:validator.txt"])
        let file = repository.path + "/.git/objects/" + blob.prefix(2) + "/" + blob.dropFirst(2)
        let saved = try Data(contentsOf: URL(fileURLWithPath: file))
        try repository.deleteObject(blob)
        let harness = try GitIngestHarness(repositories: [repository.path])
        _ = try harness.ingest()
        let before: Int = try harness.value("SELECT COUNT(*) FROM git_commits WHERE lines_unknown = 1") ?? 0
        #expect(before > 0)
        // Unchanged store: nothing retried, nothing reported again.
        #expect(try harness.ingest().diagnostics.filter(\.isRejection).isEmpty)
        try saved.write(to: URL(fileURLWithPath: file))
        let run = try harness.ingest()
        #expect(run.rows == 0)
        #expect(
            run.diagnostics.contains {
                $0.message.contains("\(before) commit(s) whose line counts were unknown are now read whole")
            })
        #expect(try harness.value("SELECT COUNT(*) FROM git_commits WHERE lines_unknown = 1") == 0)
        let third = try #require(try harness.commit("validator 3"))
        #expect(
            third["lines_added"] as Int == 2 && third["files_changed"] as Int == 2 && third["lines_unknown"] as Int == 0
        )
    }

    @Test func unshallowingReadsTheHistoryBelowTheOldBoundary() throws {
        let repository = try threeAgentHistory()
        let clone = repository.scratch("ci")
        try repository.git(
            ["clone", "-q", "--depth", "2", "--no-single-branch", "--no-local", "file://" + repository.path, clone],
            in: repository.scratch(""))
        var harness = try GitIngestHarness(repositories: [clone])
        harness.config.repositories[0].refs = ["refs/remotes/origin/*"]
        let shallow = try harness.ingest()
        let boundary: [String] = try harness.store.queue.read { db in
            try String.fetchAll(db, sql: "SELECT commit_hash FROM git_commits WHERE lines_unknown = 1 ORDER BY 1")
        }
        #expect(!boundary.isEmpty && shallow.rows < 17)
        try repository.git(["fetch", "-q", "--unshallow"], in: clone)
        let run = try harness.ingest()
        #expect(run.rows == 17 - shallow.rows)
        #expect(try harness.value("SELECT COUNT(*) FROM git_commits") == 17)
        #expect(try harness.value("SELECT COUNT(*) FROM git_commits WHERE lines_unknown = 1") == 0)
        let first = try #require(try harness.commit("main 1"))
        #expect(first["lines_added"] as Int == 2)
        #expect(!run.diagnostics.contains { $0.message.contains("shallow clone") })
        // And nothing more the run after.
        #expect(try harness.ingest().rows == 0)
    }

    // MARK: 5. people

    @Test func namesAreStoredAsGitPrintsThemAndMatchedUnderCanonicalEquivalence() throws {
        let repository = try TestRepository()
        let nfc = "Jos\u{E9} Builder"
        let nfd = "Jose\u{301} Builder"
        try repository.commit("Precomposed", at: "1772445600 +0000", author: (nfc, "jose@example.com"))
        try repository.commit("Decomposed", at: "1772445660 +0000", author: (nfd, "jose@example.com"))
        try repository.commit("Old address", at: "1772445720 +0000", author: ("JB", "old@example.com"))
        try repository.commit("Bot", at: "1772445780 +0000", author: ("Ren\u{E9}[bot]", "r@example.com"))
        try Data("Jos\u{E9} Builder <jose@example.com> JB <old@example.com>\n".utf8)
            .write(to: URL(fileURLWithPath: repository.path + "/.mailmap"))
        var harness = try GitIngestHarness(repositories: [repository.path])
        harness.config.agents = [ReportConfig.Agent(id: "builder", authors: ["Jose\u{301} *"])]
        harness.config.exclude.authors = ["*[bot]"]
        #expect(try harness.ingest().rows == 3)
        let stored: [[UInt8]] = try harness.store.queue.read { db in
            try Row.fetchAll(db, sql: "SELECT author_name FROM git_commits ORDER BY commit_timestamp").map { row in
                Array((row[0] as String).utf8)
            }
        }
        #expect(stored == [Array(nfc.utf8), Array(nfd.utf8), Array(nfc.utf8)])
        #expect(try harness.value("SELECT COUNT(*) FROM git_commits WHERE agent_id = 'builder'") == 3)
        #expect(try harness.commit("Old address")?["author_email"] as String? == "jose@example.com")
        #expect(try harness.value("SELECT commits FROM git_exclusions WHERE kind = 'author'") == 1)
    }

    @Test func bytesThatAreNotUTF8AreReplacedAndNamed() throws {
        let repository = try TestRepository()
        try repository.commit("Root", files: ["a": "a\n"])
        // A Latin-1 message without an encoding header (git commit would re-encode it; other
        // tools write the bytes as they are), written as a commit object by hand.
        let tree = try repository.git(["rev-parse", "HEAD^{tree}"])
        let parent = try repository.git(["rev-parse", "HEAD"])
        var object = Data(
            "tree \(tree)\nparent \(parent)\nauthor A <a@x> 1772445600 +0000\ncommitter A <a@x> 1772445600 +0000\n\n"
                .utf8)
        object.append(contentsOf: [0x52, 0xE9, 0x73, 0x75, 0x6D, 0xE9, 0x20, 0x54, 0x41, 0x53, 0x4B, 0x2D, 0x38, 0x0A])
        let hash = try GitProcess(repository: repository.path).run(
            ["hash-object", "--literally", "-t", "commit", "-w", "--stdin"], input: object)
        try repository.git([
            "update-ref", "HEAD", String(decoding: hash, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines),
        ])
        let harness = try GitIngestHarness(repositories: [repository.path])
        let run = try harness.ingest()
        #expect(run.rows == 2)
        let warning = try #require(run.diagnostics.first { $0.message.contains("not UTF-8") })
        #expect(warning.severity == .warning && warning.message.hasPrefix("1 commit(s)"))
        #expect(
            try harness.value("SELECT COUNT(*) FROM git_commits WHERE message = 'R\u{FFFD}sum\u{FFFD} TASK-8'") == 1)
        #expect(try harness.value("SELECT COUNT(*) FROM commit_tasks WHERE task_id = 'TASK-8'") == 1)
    }

    // MARK: 6. time

    @Test func everyYearIsStoredRightAndTheFutureIsNamedButNotCounted() throws {
        let repository = try TestRepository()
        try repository.commit("Now-ish", at: "2026-03-03T09:00:00Z")
        try repository.commit("From 2099", at: "2099-01-01T00:00:00Z")
        try repository.commitObject("Before 1970", seconds: -1)
        try repository.commitObject("Year one", seconds: UTCTime.earliest)
        try repository.commitObject("Year 9999", seconds: UTCTime.latest)
        let harness = try GitIngestHarness(repositories: [repository.path])
        let run = try harness.ingest()
        #expect(run.rows == 5)
        #expect(try harness.commit("Before 1970")?["commit_timestamp"] as String? == "1969-12-31 23:59:59")
        #expect(try harness.commit("Year one")?["commit_timestamp"] as String? == "0001-01-01 00:00:00")
        #expect(try harness.commit("Year 9999")?["commit_timestamp"] as String? == "9999-12-31 23:59:59")
        #expect(try harness.commit("From 2099")?["commit_timestamp"] as String? == "2099-01-01 00:00:00")
        let future = try #require(run.diagnostics.first { $0.message.contains("dated after now") })
        #expect(future.severity == .warning && future.message.hasPrefix("2 commits are dated after now"))
        // Windows that end at "now" leave them out.
        let window = ReportWindow(days: RecentCommits.days, now: harness.now)
        let recent = try harness.store.queue.read { db in
            RecentCommits(try ReportQueries(db, now: harness.now).commits(in: window), window: window)
        }
        #expect(recent.commits.count == 1)
        #expect(recent.tally(in: ReportWindow(days: 7, now: harness.now)).commits == 1)
    }

    // MARK: 7. paths

    @Test func fileNamesAreExactForCountsAndExclusions() throws {
        let repository = try TestRepository()
        try repository.commit(
            "Odd names",
            files: [
                "node_modules/pkg/a => b.js": "1\n2\n3\n", "src/tab\there.swift": "x\n",
                "src/\"quoted\".swift": "y\ny\n",
            ])
        try repository.git(["mv", "src/tab\there.swift", "src/new\nline.swift"])
        try repository.commit("Rename to a newline", files: ["src/new\nline.swift": "x\nz\n"])
        var harness = try GitIngestHarness(repositories: [repository.path])
        harness.config.exclude.paths = ["node_modules/**", "src/new?line.swift"]
        #expect(try harness.ingest().rows == 2)
        let odd = try #require(try harness.commit("Odd names"))
        #expect(odd["files_changed"] as Int == 2 && odd["lines_added"] as Int == 3)
        let renamed = try #require(try harness.commit("Rename to a newline"))
        #expect(renamed["files_changed"] as Int == 0)
        #expect(try harness.value("SELECT lines_added FROM git_exclusions WHERE pattern = 'node_modules/**'") == 3)
    }

    // MARK: 8. CI checkouts

    @Test func detachedCheckoutWithOnlyRemoteAgentBranchesReadsHeadAndNamesTheRefs() throws {
        let repository = try threeAgentHistory()
        let clone = repository.scratch("job-4711")
        try repository.git(
            ["clone", "-q", "--no-local", "file://" + repository.path, clone], in: repository.scratch(""))
        try repository.git(["checkout", "-q", "--detach", "origin/main"], in: clone)
        try repository.git(["branch", "-q", "-D", "main"], in: clone)
        let harness = try GitIngestHarness(repositories: [clone])
        let run = try harness.ingest()
        #expect(run.rows == 5)
        let head = try #require(run.diagnostics.first { $0.message.contains("no ref matches refs/heads/*") })
        #expect(head.message.contains("main-worktree/HEAD (detached at"))
        let remote = try #require(run.diagnostics.first { $0.message.contains("only as remote-tracking refs") })
        #expect(remote.message.contains("refs/remotes/origin/agent-builder-1750106374"))
        #expect(remote.hint?.contains("\"refs/remotes/origin/*\"") == true)
        var detection: [Diagnostic] = []
        var config = ReportConfig(baseDirectory: clone)
        config.coordination.dir = "none"
        let found = AgentDetector(config: config).detect(diagnostics: &detection)
        #expect(found.refs == ["refs/heads/*", "refs/remotes/origin/*"])
        #expect(found.agents.map(\.id) == ["architect", "builder", "validator"])
    }
}
