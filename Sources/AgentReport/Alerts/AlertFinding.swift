/// A condition a rule found to hold at "now": what the alert says, and the evidence.
public struct AlertFinding: Sendable, Equatable {
    /// The rule that found it.
    public var rule: AlertRule
    /// What the alert is about: an agent id, a task id, `system`, `memory-bank`, `team`, a file.
    public var subject: String
    /// The seed's severity.
    public var severity: AlertSeverity
    /// A short, stable title (it does not change while the condition holds).
    public var title: String
    /// The full sentence, naming the evidence (sample time, task, last activity).
    public var message: String
    /// The evidence as a JSON object (compact, sorted keys).
    public var evidence: String
    /// When the condition began (epoch seconds), when the rule can tell: earlier than the
    /// build that notices it. Nil means "when first noticed".
    public var since: Int64?

    /// A finding; `evidence` is encoded as JSON.
    public init(
        rule: AlertRule, subject: String, severity: AlertSeverity, title: String, message: String,
        evidence: [String: Any],
        since: Int64? = nil
    ) {
        self.rule = rule
        self.subject = subject
        self.severity = severity
        self.title = title
        self.message = message
        self.evidence = JSONSupport.encode(evidence)
        self.since = since
    }

    /// `<rule>:<subject>`, stable across builds.
    public var fingerprint: String { "\(rule.rawValue):\(subject)" }
}
