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

    @Test(arguments: [
        ("12\t3\tsrc/a.swift", 12, 3, "src/a.swift"),
        ("-\t-\tassets/logo.png", nil, nil, "assets/logo.png"),
        ("0\t0\told.txt => new.txt", 0, 0, "new.txt"),
        ("1\t1\tsrc/{api.swift => server.swift}", 1, 1, "src/server.swift"),
        ("2\t0\t{ => lib}/util.swift", 2, 0, "lib/util.swift"),
        ("2\t0\tlib/{old => }/util.swift", 2, 0, "lib/util.swift"),
        ("4\t4\t\"tab\\there \\303\\251.txt\"", 4, 4, "tab\there é.txt"),
    ] as [(String, Int?, Int?, String)])
    func numstatLines(line: String, added: Int?, deleted: Int?, path: String) throws {
        let entry = try #require(NumstatEntry(line: Array(line.utf8)[...]))
        #expect(entry == NumstatEntry(added: added, deleted: deleted, path: path))
    }

    @Test func notNumstatLinesAreIgnored() {
        #expect(NumstatEntry(line: Array("".utf8)[...]) == nil)
        #expect(NumstatEntry(line: Array("x\t1\tpath".utf8)[...]) == nil)
    }

    @Test func parserSplitsCommitsAndKeepsMultiLineMessages() {
        let text = "\u{1E}aaaa\u{1F}p1 p2\u{1F}1772445600\u{1F}Ann\u{1F}ann@example.com\u{1F}main\u{1F}Merge\n\u{1D}\n"
            + "\u{1E}bbbb\u{1F}p1\u{1F}1772445601\u{1F}Bob\u{1F}bob@example.com\u{1F}main\u{1F}Subject\n\nBody\nAgent: builder\n\u{1D}\n\n1\t2\tf.txt\n-\t-\tg.bin\n"
        var parser = GitLogParser()
        var commits: [ParsedCommit] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if let commit = parser.feed(Array(line.utf8)[...]) { commits.append(commit) }
        }
        if let last = parser.finish() { commits.append(last) }
        #expect(commits.map(\.hash) == ["aaaa", "bbbb"])
        #expect(commits[0].parentCount == 2 && commits[0].files.isEmpty && commits[0].message == "Merge")
        #expect(commits[1].message == "Subject\n\nBody\nAgent: builder")
        #expect(commits[1].subject == "Subject")
        #expect(commits[1].files == [NumstatEntry(added: 1, deleted: 2, path: "f.txt"), NumstatEntry(added: nil, deleted: nil, path: "g.bin")])
        #expect(commits[1].committerTime == 1_772_445_601)
    }

    @Test func attributionPrefersConfigThenTrailerThenBranchPattern() {
        var config = ReportConfig(baseDirectory: "/")
        config.agents = [ReportConfig.Agent(id: "builder", branches: ["feature/*"], authors: ["*@builder.dev"])]
        var attributor = CommitAttributor(config: config)
        let byAuthor = attributor.attribute(authorName: "B", authorEmail: "x@BUILDER.dev", message: "s\n\nAgent: validator", branch: "agents/architect")
        #expect(byAuthor.agent == "builder" && byAuthor.rule == .configAuthor)
        let byBranch = attributor.attribute(authorName: "H", authorEmail: "h@x", message: "s\n\nAgent: validator", branch: "feature/x")
        #expect(byBranch.agent == "builder" && byBranch.rule == .configBranch)
        let byTrailer = attributor.attribute(authorName: "H", authorEmail: "h@x", message: "s\n\nagent:  Validator ", branch: "agents/architect")
        #expect(byTrailer.agent == "validator" && byTrailer.rule == .trailer)
        let byPattern = attributor.attribute(authorName: "H", authorEmail: "h@x", message: "Agent: in the subject only", branch: "agent-architect-1750106374")
        #expect(byPattern.agent == "architect" && byPattern.rule == .branchPattern)
        let none = attributor.attribute(authorName: "H", authorEmail: "h@x", message: "s", branch: "main")
        #expect(none.agent == "unattributed" && none.rule == .unattributed)
    }
}
