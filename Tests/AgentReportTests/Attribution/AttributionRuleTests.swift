import Foundation
import Testing

@testable import AgentReport

/// The attribution service's rules, in order, on commits, branches, names and folders.
@Suite struct AttributionRuleTests {
    func service(_ agents: [ReportConfig.Agent] = [], worktrees: [GitWorktree] = [], base: String = "/x-test/team")
        -> AgentAttribution
    {
        var config = ReportConfig(baseDirectory: base)
        config.agents = agents
        return AgentAttribution(config: config, worktrees: worktrees)
    }

    func commit(
        _ name: String = "H", _ email: String = "h@x", _ text: String = "s", branch: String? = nil,
        worktree: String? = nil
    ) -> CommitFacts {
        CommitFacts(authorName: name, authorEmail: email, message: text, branch: branch, worktree: worktree)
    }

    @Test func configRulesComeFirstThenTrailerThenBranchPattern() {
        let attribution = service([
            ReportConfig.Agent(id: "builder", branches: ["feature/*"], authors: ["*@builder.dev"])
        ])
        let byAuthor = attribution.attribute(
            commit("B", "x@BUILDER.dev", "s\n\nAgent: validator", branch: "agents/architect"))
        #expect(byAuthor == Attribution(agent: "builder", rule: .configAuthor))
        let byBranch = attribution.attribute(commit("H", "h@x", "s\n\nAgent: validator", branch: "feature/x"))
        #expect(byBranch == Attribution(agent: "builder", rule: .configBranch))
        let byTrailer = attribution.attribute(commit("H", "h@x", "s\n\nagent:  Validator ", branch: "agents/architect"))
        #expect(byTrailer == Attribution(agent: "validator", rule: .trailer))
        let byPattern = attribution.attribute(
            commit("H", "h@x", "Agent: in the subject only", branch: "agent-architect-1750106374"))
        #expect(byPattern == Attribution(agent: "architect", rule: .branchPattern))
        let none = attribution.attribute(commit(branch: "main"))
        #expect(none == Attribution(agent: "unattributed", rule: .unattributed))
    }

    @Test func toolConventionsAttributeAfterTheConfig() {
        let attribution = service([ReportConfig.Agent(id: "reviewer", branches: ["claude/review-*"])])
        #expect(
            attribution.attribute(commit(branch: "worktree-builder"))
                == Attribution(agent: "builder", rule: .branchConvention))
        #expect(
            attribution.attribute(commit(branch: "claude/fix-login-011CUxyz"))
                == Attribution(agent: "claude", rule: .branchConvention))
        #expect(attribution.attribute(commit(branch: "codex/add-tests")).agent == "codex")
        #expect(attribution.attribute(commit(branch: "copilot/fix-123")).agent == "copilot")
        #expect(attribution.attribute(commit(branch: "cursor/refactor-abcd")).agent == "cursor")
        // A better name than the tool's: a branch rule on what follows the prefix.
        #expect(
            attribution.attribute(commit(branch: "codex/agent-validator-17"))
                == Attribution(agent: "validator", rule: .branchConvention))
        // Explicit config wins over the convention.
        #expect(
            attribution.attribute(commit(branch: "claude/review-api"))
                == Attribution(agent: "reviewer", rule: .configBranch))
        let claude = attribution.attribute(
            commit("H", "h@x", "Fix\n\nCo-Authored-By: Claude <noreply@anthropic.com>", branch: "main"))
        #expect(claude == Attribution(agent: "claude", rule: .coAuthor))
        let aider = attribution.attribute(
            commit("H", "h@x", "feat: x\n\nCo-authored-by: aider (openai/gpt-4o) <noreply@aider.chat>"))
        #expect(aider == Attribution(agent: "aider", rule: .coAuthor))
        let cursor = attribution.attribute(commit("H", "h@x", "x\n\nCo-authored-by: Cursor <cursoragent@cursor.com>"))
        #expect(cursor == Attribution(agent: "cursor", rule: .coAuthor))
        #expect(
            attribution.attribute(commit("Ann Lee (aider)", "ann@x"))
                == Attribution(agent: "aider", rule: .authorSuffix))
        // A human co-author is nobody's tool.
        #expect(
            attribution.attribute(commit("H", "h@x", "x\n\nCo-authored-by: Bob <bob@example.com>")).rule
                == .unattributed)
        // The branch names a better agent than the co-author trailer does.
        let both = attribution.attribute(
            commit("H", "h@x", "x\n\nCo-Authored-By: Claude <noreply@anthropic.com>", branch: "worktree-builder"))
        #expect(both == Attribution(agent: "builder", rule: .branchConvention))
    }

    @Test func worktreeFoldersAttributeByConfigThenConvention() {
        let attribution = service([ReportConfig.Agent(id: "builder", worktree: "agents/build*")])
        let configured = attribution.attribute(commit(branch: nil, worktree: "/x-test/team/agents/builder-1"))
        #expect(configured == Attribution(agent: "builder", rule: .configWorktree))
        let claude = attribution.attribute(commit(branch: nil, worktree: "/x-test/team/.claude/worktrees/tester"))
        #expect(claude == Attribution(agent: "tester", rule: .worktreeConvention))
        let codex = attribution.attribute(commit(branch: nil, worktree: "/home/u/.codex/worktrees/1a2b/team"))
        #expect(codex == Attribution(agent: "codex", rule: .worktreeConvention))
        #expect(
            attribution.attribute(commit(branch: nil, worktree: "/x-test/team/agents/validator")).agent == "validator")
        #expect(attribution.attribute(commit(branch: nil, worktree: "/x-test/team")).rule == .unattributed)
    }

    @Test func foldersInsideWorktreesAreTheirCheckoutsAgents() {
        let worktrees = [
            GitWorktree(
                repository: ".", path: "/x-test/team", head: "a", branch: "refs/heads/main", isDetached: false,
                isMain: true),
            GitWorktree(
                repository: ".", path: "/x-test/wt-3", head: "b", branch: "refs/heads/agent-builder-17",
                isDetached: false, isMain: false),
            GitWorktree(
                repository: ".", path: "/x-test/team/.claude/worktrees/fixer", head: "c",
                branch: "refs/heads/worktree-fixer", isDetached: false, isMain: false),
            GitWorktree(
                repository: ".", path: "/home/u/.codex/worktrees/9f/team", head: "d", branch: nil, isDetached: true,
                isMain: false),
        ]
        let attribution = service(worktrees: worktrees)
        #expect(attribution.agentId(forPath: "/x-test/wt-3/Sources/App") == "builder")
        #expect(attribution.agentId(forPath: "/x-test/team/.claude/worktrees/fixer/src") == "fixer")
        #expect(attribution.agentId(forPath: "/home/u/.codex/worktrees/9f/team") == "codex")
        #expect(attribution.agentId(forPath: "/x-test/team/Sources") == nil)
        #expect(attribution.worktree(containing: "/x-test/team/Sources")?.isMain == true)
        #expect(attribution.worktree(containing: "/x-test/wt-30") == nil)
        #expect(attribution.worktree(containing: "/elsewhere/project") == nil)
        #expect(attribution.worktrees.map { $0.agent?.agent } == [nil, "builder", "fixer", "codex"])
    }

    @Test func namesResolveToConfigAgentsWhateverTheirSpelling() {
        let attribution = service([
            ReportConfig.Agent(id: "builder", name: "Full-Stack Builder"),
            ReportConfig.Agent(id: "jose", name: "Jos\u{E9}"),
        ])
        #expect(attribution.agentId(forName: " full-stack builder ") == "builder")
        #expect(attribution.agentId(forName: "full-stack-builder") == "builder")
        // NFD "José" is the config's NFC "José".
        #expect(attribution.agentId(forName: "Jose\u{301}") == "jose")
        #expect(attribution.agentId(forName: "Validator") == "validator")
        #expect(attribution.agentId(forName: "all") == nil && attribution.agentId(forName: "*") == nil)
        #expect(attribution.agentId(forBranch: "refs/heads/agents/architect") == "architect")
    }

    @Test func authorGlobsMatchUnderCanonicalEquivalence() {
        let attribution = service([ReportConfig.Agent(id: "jose", authors: ["Jos\u{E9} *"])])
        #expect(attribution.attribute(commit("Jose\u{301} Lopez", "j@x")).agent == "jose")
        #expect(attribution.attribute(commit("Jos\u{E9} Lopez", "j@x")).agent == "jose")
        #expect(GlobPattern("*[bot]", caseInsensitive: true).matches("Ren\u{E9}[BOT]"))
        #expect(GlobPattern("docs/caf\u{E9}/**").matchesPath("docs/cafe\u{301}/menu.md"))
    }

    @Test func oneServiceAnswersFromManyThreadsAlike() async {
        let attribution = service([ReportConfig.Agent(id: "builder", authors: ["*builder*"])])
        let answers = await withTaskGroup(of: [String].self) { group in
            for task in 0..<8 {
                group.addTask {
                    (0..<200).map { index in
                        attribution.attribute(
                            CommitFacts(
                                authorName: index % 2 == 0 ? "builder-bot" : "human", authorEmail: "e\(task)@x",
                                message: "m",
                                branch: "agent-tester-\(index % 3)")
                        ).agent
                    }
                }
            }
            var all: [[String]] = []
            for await answer in group { all.append(answer) }
            return all
        }
        #expect(answers.count == 8)
        #expect(answers.allSatisfy { $0 == answers[0] })
        #expect(answers[0].prefix(2) == ["builder", "tester"])
    }
}
