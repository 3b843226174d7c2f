/// The keys a metric line may carry: the seed's column names, in snake_case or camelCase.
///
/// Keys are matched after folding case and dropping underscores, so `agent_id`, `agentId`
/// and `AgentID` are one key. Unknown keys are ignored (collectors add their own).
enum MetricField: Int, CaseIterable {
    case kind, agentId, timestamp, status, currentTask, cpuUsage, memoryUsage, memoryPercent
    case uncommittedChanges, uptimeSeconds, lastActivity, branch
    case overallStatus, apiLatency, websocketConnections, fileWatchEvents, errorCount, diskUsage, details
    case totalPatterns, totalQueries, averageResponseTime, hitRate, queryVolumeLastHour, topPatterns, recentQueries
    case alertId, type, severity, title, message, source, metadata, resolved
    case name, passed, exitCode, durationS, subagentType, event, sessionId, reason

    /// The seed's snake_case spelling, used in diagnostics.
    var key: String {
        var text = ""
        for ch in "\(self)" {
            if ch.isUppercase {
                text += "_" + ch.lowercased()
            } else {
                text.append(ch)
            }
        }
        return text
    }

    /// The field a raw key names, or nil for a key agentreport does not use.
    static func named(_ key: UnsafeBufferPointer<UInt8>) -> MetricField? {
        let (hash, length) = foldedHash(key)
        return table.field(hash: hash, length: length)
    }

    /// FNV-1a over the key folded to lower case without underscores, and the folded length.
    @inline(__always)
    static func foldedHash(_ key: UnsafeBufferPointer<UInt8>) -> (UInt64, Int) {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        var length = 0
        for var c in key where c != UInt8(ascii: "_") {
            if c &- 0x41 < 26 { c |= 0x20 }
            hash = (hash ^ UInt64(c)) &* 0x0000_0100_0000_01B3
            length += 1
        }
        return (hash, length)
    }

    private static let table = Table()

    /// An open-addressing table from folded hash to field: a lookup is a few compares,
    /// which matters at a dozen keys per line and a million lines.
    private struct Table: Sendable {
        private var hashes = [UInt64](repeating: 0, count: 128)
        private var lengths = [Int](repeating: -1, count: 128)
        private var fields = [Int](repeating: -1, count: 128)

        init() {
            for field in MetricField.allCases {
                let folded = Array("\(field)".lowercased().utf8)
                let (hash, length) = folded.withUnsafeBufferPointer { MetricField.foldedHash($0) }
                var slot = Int(hash & 127)
                while fields[slot] >= 0 { slot = (slot + 1) & 127 }
                hashes[slot] = hash
                lengths[slot] = length
                fields[slot] = field.rawValue
            }
        }

        // A 64-bit hash and the folded length both matching is taken as the key matching.
        func field(hash: UInt64, length: Int) -> MetricField? {
            var slot = Int(hash & 127)
            while fields[slot] >= 0 {
                if hashes[slot] == hash, lengths[slot] == length { return MetricField(rawValue: fields[slot]) }
                slot = (slot + 1) & 127
            }
            return nil
        }
    }
}
