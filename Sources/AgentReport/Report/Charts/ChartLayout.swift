import Foundation

/// Geometry and the fixed parts of an `SVGChart`: frame, style, grid, axis labels, legend.
struct ChartLayout {
    static let width = 720.0
    /// The narrowest left margin (room for `100 %`).
    static let minimumLeft = 58.0
    static let right = 12.0
    let pointCount: Int
    let legend: Bool
    /// The left margin: wide enough for the longest value label, so none is clipped.
    let left: Double

    /// A layout for `pointCount` points whose widest value label has `labelLength` characters.
    init(pointCount: Int, legend: Bool, labelLength: Int = 0) {
        self.pointCount = pointCount
        self.legend = legend
        // About 7.5 px a character at 13 px, and 10 px between the label and the axis.
        left = max(Self.minimumLeft, (Double(labelLength) * 7.5 + 10).rounded(.up))
    }

    /// Top of the plot area (below the title and the legend).
    var plotTop: Double { legend ? 56 : 36 }
    /// Bottom of the plot area (above the labels).
    var plotBottom: Double { plotTop + 160 }
    /// Height of the whole picture.
    var height: Double { plotBottom + 30 }
    /// Horizontal distance between two points.
    var step: Double { (Self.width - left - Self.right) / Double(max(pointCount, 1)) }

    /// The centre of point `index`.
    func x(_ index: Int) -> Double { left + step * (Double(index) + 0.5) }

    /// The vertical position of `value` on an axis from 0 to `maximum`.
    func y(_ value: Double, maximum: Double) -> Double {
        plotBottom - (plotBottom - plotTop) * (maximum > 0 ? value / maximum : 0)
    }

    /// The opening of the file: root element, accessible title and description, style.
    static func header(title: String, summary: String, height: Double, left: Double = minimumLeft) -> String {
        let h = Figures.fixed(height, 0)
        return """
            <svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="title desc" viewBox="0 0 720 \(h)" width="720" height="\(h)" font-family="system-ui, -apple-system, Segoe UI, Roboto, Arial, sans-serif" font-size="13">
            <title id="title">\(escape(title))</title>
            <desc id="desc">\(escape(summary))</desc>
            <style>
            text { fill: #1f2328; } .m { fill: #59636e; } .g { stroke: #d1d9e0; stroke-width: 1; }
            .f0 { fill: #0969da; } .f1 { fill: #bc4c00; } .f2 { fill: #1a7f37; } .f3 { fill: #cf222e; }
            .f4 { fill: #8250df; } .f5 { fill: #8c959f; } .f6 { fill: #bf3989; } .f7 { fill: #0a7a8a; } .f8 { fill: #9a6700; }
            .l0 { stroke: #0969da; } .l1 { stroke: #bc4c00; } .l2 { stroke: #1a7f37; } .l3 { stroke: #cf222e; }
            .l4 { stroke: #8250df; } .l5 { stroke: #8c959f; } .l6 { stroke: #bf3989; } .l7 { stroke: #0a7a8a; } .l8 { stroke: #9a6700; }
            polyline { fill: none; stroke-width: 2; }
            @media (prefers-color-scheme: dark) {
            text { fill: #e6edf3; } .m { fill: #9198a1; } .g { stroke: #3d444d; }
            .f0 { fill: #4493f8; } .f1 { fill: #f0883e; } .f2 { fill: #3fb950; } .f3 { fill: #f85149; }
            .f4 { fill: #a371f7; } .f5 { fill: #6e7681; } .f6 { fill: #db61a2; } .f7 { fill: #39c5cf; } .f8 { fill: #d29922; }
            .l0 { stroke: #4493f8; } .l1 { stroke: #f0883e; } .l2 { stroke: #3fb950; } .l3 { stroke: #f85149; }
            .l4 { stroke: #a371f7; } .l5 { stroke: #6e7681; } .l6 { stroke: #db61a2; } .l7 { stroke: #39c5cf; } .l8 { stroke: #d29922; }
            }
            </style>
            <text x="\(Figures.fixed(left, 0))" y="18" font-size="15" font-weight="600">\(escape(title))</text>

            """
    }

    /// Horizontal grid lines at 0, ½ and the top, labelled.
    func grid(maximum: Double, unit: String) -> String {
        var out = ""
        for fraction in [0.0, 0.5, 1.0] {
            let value = maximum * fraction
            let y = Figures.fixed(self.y(value, maximum: maximum), 1)
            out +=
                "<line class=\"g\" x1=\"\(Figures.fixed(left, 0))\" x2=\"\(Figures.fixed(Self.width - Self.right, 0))\" y1=\"\(y)\" y2=\"\(y)\"/>\n"
            out +=
                "<text class=\"m\" x=\"\(Figures.fixed(left - 6, 0))\" y=\"\(y)\" dy=\"4\" text-anchor=\"end\">\(Self.escape(Self.valueLabel(value, unit: unit)))</text>\n"
        }
        return out
    }

    /// The text of a value on the axis: `12`, `2.5`, `100 %`, `3000 ms`.
    static func valueLabel(_ value: Double, unit: String) -> String {
        let number = Figures.fixed(value, value == value.rounded() ? 0 : 1)
        // A currency is written before the amount (`$25`), every other unit after it.
        return unit == "$" ? unit + number : number + unit
    }

    /// The length of the widest of the axis labels for `maximum`.
    static func widestLabel(maximum: Double, unit: String) -> Int {
        [0.0, 0.5, 1.0].map { valueLabel(maximum * $0, unit: unit).count }.max() ?? 0
    }

    /// At most about eight labels under the points, always the first and the last, each
    /// kept whole inside the picture.
    func xLabels(_ labels: [String]) -> String {
        guard !labels.isEmpty else { return "" }
        // As many labels as fit side by side without touching, at most eight.
        let widest = Double(labels.map(\.count).max() ?? 1) * 7.4 + 14
        let fitting = max(2, min(8, Int((Self.width - left - Self.right) / widest)))
        let every = max(1, Int((Double(labels.count) / Double(fitting)).rounded(.up)))
        // Kept inside the picture (a label centred under the last point must not be cut off),
        // and apart: the last label, always shown, replaces the one before it when they would touch.
        func span(_ index: Int) -> (centre: Double, left: Double, right: Double) {
            let half = Double(labels[index].count) * 3.7
            let centre = min(max(x(index), half + 2), Self.width - half - 2)
            return (centre, centre - half, centre + half)
        }
        var shown = Array(stride(from: 0, to: labels.count, by: every))
        let last = labels.count - 1
        if shown.last != last {
            while let previous = shown.last, previous > 0, span(previous).right + 6 > span(last).left {
                shown.removeLast()
            }
            shown.append(last)
        }
        var out = ""
        for index in shown {
            out +=
                "<text class=\"m\" x=\"\(Figures.fixed(span(index).centre, 1))\" y=\"\(Figures.fixed(plotBottom + 16, 0))\" text-anchor=\"middle\">\(Self.escape(labels[index]))</text>\n"
        }
        return out
    }

    /// A row of coloured squares with the series names, under the title.
    func legend(_ entries: [(name: String, colour: Int)]) -> String {
        var out = ""
        var x = left
        for entry in entries {
            out +=
                "<rect class=\"f\(entry.colour)\" x=\"\(Figures.fixed(x, 0))\" y=\"30\" width=\"10\" height=\"10\"/>\n"
            out += "<text x=\"\(Figures.fixed(x + 14, 0))\" y=\"39\">\(Self.escape(entry.name))</text>\n"
            // 8.5 px a character at 13 px: wide enough for names full of m and w ("memory
            // mean" ran into the next entry at 7.5).
            x += 26 + Double(entry.name.count) * 8.5
        }
        return out
    }

    /// 1, 2, 5 × 10ⁿ at or above `value` (1 for nothing).
    static func niceCeiling(_ value: Double) -> Double {
        guard value > 0, value.isFinite else { return 1 }
        var magnitude = 1.0
        while magnitude * 10 <= value { magnitude *= 10 }
        while magnitude > value { magnitude /= 10 }
        for factor in [1.0, 2.0, 5.0, 10.0] where factor * magnitude >= value { return factor * magnitude }
        return 10 * magnitude
    }

    /// 2, 4, 6, 8 × 10ⁿ at or above `value` (2 for nothing), for whole-number data.
    static func niceEvenCeiling(_ value: Double) -> Double {
        guard value > 2, value.isFinite else { return 2 }
        var magnitude = 1.0
        while magnitude * 10 <= value { magnitude *= 10 }
        for factor in [2.0, 4.0, 6.0, 8.0, 10.0] where factor * magnitude >= value { return factor * magnitude }
        return 20 * magnitude
    }

    /// Text made safe for XML content and attributes.
    static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\n", "\r", "\t": out += " "
            default: out.append(character)
            }
        }
        return out
    }
}
