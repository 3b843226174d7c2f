import Foundation

/// A small chart drawn as a self-contained SVG file: bars, stacked bars or lines over a row
/// of labelled points, with a title, a text alternative and colours for light and dark.
///
/// Pure and deterministic: the same values give the same bytes (fixed number formatting,
/// no identifiers that change between runs).
struct SVGChart: Sendable {
    /// How the series are drawn.
    enum Kind: Sendable {
        case bars
        case stackedBars
        case lines
    }

    /// One named series; `nil` is "no data" (a gap in a line, no bar).
    struct Series: Sendable {
        var name: String
        var values: [Double?]
        /// Index into the palette, so a status keeps its colour on every chart.
        var colour: Int
    }

    /// File name under `charts/` (already safe, e.g. `agent-builder-cpu.svg`).
    var fileName: String
    var title: String
    /// The text alternative: what the chart shows, in one or two sentences.
    var summary: String
    var kind: Kind
    var labels: [String]
    var series: [Series]
    /// Unit of the values for the axis (`%`, `ms`, `$` — written before the number —, ``).
    var unit: String = ""
    /// A fixed top of the value axis (100 for percentages), else rounded up from the data.
    var fixedMaximum: Double?

    /// The path of the file relative to the output folder.
    var path: String { "charts/" + fileName }

    /// Whether there is anything to draw (the page shows text instead when not).
    var hasData: Bool {
        series.contains { $0.values.contains { ($0 ?? 0) != 0 } }
            || (kind == .lines && series.contains { $0.values.contains { $0 != nil } })
    }

    /// The chart as a rendered file.
    func file() -> RenderedFile { RenderedFile(path: path, contents: svg()) }

    /// The SVG text.
    func svg() -> String {
        let top = axisMaximum()
        let layout = ChartLayout(
            pointCount: labels.count, legend: series.count > 1,
            labelLength: ChartLayout.widestLabel(maximum: top, unit: unit))
        var out = ChartLayout.header(title: title, summary: summary, height: layout.height, left: layout.left)
        out += layout.grid(maximum: top, unit: unit)
        switch kind {
        case .bars, .stackedBars: out += bars(layout, maximum: top)
        case .lines: out += lines(layout, maximum: top)
        }
        out += layout.xLabels(labels)
        if series.count > 1 { out += layout.legend(series.map { ($0.name, $0.colour) }) }
        out += "</svg>\n"
        return out
    }
}

private extension SVGChart {
    func axisMaximum() -> Double {
        if let fixedMaximum { return fixedMaximum }
        var largest = 0.0
        for index in labels.indices {
            if kind == .stackedBars {
                largest = max(largest, series.reduce(0) { $0 + max(0, $1.value(at: index)) })
            } else {
                for item in series { largest = max(largest, item.value(at: index)) }
            }
        }
        let integral = series.allSatisfy { $0.values.allSatisfy { ($0 ?? 0) == ($0 ?? 0).rounded() } }
        // Counts get an even top, so the middle grid line is a whole number too.
        return integral ? ChartLayout.niceEvenCeiling(largest) : ChartLayout.niceCeiling(largest)
    }

    func bars(_ layout: ChartLayout, maximum: Double) -> String {
        var out = ""
        let groups = kind == .bars ? max(series.count, 1) : 1
        let width = layout.step * 0.8 / Double(groups)
        for index in labels.indices {
            var base = 0.0
            for (number, item) in series.enumerated() {
                let value = max(0, item.value(at: index))
                guard value > 0 else { continue }
                let x = layout.x(index) - layout.step * 0.4 + (kind == .bars ? Double(number) * width : 0)
                let y0 = layout.y(base, maximum: maximum)
                let y1 = layout.y(base + value, maximum: maximum)
                out +=
                    "<rect class=\"f\(item.colour)\" x=\"\(Figures.fixed(x, 1))\" y=\"\(Figures.fixed(y1, 1))\" "
                    + "width=\"\(Figures.fixed(max(width, 0.5), 1))\" height=\"\(Figures.fixed(max(y0 - y1, 0.5), 1))\"/>\n"
                if kind == .stackedBars { base += value }
            }
        }
        return out
    }

    func lines(_ layout: ChartLayout, maximum: Double) -> String {
        var out = ""
        for item in series {
            var run: [String] = []
            func flush() {
                if run.count > 1 {
                    out += "<polyline class=\"l\(item.colour)\" points=\"\(run.joined(separator: " "))\"/>\n"
                }
                run.removeAll()
            }
            for index in labels.indices {
                guard index < item.values.count, let value = item.values[index] else {
                    flush()
                    continue
                }
                let x = Figures.fixed(layout.x(index), 1)
                let y = Figures.fixed(layout.y(min(value, maximum), maximum: maximum), 1)
                run.append(x + "," + y)
                // Dense series (samples of a day) are drawn as lines alone.
                guard labels.count <= Self.dotLimit else { continue }
                out += "<circle class=\"f\(item.colour)\" cx=\"\(x)\" cy=\"\(y)\" r=\"2\"/>\n"
            }
            flush()
        }
        return out
    }
}

extension SVGChart {
    /// Above this many points, line charts draw no dot per point.
    static let dotLimit = 120
}

extension SVGChart.Series {
    /// The value at `index`, 0 when missing.
    func value(at index: Int) -> Double { index < values.count ? values[index] ?? 0 : 0 }
}
