import Foundation
import GRDB

/// The RAG memory bank section of the health page: the latest query metrics, hit rate over
/// time, stored patterns per agent, top tags and pattern count over time.
struct RagValues {
    let charts: [SVGChart]
    private var values: [String: Any] = [:]

    /// Reads `days` days ending with the day of `data.now`.
    init(_ data: ReportData, days: Int) throws {
        let db = data.db
        let last = Figures.day(data.now)
        let first = last - Int64(days) + 1
        let labels = (first...last).map { Figures.shortDate(ofDay: $0) }
        let range = "\(Figures.date(ofDay: first)) to \(Figures.date(ofDay: last))"
        if let row = try Row.fetchOne(db, sql: "SELECT * FROM rag_metrics ORDER BY timestamp DESC, id DESC LIMIT 1") {
            values["latest"] = [
                "time": row["timestamp"] as String? ?? "", "patterns": row["total_patterns"] as Int? ?? 0,
                "queries": row["total_queries"] as Int? ?? 0,
                "responseTime": Figures.fixed(row["average_response_time"] as Double?, 1, suffix: " ms"),
                "hitRate": Figures.fixed((row["hit_rate"] as Double?).map { $0 * 100 }, 0, suffix: " %"),
                "volume": row["query_volume_last_hour"] as Int? ?? 0,
                "memory": Figures.bytes(row["memory_usage"]),
                "topPatterns": TaskQueries.strings(row["top_patterns"]).joined(separator: "; "),
            ]
        }
        var hitRate = [Double?](repeating: nil, count: days)
        var responseTime = [Double?](repeating: nil, count: days)
        for row in try Row.fetchAll(db, sql: """
            SELECT date(timestamp) AS d, AVG(hit_rate) AS hit, AVG(average_response_time) AS response
            FROM rag_metrics WHERE timestamp >= ? GROUP BY d
            """, arguments: [Figures.date(ofDay: first)]) {
            guard let seconds = Figures.seconds(row["d"] as String? ?? "") else { continue }
            let index = Int(Figures.day(seconds) - first)
            guard index >= 0, index < days else { continue }
            hitRate[index] = (row["hit"] as Double?).map { $0 * 100 }
            responseTime[index] = row["response"]
        }
        let hitChart = SVGChart(
            fileName: "rag-hit-rate.svg", title: "RAG hit rate per day",
            summary: "Average share of memory-bank queries that found a pattern, in percent, per day, \(range).",
            kind: .lines, labels: labels, series: [.init(name: "hit rate %", values: hitRate, colour: 2)],
            unit: " %", fixedMaximum: 100)
        let before = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM memory_patterns WHERE timestamp < ?",
                                      arguments: [Figures.date(ofDay: first)]) ?? 0
        var added = [Int](repeating: 0, count: days)
        for row in try Row.fetchAll(db, sql: """
            SELECT date(timestamp) AS d, COUNT(*) AS n FROM memory_patterns WHERE timestamp >= ? GROUP BY d
            """, arguments: [Figures.date(ofDay: first)]) {
            guard let seconds = Figures.seconds(row["d"] as String? ?? "") else { continue }
            let index = Int(Figures.day(seconds) - first)
            if index >= 0, index < days { added[index] += row["n"] as Int? ?? 0 }
        }
        var running = before
        let cumulative = added.map { count -> Double? in
            running += count
            return running > 0 ? Double(running) : nil
        }
        let patternChart = SVGChart(
            fileName: "rag-patterns.svg", title: "Stored patterns over time",
            summary: "Patterns in the memory bank at the end of each day, \(range): \(running) at the end.",
            kind: .lines, labels: labels, series: [.init(name: "patterns", values: cumulative, colour: 4)])
        charts = [hitChart, patternChart]
        values["total"] = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM memory_patterns") ?? 0
        values["perAgent"] = try Row.fetchAll(db, sql: """
            SELECT COALESCE(agent_id, '') AS a, COUNT(*) AS n, MAX(timestamp) AS last FROM memory_patterns
            GROUP BY a ORDER BY n DESC, a
            """).map { ["agentId": $0["a"] as String? ?? "", "count": $0["n"] as Int? ?? 0, "last": $0["last"] as String? ?? "—"] }
        values["tags"] = try Row.fetchAll(db, sql: """
            SELECT j.value AS tag, COUNT(*) AS n FROM memory_patterns, json_each(memory_patterns.tags) j
            WHERE json_valid(memory_patterns.tags) GROUP BY tag ORDER BY n DESC, tag LIMIT 10
            """).map { ["tag": $0["tag"] as String? ?? "", "count": $0["n"] as Int? ?? 0] }
    }

    /// The template values, with chart references for a page at `path`.
    func values(from path: String) -> [String: Any] {
        var result = values
        for (key, chart) in zip(["hitChart", "patternChart"], charts) {
            if let reference = chart.reference(from: path) { result[key] = reference }
        }
        return result
    }
}
