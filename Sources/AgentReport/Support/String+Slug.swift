import Foundation

extension String {
    /// This string as an agent id: lower-case `[a-z0-9_-]`, at most 20 characters, or nil
    /// when nothing usable is left (the seed stores agent ids as `VARCHAR(20)`).
    ///
    /// "Full-Stack Builder" → "full-stack-builder"; "../../x" → "x".
    public var agentSlug: String? {
        var result = ""
        var lastWasDash = false
        for scalar in self.lowercased().unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "_" {
                result.unicodeScalars.append(scalar)
                lastWasDash = false
            } else if !result.isEmpty, !lastWasDash {
                result.append("-")
                lastWasDash = true
            }
        }
        while result.hasSuffix("-") { result.removeLast() }
        if result.count > 20 {
            result = String(result.prefix(20))
            while result.hasSuffix("-") { result.removeLast() }
        }
        return result.isEmpty ? nil : result
    }

    /// A name safe to use as one path component of an output file (no separators, no dots
    /// at the start, nothing outside `[A-Za-z0-9._-]`).
    public var safeFileComponent: String {
        var result = ""
        for scalar in self.unicodeScalars {
            if ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
                || ("0"..."9").contains(scalar) || scalar == "_" || scalar == "-" || scalar == "."
            {
                result.unicodeScalars.append(scalar)
            } else {
                result.append("_")
            }
        }
        while result.hasPrefix(".") { result.removeFirst() }
        return result.isEmpty ? "_" : result
    }
}
