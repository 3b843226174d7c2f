/// The marks that give severities and agent statuses a colour and a shape, always beside
/// the word (so they read in plain text, on GitHub and for colour-blind readers). Symbols
/// that default to a text form carry U+FE0F, which asks for the coloured (emoji) form.
enum Marks {
    /// `⛔ critical`, `🔴 error`, `🟠 warning`, `🔵 info`; other severities as they are.
    static func severity(_ severity: String) -> String {
        switch severity {
        case "critical": "⛔\u{FE0F}\u{00A0}critical"
        case "error": "🔴\u{00A0}error"
        case "warning": "🟠\u{00A0}warning"
        case "info": "🔵\u{00A0}info"
        default: severity
        }
    }

    /// `🟢 active`, `⚪ idle`, `🟠 blocked`, `🔴 error`, `⚫ offline`; others as they are.
    static func agentStatus(_ status: String) -> String {
        switch status {
        case "active": "🟢\u{00A0}active"
        case "idle": "⚪\u{FE0F}\u{00A0}idle"
        case "blocked": "🟠\u{00A0}blocked"
        case "error": "🔴\u{00A0}error"
        case "offline": "⚫\u{FE0F}\u{00A0}offline"
        default: status
        }
    }

    /// `🟢 healthy`, `🟠 degraded`, `🔴 unhealthy`; others as they are.
    static func health(_ status: String) -> String {
        switch status {
        case "healthy": "🟢\u{00A0}healthy"
        case "degraded": "🟠\u{00A0}degraded"
        case "unhealthy": "🔴\u{00A0}unhealthy"
        default: status
        }
    }
}
