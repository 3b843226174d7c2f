/// The words the demo builds titles, messages and code from.
enum DemoText {
    /// Verbs for task titles and commit subjects.
    static let verbs = ["Implement", "Add", "Refactor", "Fix", "Document", "Test", "Harden", "Speed up", "Simplify", "Validate"]
    /// What the work is about.
    static let objects = [
        "session refresh", "token rotation", "rate limiter", "audit log", "search index", "export to CSV",
        "retry policy", "health endpoint", "pagination", "schema migration", "cache invalidation",
        "webhook delivery", "error pages", "settings screen", "import pipeline", "permissions model",
        "notification queue", "billing report", "feature flags", "backup job",
    ]
    /// Conventional-commit types.
    static let commitTypes = ["feat", "feat", "fix", "refactor", "test", "docs", "perf", "chore"]
    /// Tags besides the area.
    static let tags = ["api", "ui", "infra", "tests", "docs", "security", "performance", "tech-debt"]
    /// Priorities, common ones repeated.
    static let priorities = ["LOW", "MEDIUM", "MEDIUM", "HIGH", "HIGH", "CRITICAL"]
    /// Sprint names.
    static let sprintNames = ["Foundations", "Session service", "Hardening", "Reporting", "Polish", "Scale-out", "Onboarding", "Observability"]
    /// Identifiers for generated code lines.
    static let identifiers = [
        "session", "token", "cache", "request", "response", "queue", "limit", "store", "index", "record",
        "config", "user", "event", "batch", "buffer", "handler", "route", "result", "entry", "state",
    ]
    /// What blocks tasks.
    static let blockers = [
        "Waiting for the API contract to be approved", "Needs staging credentials from ops",
        "Upstream library bug, fix pending", "Waiting for the schema migration to land",
    ]
    /// Review feedback.
    static let feedback = [
        "Changes requested: missing tests for the error path", "Changes requested: the migration is not reversible",
        "Changes requested: naming does not follow the API guide",
    ]
    /// Pattern titles for the memory bank.
    static let patterns = [
        "Reversible migrations with GRDB", "Retry with jittered backoff", "Layered service layout",
        "Table-driven validation tests", "Idempotent webhook handlers", "Cursor-based pagination",
        "Structured error responses", "Feature flags per tenant", "Background job leases",
    ]
    /// Questions asked of the memory bank.
    static let queries = [
        "how do we lay out services", "migration rollback", "retry policy for webhooks",
        "pagination cursor format", "error response shape", "feature flag naming",
    ]
}
