import Foundation
import GRDB

/// The `health` page: system health over time, RAG patterns and query metrics, retention state.
enum HealthPage {
    /// Days the health and RAG charts show.
    static let days = 30

    /// The page and its charts.
    static func build(_ data: ReportData) throws -> ReportPage {
        let path = "health"
        var context = try data.common(path: path)
        let health = try HealthDays(data.db, count: days, now: data.now)
        let labels = health.window.map { Figures.shortDate(ofDay: $0) }
        let range = "\(Figures.date(ofDay: health.window.first ?? 0)) to \(Figures.date(ofDay: health.window.last ?? 0))"
        let latency = SVGChart(
            fileName: "health-latency.svg", title: "API latency per day",
            summary: "Average and highest API latency in milliseconds per day, \(range).",
            kind: .lines, labels: labels,
            series: [.init(name: "average ms", values: health.window.map { health.days[$0]?.avgLatency }, colour: 0),
                     .init(name: "highest ms", values: health.window.map { health.days[$0]?.maxLatency }, colour: 1)],
            unit: " ms")
        let errors = SVGChart(
            fileName: "health-errors.svg", title: "Errors per day",
            summary: "Errors reported by system health samples per day, \(range): \(health.days.values.reduce(0) { $0 + $1.errors }) in all.",
            kind: .bars, labels: labels,
            series: [.init(name: "errors", values: health.window.map { health.days[$0].map { Double($0.errors) } }, colour: 3)])
        let cpu = SVGChart(
            fileName: "health-cpu.svg", title: "System cpu per day", summary: "Average system cpu in percent per day, \(range).",
            kind: .lines, labels: labels,
            series: [.init(name: "cpu %", values: health.window.map { health.days[$0]?.avgCPU }, colour: 0)],
            unit: " %", fixedMaximum: 100)
        let rag = try RagValues(data, days: days)
        let charts = [latency, errors, cpu] + rag.charts
        for (key, chart) in zip(["latencyChart", "errorChart", "cpuChart"], [latency, errors, cpu]) {
            if let reference = chart.reference(from: path) { context[key] = reference }
        }
        context["healthDays"] = health.window.reversed().compactMap { day -> [String: Any]? in
            guard let value = health.days[day] else { return nil }
            return ["date": Figures.date(ofDay: day), "worst": value.worst, "samples": value.samples,
                    "latency": Figures.fixed(value.avgLatency, 1), "errors": value.errors,
                    "cpu": Figures.fixed(value.avgCPU, 1),
                    "memory": value.sizeCount > 0 ? Figures.bytes(Int64(value.memorySum / Double(value.sizeCount))) : "—",
                    "disk": value.sizeCount > 0 ? Figures.bytes(Int64(value.diskSum / Double(value.sizeCount))) : "—"]
        }.prefix(14).map { $0 }
        context["rag"] = rag.values(from: path)
        context["retention"] = try RetentionState.rows(data.db)
        context["lastRetentionRun"] = try String.fetchOne(data.db, sql: "SELECT MAX(run_at) FROM retention_log") ?? "never"
        return ReportPage(path: path, template: "health", title: "Health", context: context, charts: charts)
    }
}
