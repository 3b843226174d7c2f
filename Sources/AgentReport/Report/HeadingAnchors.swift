import Foundation

/// Gives headings in rendered HTML the `id`s GitHub gives them (`## Data freshness` →
/// `id="data-freshness"`), so `page.md#anchor` links work on the static site too.
enum HeadingAnchors {
    /// `html` with `<h1>`…`<h3>` given unique ids.
    static func addIdentifiers(to html: String) -> String {
        var used: [String: Int] = [:]
        var result = ""
        result.reserveCapacity(html.utf8.count + 256)
        var rest = html[...]
        while let open = rest.range(of: "<h") {
            let after = rest[open.upperBound...]
            guard let level = after.first, "123".contains(level), after.dropFirst().first == ">",
                let close = after.range(of: "</h\(level)>")
            else {
                result += rest[..<open.upperBound]
                rest = after
                continue
            }
            let inner = after[after.index(after.startIndex, offsetBy: 2)..<close.lowerBound]
            var slug = slugify(String(inner))
            if let count = used[slug] {
                used[slug] = count + 1
                slug += "-\(count)"
            } else {
                used[slug] = 1
            }
            result += rest[..<open.lowerBound]
            result += "<h\(level) id=\"\(slug.isEmpty ? "section" : slug)\">"
            result += inner
            result += "</h\(level)>"
            rest = after[close.upperBound...]
        }
        result += rest
        return result
    }

    /// GitHub's rule: tags and entities dropped, lower-cased, punctuation removed, spaces → `-`.
    static func slugify(_ inner: String) -> String {
        var text = ""
        var inTag = false
        var inEntity = false
        for character in inner {
            if character == "<" { inTag = true; continue }
            if inTag { if character == ">" { inTag = false }; continue }
            if character == "&" { inEntity = true; continue }
            if inEntity { if character == ";" { inEntity = false }; continue }
            text.append(character)
        }
        var slug = ""
        for character in text.lowercased() {
            if character.isLetter || character.isNumber || character == "-" || character == "_" {
                slug.append(character)
            } else if character == " " {
                slug.append("-")
            }
        }
        return slug
    }
}
