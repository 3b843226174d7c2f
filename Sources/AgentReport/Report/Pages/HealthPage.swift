import Foundation

/// The `health` page: system health over time, RAG patterns and query metrics, retention state.
enum HealthPage {
    /// Days the health and RAG charts show.
    static let days = 30

    /// What the page reads.
    struct Input {
        /// System health per day over the window.
        var health: HealthDays
        var rag: RagFacts
        var retention: [RetentionRecord]
        var lastRetentionRun: String?
    }

    /// Reads the page's input.
    static func input(from queries: ReportQueries, facts: ReportFacts) throws -> Input {
        let start = Figures.date(ofDay: Figures.day(facts.now) - Int64(days) + 1)
        let hours = try queries.healthHours(from: start)
        return Input(
            health: HealthDays(aggregated: hours.aggregated, detail: hours.detail, count: days, now: facts.now),
            rag: try queries.ragFacts(from: start), retention: try queries.retentionRecords(),
            lastRetentionRun: try queries.lastRetentionRun())
    }

    /// The page.
    static func page(_ input: Input, facts: ReportFacts) -> ReportPage {
        let path = "health"
        let health = input.health
        let labels = health.window.map { Figures.shortDate(ofDay: $0) }
        let range =
            "\(Figures.date(ofDay: health.window.first ?? 0)) to \(Figures.date(ofDay: health.window.last ?? 0))"
        let latency = SVGChart(
            fileName: "health-latency.svg", title: "API latency per day",
            summary: "Average and highest API latency in milliseconds per day, \(range).",
            kind: .lines, labels: labels,
            series: [
                .init(name: "average ms", values: health.window.map { health.days[$0]?.avgLatency }, colour: 0),
                .init(name: "highest ms", values: health.window.map { health.days[$0]?.maxLatency }, colour: 1),
            ],
            unit: " ms")
        let errors = SVGChart(
            fileName: "health-errors.svg", title: "Errors per day",
            summary:
                "Errors reported by system health samples per day, \(range): \(health.days.values.reduce(0) { $0 + $1.errors }) in all.",
            kind: .bars, labels: labels,
            series: [
                .init(
                    name: "errors", values: health.window.map { health.days[$0].map { Double($0.errors) } }, colour: 3)
            ])
        let cpu = SVGChart(
            fileName: "health-cpu.svg", title: "System cpu per day",
            summary: "Average system cpu in percent per day, \(range).",
            kind: .lines, labels: labels,
            series: [.init(name: "cpu %", values: health.window.map { health.days[$0]?.avgCPU }, colour: 0)],
            unit: " %", fixedMaximum: 100)
        let rag = RagSection(input.rag, now: facts.now, days: days, from: path)
        let healthDays = health.window.reversed().compactMap { day -> HealthView.DayRow? in
            guard let value = health.days[day] else { return nil }
            return HealthView.DayRow(
                date: Figures.date(ofDay: day), worst: value.worst, samples: value.samples,
                latency: Figures.fixed(value.avgLatency, 1),
                errors: value.errors, cpu: Figures.fixed(value.avgCPU, 1),
                memory: value.sizeCount > 0 ? Figures.bytes(Int64(value.memorySum / Double(value.sizeCount))) : "—",
                disk: value.sizeCount > 0 ? Figures.bytes(Int64(value.diskSum / Double(value.sizeCount))) : "—")
        }.prefix(14)
        let view = HealthView(
            healthDays: Array(healthDays), latencyChart: latency.reference(from: path),
            errorChart: errors.reference(from: path),
            cpuChart: cpu.reference(from: path), rag: rag.view,
            retention: input.retention.map { record in
                HealthView.RetentionRow(
                    label: record.label, oldestDetail: record.oldestDetail ?? "—",
                    oldestAggregate: record.oldestAggregate ?? "—",
                    aggregated: record.aggregated, removed: record.removed, lastRun: input.lastRetentionRun ?? "never")
            },
            lastRetentionRun: input.lastRetentionRun ?? "never")
        return ReportPage(
            path: path, template: "health", title: "Health", view: view, site: facts.site(for: path),
            charts: [latency, errors, cpu] + rag.charts)
    }
}
