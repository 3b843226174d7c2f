import Foundation

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
        /// What the database knows of the agent.
        var record: AgentRecord
    }

    let entries: [Entry]
    private let byId: [String: Entry]

    /// The directory of `records` (sorted by id); ids are sanitised before they become file
    /// names and two ids that sanitise alike get distinct names.
    init(_ records: [AgentRecord]) {
        var used: Set<String> = ["index"]
        var entries: [Entry] = []
        for record in records {
            var stem = record.id.safeFileComponent
            if used.contains(stem.lowercased()) {
                var number = 2
                while used.contains("\(stem)-\(number)".lowercased()) { number += 1 }
                stem = "\(stem)-\(number)"
            }
            used.insert(stem.lowercased())
            entries.append(
                Entry(
                    id: record.id, name: record.name ?? record.id, path: "agents/" + stem, fileStem: stem,
                    record: record))
        }
        self.entries = entries
        byId = Dictionary(entries.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// The entry of `id`, if the agent is known.
    func entry(_ id: String?) -> Entry? { id.flatMap { byId[$0] } }

    /// A link to the agent `id` from a page at `pagePath`: its page when it has one; the
    /// whole team for nil.
    func link(_ id: String?, from pagePath: String) -> AgentLink {
        guard let id else { return AgentLink(name: "team", href: nil, hasPage: false) }
        guard let entry = byId[id] else { return AgentLink(name: id, href: nil, hasPage: false) }
        return AgentLink(name: entry.id, href: ReportPage.root(of: pagePath) + entry.path + ".md", hasPage: true)
    }
}
