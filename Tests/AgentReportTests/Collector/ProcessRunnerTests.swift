import Foundation
import Testing

@testable import AgentReport

/// The collector's time-bounded process runner.
@Suite struct ProcessRunnerTests {
    @Test func aCommandThatOutlivesItsTimeIsStoppedWithEverythingItStarted() throws {
        let marker = NSTemporaryDirectory() + "runner-\(UUID().uuidString)"
        let started = ProcessRunner.monotonicSeconds()
        // A grandchild that would write the marker after 2 s: stopping only the shell leaves it running.
        let outcome = try ProcessRunner.run(
            "/bin/sh", ["-c", "(sleep 2; touch \(marker)) & sleep 30"], timeout: 0.3)
        let elapsed = ProcessRunner.monotonicSeconds() - started
        #expect(outcome.timedOut)
        #expect(outcome.status == nil)
        #expect(elapsed < 15, "stopped at its time bound, not when it ended (30 s)")
        Thread.sleep(forTimeInterval: 2.5)
        #expect(!FileManager.default.fileExists(atPath: marker), "the whole process group was stopped")
    }

    @Test func statusOutputAndErrorsAreKeptUpToTheLimit() throws {
        let outcome = try ProcessRunner.run(
            "/bin/sh", ["-c", "head -c 100000 /dev/zero | tr '\\0' x; echo oops >&2; exit 3"], timeout: 10,
            outputLimit: 1000)
        #expect(outcome.status == 3)
        #expect(!outcome.timedOut)
        #expect(outcome.output.count == 1000, "the rest is read and dropped, never blocking the command")
        #expect(outcome.firstErrorLine == "oops")
        #expect(!outcome.succeeded)
    }

    @Test func toolsGetACleanEnvironmentAndTheirWorkingDirectory() throws {
        let folder = CanonicalPath.resolve(NSTemporaryDirectory())
        let environment = ProcessRunner.toolEnvironment(["GIT_DIR": "/elsewhere", "LC_ALL": "fr_FR.UTF-8", "KEEP": "1"])
        let outcome = try ProcessRunner.run(
            "/bin/sh", ["-c", "echo \"${GIT_DIR:-none} $LC_ALL $GIT_OPTIONAL_LOCKS $KEEP $(pwd -P)\""],
            directory: folder,
            environment: environment, timeout: 10)
        #expect(String(decoding: outcome.output, as: UTF8.self) == "none C 0 1 \(folder)\n")
    }

    @Test func aMissingExecutableIsALaunchErrorOrAFailedStatus() {
        let result = Result { try ProcessRunner.run("/nonexistent/tool", [], timeout: 1) }
        switch result {
        case .failure: break
        case .success(let outcome): #expect(outcome.status != 0)
        }
    }
}
