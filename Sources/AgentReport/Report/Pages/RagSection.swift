import Foundation

/// The RAG memory bank section of the health page: the latest query metrics, hit rate over
/// time, stored patterns per agent, top tags and pattern count over time.
struct RagSection {
    /// The hit-rate and pattern-count charts.
    let charts: [SVGChart]
    /// What the template sees.
    let view: HealthView.Rag

    /// The section for the `days` days ending with the day of `now`, for a page at `path`.
    init(_ facts: RagFacts, now: Int64, days: Int, from path: String) {
        let last = Figures.day(now)
        let first = last - Int64(days) + 1
        let labels = (first...last).map { Figures.shortDate(ofDay: $0) }
        let range = "\(Figures.date(ofDay: first)) to \(Figures.date(ofDay: last))"
        var hitRate = [Double?](repeating: nil, count: days)
        for day in facts.daily {
            guard let seconds = Figures.seconds(day.date) else { continue }
            let index = Int(Figures.day(seconds) - first)
            guard index >= 0, index < days else { continue }
            hitRate[index] = day.hitRate.map { $0 * 100 }
        }
        let hitChart = SVGChart(
            fileName: "rag-hit-rate.svg", title: "RAG hit rate per day",
            summary: "Average share of memory-bank queries that found a pattern, in percent, per day, \(range).",
            kind: .lines, labels: labels, series: [.init(name: "hit rate %", values: hitRate, colour: 2)],
            unit: " %", fixedMaximum: 100)
        var added = [Int](repeating: 0, count: days)
        for day in facts.patternsAdded {
            guard let seconds = Figures.seconds(day.date) else { continue }
            let index = Int(Figures.day(seconds) - first)
            if index >= 0, index < days { added[index] += day.count }
        }
        var running = facts.patternsBefore
        let cumulative = added.map { count -> Double? in
            running += count
            return running > 0 ? Double(running) : nil
        }
        let patternChart = SVGChart(
            fileName: "rag-patterns.svg", title: "Stored patterns over time",
            summary: "Patterns in the memory bank at the end of each day, \(range): \(running) at the end.",
            kind: .lines, labels: labels, series: [.init(name: "patterns", values: cumulative, colour: 4)])
        charts = [hitChart, patternChart]
        view = HealthView.Rag(
            latest: facts.latest.map { sample in
                HealthView.RagLatest(
                    time: sample.time, patterns: sample.patterns, queries: sample.queries,
                    responseTime: Figures.fixed(sample.responseTime, 1, suffix: " ms"),
                    hitRate: Figures.fixed(sample.hitRate.map { $0 * 100 }, 0, suffix: " %"), volume: sample.volume,
                    memory: Figures.bytes(sample.memoryBytes), topPatterns: sample.topPatterns.joined(separator: "; "))
            },
            total: facts.total,
            perAgent: facts.perAgent.map {
                HealthView.PatternAgent(agentId: $0.agentId, count: $0.count, last: $0.last ?? "—")
            },
            tags: facts.tags.map { HealthView.Tag(tag: $0.tag, count: $0.count) },
            hitChart: hitChart.reference(from: path), patternChart: patternChart.reference(from: path))
    }
}
