import Foundation
import GRDB

/// Every agent the reports know — from the `agents` table and any id that appears in
/// commits or samples — with the file name of its page.
struct AgentDirectory {
    /// One agent and where its page lives.
    struct Entry {
        var id: String
        var name: String
        /// Output path of the agent's page without extension (`agents/builder`).
        var path: String
        /// File-name-safe form of the id, for chart names.
        var fileStem: String
    }

    let entries: [Entry]
    private let byId: [String: Entry]

    /// Reads the agents, sorted by id; ids are sanitised before they become file names and
    /// two ids that sanitise alike get distinct names.
    init(_ db: Database) throws {
        let rows = try Row.fetchAll(db, sql: """
            SELECT a.id, MAX(a.name) AS name FROM (
              SELECT id, name FROM agents
              UNION ALL SELECT DISTINCT agent_id, NULL FROM git_commits
              UNION ALL SELECT DISTINCT agent_id, NULL FROM agent_metrics
              UNION ALL SELECT DISTINCT agent_id, NULL FROM agent_metrics_daily
            ) a WHERE a.id IS NOT NULL GROUP BY a.id ORDER BY a.id
            """)
        var used: Set<String> = ["index"]
        var entries: [Entry] = []
        for row in rows {
            let id: String = row["id"]
            var stem = id.safeFileComponent
            if used.contains(stem.lowercased()) {
                var number = 2
                while used.contains("\(stem)-\(number)".lowercased()) { number += 1 }
                stem = "\(stem)-\(number)"
            }
            used.insert(stem.lowercased())
            let name: String? = row["name"]
            entries.append(Entry(id: id, name: name ?? id, path: "agents/" + stem, fileStem: stem))
        }
        self.entries = entries
        byId = Dictionary(entries.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// The entry of `id`, if the agent is known.
    func entry(_ id: String?) -> Entry? { id.flatMap { byId[$0] } }

    /// Template values for a link to the agent `id` from a page at `pagePath`
    /// (`name`, and `href` when the agent has a page).
    func link(_ id: String?, from pagePath: String) -> [String: Any] {
        guard let id else { return ["name": "team", "hasPage": false] }
        guard let entry = byId[id] else { return ["name": id, "hasPage": false] }
        return ["name": entry.id, "href": ReportPage.root(of: pagePath) + entry.path + ".md", "hasPage": true]
    }
}
