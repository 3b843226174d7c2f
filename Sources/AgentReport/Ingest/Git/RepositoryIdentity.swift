import Foundation
import GRDB

/// How a configured repository is known in the database, so that everything remembered
/// about it survives moving, copying or re-cloning the workspace (DESIGN §3): by
/// `repositories[].path` **as written** (`.`, never the absolute path it resolves to) and
/// its **root commits** (which every clone of the history shares).
///
/// The key is the path as written. When a different repository appears at that path (its
/// history shares no root commit with the one remembered there), it gets its own key,
/// `<path>#<first 12 hex digits of its first root commit>`, so the two never mix; when the
/// path as written changes but the history is the same (the config now says `../app`
/// instead of `.`), the remembered key is kept and its path updated.
enum RepositoryIdentity {
    /// The key of `repository`, whose git is `git` and whose refs now point at `tips`,
    /// creating or updating its row. A shallow clone cannot show the roots remembered for its
    /// path (its history is cut short), so there the path as written decides alone.
    ///
    /// A remembered ref tip that is a current tip proves the history is the one remembered
    /// at that path without asking git: an unchanged repository costs no process here.
    static func key(
        for repository: ReportConfig.Repository, git: GitProcess, isShallow: Bool, tips: Set<String>,
        config: ReportConfig, now: Int64, in db: Database
    ) throws -> String {
        let rows = try ReportStore.repositoryRows(in: db)
        let configured = Set(config.repositories.map(\.path))
        let samePath = rows.filter { $0.path == repository.path }
        for row in samePath where !row.roots.isEmpty {
            if try ReportStore.gitRefTips(of: row.key, in: db).values.contains(where: tips.contains) {
                try ReportStore.saveRepository(key: row.key, path: repository.path, roots: [], at: now, in: db)
                return row.key
            }
        }
        let moved = rows.filter { !configured.contains($0.path) && !$0.roots.isEmpty }
        // One look at the object store answers for every remembered root.
        let present = try existing(Array(Set((samePath + moved).flatMap(\.roots))).sorted(), git: git)
        if let row = samePath.first(where: {
            isShallow || $0.roots.isEmpty || $0.roots.contains(where: present.contains)
        })
            ?? moved.first(where: { $0.roots.contains(where: present.contains) })
        {
            try ReportStore.saveRepository(
                key: row.key, path: repository.path, roots: row.roots.isEmpty ? try roots(git: git) : [], at: now,
                in: db)
            return row.key
        }
        let roots = try roots(git: git)
        var key = repository.path
        if rows.contains(where: { $0.key == key }) {
            key += "#" + String((roots.first ?? "new").prefix(12))
            var suffix = 2
            while rows.contains(where: { $0.key == key }) {
                key = repository.path + "#\(suffix)"
                suffix += 1
            }
        }
        try ReportStore.saveRepository(key: key, path: repository.path, roots: roots, at: now, in: db)
        return key
    }

    /// The repository's root commits (a shallow clone's boundary commits count as roots:
    /// they are where its history starts); empty for a repository without commits.
    static func roots(git: GitProcess) throws -> [String] {
        let output = (try? git.text(["rev-list", "--max-parents=0", "--all", "--"])) ?? ""
        return output.split(separator: "\n").map(String.init).sorted()
    }

    /// Which of `commits` the repository has.
    static func existing(_ commits: [String], git: GitProcess) throws -> Set<String> {
        guard !commits.isEmpty else { return [] }
        let output = try git.run(
            ["cat-file", "--batch-check"], input: Data((commits.joined(separator: "\n") + "\n").utf8))
        return Set(
            String(decoding: output, as: UTF8.self).split(separator: "\n").compactMap { line in
                let fields = line.split(separator: " ")
                return fields.count >= 2 && fields[1] == "commit" ? String(fields[0]) : nil
            })
    }
}
