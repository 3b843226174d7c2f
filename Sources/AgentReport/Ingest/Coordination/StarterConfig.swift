import Foundation

/// The starter `agentreport.json` that `agentreport init` writes: the defaults of DESIGN §2
/// spelled out, and the agents it detected.
public enum StarterConfig {
    /// The JSON text of a starter config listing the detected agents and the refs to read.
    public static func text(config: ReportConfig, detection: AgentDetector.Detection) -> String {
        let agents = detection.agents
        let c = config.coordination
        var lines = [
            "{",
            "  \"title\": \(JSONSupport.encode(config.title)),",
            "  \"coordination\": { \"dir\": \(JSONSupport.encode(c.dir)), \"taskBoard\": \(JSONSupport.encode(c.taskBoard)),",
            "                    \"progressLog\": \(JSONSupport.encode(c.progressLog)), \"memoryBank\": \(JSONSupport.encode(c.memoryBank)) },",
            "  \"repositories\": [ { \"path\": \".\", \"refs\": \(JSONSupport.encode(detection.refs)), \"boardHistory\": true } ],",
            "  \"metrics\": { \"dir\": \(JSONSupport.encode(config.metricsDir)) },",
        ]
        let entries = agents.map { agent -> String in
            var fields = ["\"id\": \(JSONSupport.encode(agent.id))"]
            if let name = agent.name { fields.append("\"name\": \(JSONSupport.encode(name))") }
            if !agent.branches.isEmpty { fields.append("\"branches\": \(JSONSupport.encode(agent.branches))") }
            if let worktree = agent.worktree { fields.append("\"worktree\": \(JSONSupport.encode(worktree))") }
            return "    { " + fields.joined(separator: ", ") + " }"
        }
        lines.append(
            entries.isEmpty ? "  \"agents\": []" : "  \"agents\": [\n" + entries.joined(separator: ",\n") + "\n  ]")
        lines.append("}")
        return lines.joined(separator: "\n") + "\n"
    }
}
