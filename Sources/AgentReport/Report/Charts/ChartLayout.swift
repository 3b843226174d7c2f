import Foundation

/// Geometry and the fixed parts of an `SVGChart`: frame, style, grid, axis labels, legend.
struct ChartLayout {
    static let width = 720.0
    static let left = 58.0
    static let right = 12.0
    let pointCount: Int
    let legend: Bool

    /// Top of the plot area (below the title and the legend).
    var plotTop: Double { legend ? 56 : 36 }
    /// Bottom of the plot area (above the labels).
    var plotBottom: Double { plotTop + 160 }
    /// Height of the whole picture.
    var height: Double { plotBottom + 30 }
    /// Horizontal distance between two points.
    var step: Double { (Self.width - Self.left - Self.right) / Double(max(pointCount, 1)) }

    /// The centre of point `index`.
    func x(_ index: Int) -> Double { Self.left + step * (Double(index) + 0.5) }

    /// The vertical position of `value` on an axis from 0 to `maximum`.
    func y(_ value: Double, maximum: Double) -> Double {
        plotBottom - (plotBottom - plotTop) * (maximum > 0 ? value / maximum : 0)
    }

    /// The opening of the file: root element, accessible title and description, style.
    static func header(title: String, summary: String, height: Double) -> String {
        let h = Figures.fixed(height, 0)
        return """
            <svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="title desc" viewBox="0 0 720 \(h)" width="720" height="\(h)" font-family="system-ui, -apple-system, Segoe UI, Roboto, Arial, sans-serif" font-size="13">
            <title id="title">\(escape(title))</title>
            <desc id="desc">\(escape(summary))</desc>
            <style>
            text { fill: #1f2328; } .m { fill: #59636e; } .g { stroke: #d1d9e0; stroke-width: 1; }
            .f0 { fill: #0969da; } .f1 { fill: #bc4c00; } .f2 { fill: #1a7f37; } .f3 { fill: #cf222e; }
            .f4 { fill: #8250df; } .f5 { fill: #8c959f; } .f6 { fill: #bf3989; } .f7 { fill: #0a7a8a; }
            .l0 { stroke: #0969da; } .l1 { stroke: #bc4c00; } .l2 { stroke: #1a7f37; } .l3 { stroke: #cf222e; }
            .l4 { stroke: #8250df; } .l5 { stroke: #8c959f; } .l6 { stroke: #bf3989; } .l7 { stroke: #0a7a8a; }
            polyline { fill: none; stroke-width: 2; }
            @media (prefers-color-scheme: dark) {
            text { fill: #e6edf3; } .m { fill: #9198a1; } .g { stroke: #3d444d; }
            .f0 { fill: #4493f8; } .f1 { fill: #f0883e; } .f2 { fill: #3fb950; } .f3 { fill: #f85149; }
            .f4 { fill: #a371f7; } .f5 { fill: #6e7681; } .f6 { fill: #db61a2; } .f7 { fill: #39c5cf; }
            .l0 { stroke: #4493f8; } .l1 { stroke: #f0883e; } .l2 { stroke: #3fb950; } .l3 { stroke: #f85149; }
            .l4 { stroke: #a371f7; } .l5 { stroke: #6e7681; } .l6 { stroke: #db61a2; } .l7 { stroke: #39c5cf; }
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
            let label = Figures.fixed(value, value == value.rounded() ? 0 : 1) + unit
            out += "<line class=\"g\" x1=\"\(Figures.fixed(Self.left, 0))\" x2=\"\(Figures.fixed(Self.width - Self.right, 0))\" y1=\"\(y)\" y2=\"\(y)\"/>\n"
            out += "<text class=\"m\" x=\"\(Figures.fixed(Self.left - 6, 0))\" y=\"\(y)\" dy=\"4\" text-anchor=\"end\">\(Self.escape(label))</text>\n"
        }
        return out
    }

    /// At most about eight labels under the points, always the first and the last.
    func xLabels(_ labels: [String]) -> String {
        guard !labels.isEmpty else { return "" }
        let every = max(1, Int((Double(labels.count) / 8).rounded(.up)))
        var out = ""
        for (index, label) in labels.enumerated() where index % every == 0 || index == labels.count - 1 {
            if index == labels.count - 1, index % every != 0, index % every < every / 2 + 1, index > 0 { continue }
            out += "<text class=\"m\" x=\"\(Figures.fixed(x(index), 1))\" y=\"\(Figures.fixed(plotBottom + 16, 0))\" text-anchor=\"middle\">\(Self.escape(label))</text>\n"
        }
        return out
    }

    /// A row of coloured squares with the series names, under the title.
    func legend(_ entries: [(name: String, colour: Int)]) -> String {
        var out = ""
        var x = Self.left
        for entry in entries {
            out += "<rect class=\"f\(entry.colour)\" x=\"\(Figures.fixed(x, 0))\" y=\"30\" width=\"10\" height=\"10\"/>\n"
            out += "<text x=\"\(Figures.fixed(x + 14, 0))\" y=\"39\">\(Self.escape(entry.name))</text>\n"
            x += 26 + Double(entry.name.count) * 7.5
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
