/// The name of a file in the metrics folder, read as logrotate names what it rotates:
/// `x.jsonl` (a live file), `x.jsonl.gz`, and rotated `x.jsonl.1`, `x.jsonl.1.gz`,
/// `x.jsonl-20260302`, `x.jsonl-20260302.gz` (`dateext`, any `dateformat` of letters, digits,
/// `_`, `-` and `.`). Files of other names are not metric files.
struct MetricFileName: Comparable {
    /// The whole file name.
    let name: String
    /// The live file it was rotated from (`x.jsonl`), or its own name.
    let base: String
    /// Whether it is gzip-compressed.
    let isCompressed: Bool
    /// How old the rotation is: 0 for the live file, the rotation number for `.N`, and for
    /// dated suffixes a rank below every number (dates sort among themselves by name).
    private let age: Int
    private let dated: String

    /// The metric file `name` names, or nil for any other file (dotfiles included).
    init?(_ name: String) {
        guard !name.hasPrefix(".") else { return nil }
        var rest = Substring(name)
        isCompressed = rest.hasSuffix(".gz")
        if isCompressed { rest = rest.dropLast(3) }
        if rest.hasSuffix(".jsonl"), rest.count > 6 {
            base = String(rest)
            age = 0
            dated = ""
        } else if let marker = rest.range(of: ".jsonl", options: .backwards), marker.upperBound < rest.endIndex,
            marker.lowerBound > rest.startIndex
        {
            let suffix = rest[marker.upperBound...]
            base = String(rest[..<marker.upperBound])
            if suffix.first == ".", let number = Int(suffix.dropFirst()), number >= 0 {
                age = number
                dated = ""
            } else if suffix.first == "-", suffix.count > 1,
                suffix.dropFirst().allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "_-.".contains($0)) })
            {
                age = Int.max
                dated = String(suffix)
            } else {
                return nil
            }
        } else {
            return nil
        }
        self.name = name
    }

    /// Oldest content first within a stream: dated archives (by date), then `.N` from the
    /// highest number down, then the live file; streams by base name.
    static func < (a: MetricFileName, b: MetricFileName) -> Bool {
        if a.base != b.base { return a.base < b.base }
        if a.age != b.age { return a.age > b.age }
        if a.dated != b.dated { return a.dated < b.dated }
        if a.isCompressed != b.isCompressed { return a.isCompressed }
        return a.name < b.name
    }

    static func == (a: MetricFileName, b: MetricFileName) -> Bool { a.name == b.name }
}
