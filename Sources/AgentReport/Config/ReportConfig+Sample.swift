import Foundation

extension ReportConfig {
    /// The collector's settings (`sample` in `agentreport.json`, docs/configuration.md):
    /// what `agentreport sample` checks and how it decides an agent's status, and which
    /// commands `agentreport hook` records as checks.
    public struct Sample: Sendable, Equatable {
        /// An agent with a process in its worktree is `active` when its last activity is at
        /// most this many minutes old, else `idle`.
        public var activeMinutes: Double = 10
        /// The longest a `git` command of one sample may run, in seconds.
        public var gitTimeoutSeconds: Double = 10
        /// The health checks of every sample, in order.
        public var checks: [HealthCheck] = []
        /// The commands the hook records as checks: each is a list of leading words
        /// (`swift test` matches `swift test --filter X`), tried in order.
        public var checkCommands: [String] = Self.defaultCheckCommands

        /// The defaults of `checkCommands`: the usual test and build commands of Swift,
        /// JavaScript, Python, Rust, Go, C/C++, JVM and .NET projects. More specific first
        /// (`make test` before `make`).
        public static let defaultCheckCommands = [
            "swift test", "swift build",
            "npm test", "npm run test", "npm run build", "npm run lint", "npx jest", "npx vitest", "npx tsc",
            "yarn test", "yarn build", "pnpm test", "pnpm run test", "pnpm build", "pnpm run build", "bun test",
            "jest", "vitest", "tsc",
            "pytest", "python -m pytest", "python3 -m pytest", "uv run pytest", "tox", "ruff check", "mypy",
            "cargo test", "cargo nextest", "cargo build", "cargo check", "cargo clippy",
            "go test", "go build", "go vet",
            "make test", "make check", "make", "ctest", "cmake --build", "ninja",
            "mvn test", "mvn verify", "mvn package", "gradle test", "gradle build", "./gradlew test", "./gradlew build",
            "dotnet test", "dotnet build",
            "bundle exec rspec", "rspec", "rake test",
        ]

        /// The defaults.
        public init() {}
    }

    /// One health check of `sample.checks`: an HTTP GET, a TCP connect or a command, each
    /// bounded by `timeout`.
    public struct HealthCheck: Sendable, Equatable {
        /// What a check does.
        public enum Kind: String, Sendable, Equatable, CaseIterable {
            /// `GET url`: passes on a 2xx or 3xx answer in time; its time is an API latency.
            case http
            /// A TCP connection to `host:port` in time.
            case tcp
            /// `/bin/sh -c command` in the config's folder exits 0 in time.
            case command
        }

        /// The name in the sample's `details` (default: the URL, `host:port` or command).
        public var name: String
        public var kind: Kind
        /// For `http`: an `http://` or `https://` URL.
        public var url: String?
        /// For `tcp`.
        public var host: String?
        public var port: Int?
        /// For `command`: a shell command line.
        public var command: String?
        /// Seconds before the check counts as failed (default 5).
        public var timeout: Double = 5

        /// A check of `kind` named `name`; the target fields are set by the caller.
        public init(name: String, kind: Kind) {
            self.name = name
            self.kind = kind
        }
    }
}
