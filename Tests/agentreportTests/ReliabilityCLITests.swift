import Foundation
import Testing

/// Issue 14, item 7, end to end: a database whose disk fills up mid-run is a fatal error
/// (exit 1, said on stderr), not a rejected input (exit 3 with an `input-rejected` alert).
@Suite struct ReliabilityCLITests {
    @Test func aFullDiskUnderTheDatabaseExitsOneAndRaisesNoInputAlert() throws {
        let directory = try CLI.exampleWorkspace()
        defer { try? FileManager.default.removeItem(at: directory) }
        // A 400 KB file-size limit: the schema fits, the samples do not. SIGXFSZ ignored, so
        // the write fails (EFBIG) as on a full disk instead of killing the process.
        let limit = ["/bin/bash", "-c", "ulimit -f 400; trap '' XFSZ; exec \"$0\" \"$@\""]
        let result = try CLI.run(["build", "--now", "2026-03-03T07:00:00Z"], in: directory, wrapper: limit)
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.contains("disk I/O error") || result.stderr.contains("full"), "\(result.stderr)")
        #expect(!result.stderr.contains("input problem"), "\(result.stderr)")
        let database = directory.appendingPathComponent("agentreport.sqlite")
        let alerts = try CLI.sqlite(database, "SELECT COUNT(*) FROM alerts WHERE fingerprint LIKE 'input-rejected%'")
        #expect(alerts == "0" || alerts.isEmpty, "\(alerts)")
        // Without the limit, the same workspace builds.
        #expect(try CLI.run(["build", "--now", "2026-03-03T07:00:00Z"], in: directory).status == 0)
    }
}
