import Testing

@testable import AgentReport

@Suite struct GitParsingTests {
    @Test(arguments: [
        ("node_modules/**", "node_modules/left-pad/index.js", true),
        ("node_modules/**", "web/node_modules/x.js", false),
        ("**/*.lock", "yarn.lock", true),
        ("**/*.lock", "web/app/Cargo.lock", true),
        ("**/*.lock", "yarn.locked", false),
        ("dist/**", "dist/app.js", true),
        ("dist/**", "distant/app.js", false),
        ("*.min.js", "web/static/app.min.js", true),
        ("src/*.swift", "src/deep/a.swift", false),
        ("src/?.swift", "src/a.swift", true),
    ])
    func pathGlobs(pattern: String, path: String, matches: Bool) {
        #expect(GlobPattern(pattern).matchesPath(path) == matches)
    }

    @Test func authorGlobBracketsAreLiteral() {
        let bots = GlobPattern("*[bot]", caseInsensitive: true)
        #expect(bots.matches("dependabot[bot]"))
        #expect(bots.matches("Renovate[BOT]"))
        #expect(!bots.matches("Scott"))
        #expect(!bots.matches("robot"))
    }

    @Test func refGlobsCrossSlashes() {
        let heads = GlobPattern("refs/heads/*", starCrossesSlash: true)
        #expect(heads.matches("refs/heads/agents/validator"))
        #expect(heads.matches("refs/heads/main"))
        #expect(!heads.matches("refs/tags/v1"))
        #expect(GlobPattern("agent-builder-*").matches("agent-builder-1750106374"))
    }

    @Test(
        arguments: [
            ("12\t3\tsrc/a.swift", 12, 3, "src/a.swift"),
            ("-\t-\tassets/logo.png", nil, nil, "assets/logo.png"),
            // -z prints names as they are: an arrow, a tab or a quote is part of the name.
            ("1\t0\tnode_modules/pkg/a => b.js", 1, 0, "node_modules/pkg/a => b.js"),
            ("4\t4\ttab\there \"é\".txt", 4, 4, "tab\there \"é\".txt"),
            ("1\t1\t", 1, 1, ""),
        ] as [(String, Int?, Int?, String)])
    func numstatRecords(record: String, added: Int?, deleted: Int?, path: String) throws {
        let entry = try #require(NumstatEntry(record: Array(record.utf8)[...]))
        #expect(entry == NumstatEntry(added: added, deleted: deleted, path: path))
    }

    @Test func notNumstatRecordsAreIgnored() {
        #expect(NumstatEntry(record: Array("".utf8)[...]) == nil)
        #expect(NumstatEntry(record: Array("x\t1\tpath".utf8)[...]) == nil)
    }

    @Test func parserSplitsCommitsKeepsMultiLineMessagesAndFollowsRenames() {
        let stream =
            "\u{1E}aaaa\u{1F}p1 p2\u{1F}1772445600\u{1F}Ann\u{1F}ann@example.com\u{1F}main\u{1F}Merge\n\u{1D}\0"
            + "\u{1E}bbbb\u{1F}p1\u{1F}1772445601\u{1F}Bob\u{1F}bob@example.com\u{1F}main\u{1F}Subject\n\nBody\nAgent: builder\n\u{1D}\0"
            + "\n1\t2\tf.txt\0-\t-\tg.bin\0" + "3\t1\t\0old => name\0new\nname\0"
            + "\u{1E}cccc\u{1F}\u{1F}\u{1F}Cy\u{1F}cy@example.com\u{1F}main\u{1F}Before 1970\n\u{1D}"
        var parser = GitLogParser()
        var commits: [ParsedCommit] = []
        for record in Array(stream.utf8).split(separator: 0, omittingEmptySubsequences: false) {
            if let commit = parser.feed(record) { commits.append(commit) }
        }
        if let last = parser.finish() { commits.append(last) }
        #expect(commits.map(\.hash) == ["aaaa", "bbbb", "cccc"])
        #expect(commits[0].parentCount == 2 && commits[0].files.isEmpty && commits[0].message == "Merge")
        #expect(commits[1].message == "Subject\n\nBody\nAgent: builder")
        #expect(commits[1].subject == "Subject")
        #expect(
            commits[1].files == [
                NumstatEntry(added: 1, deleted: 2, path: "f.txt"),
                NumstatEntry(added: nil, deleted: nil, path: "g.bin"),
                NumstatEntry(added: 3, deleted: 1, path: "new\nname"),
            ])
        #expect(commits[1].committerTime == 1_772_445_601)
        #expect(commits[2].committerTime == nil && commits[2].parentCount == 0)
    }
}
