import Foundation

/// Gives headings in rendered HTML the `id`s GitHub gives them (`## Data freshness` →
/// `id="data-freshness"`), so `page.md#anchor` links work on the static site too.
enum HeadingAnchors {
    /// `html` with `<h1>`…`<h3>` given unique ids (works on UTF-8 bytes: pages are large).
    static func addIdentifiers(to html: String) -> String {
        let bytes = Array(html.utf8)
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count + 512)
        var used: [String: Int] = [:]
        var index = 0
        let open = UInt8(ascii: "<"), h = UInt8(ascii: "h"), close = UInt8(ascii: ">"), slash = UInt8(ascii: "/")
        while index < bytes.count {
            // Up to the next tag, copied in one piece.
            let next = bytes[index...].firstIndex(of: open) ?? bytes.count
            if next > index {
                result.append(contentsOf: bytes[index..<next])
                index = next
                continue
            }
            let byte = bytes[index]
            guard index + 3 < bytes.count, bytes[index + 1] == h,
                (UInt8(ascii: "1")...UInt8(ascii: "3")).contains(bytes[index + 2]), bytes[index + 3] == close
            else {
                result.append(byte)
                index += 1
                continue
            }
            let level = bytes[index + 2]
            let start = index + 4
            var end = start
            while end + 4 < bytes.count,
                !(bytes[end] == open && bytes[end + 1] == slash && bytes[end + 2] == h && bytes[end + 3] == level
                    && bytes[end + 4] == close)
            {
                end += 1
            }
            guard end + 4 < bytes.count else {
                result.append(byte)
                index += 1
                continue
            }
            var slug = slugify(String(decoding: bytes[start..<end], as: UTF8.self))
            if slug.isEmpty { slug = "section" }
            if let count = used[slug] {
                used[slug] = count + 1
                slug += "-\(count)"
            } else {
                used[slug] = 1
            }
            result += Array("<h".utf8) + [level] + Array(" id=\"\(slug)\">".utf8)
            result += bytes[start..<end]
            index = end
        }
        return String(decoding: result, as: UTF8.self)
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
