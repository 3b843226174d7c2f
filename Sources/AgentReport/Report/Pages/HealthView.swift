/// What `health.md.mustache` sees.
struct HealthView: TemplateView {
    /// The 14 newest days with data, newest first.
    var healthDays: [DayRow]
    var latencyChart: ChartReference?
    var errorChart: ChartReference?
    var cpuChart: ChartReference?
    var rag: Rag
    var retention: [RetentionRow]
    var lastRetentionRun: String

    func value(named name: String) -> Any? {
        switch name {
        case "healthDays": healthDays
        case "latencyChart": latencyChart
        case "errorChart": errorChart
        case "cpuChart": cpuChart
        case "rag": rag
        case "retention": retention
        case "lastRetentionRun": lastRetentionRun
        default: nil
        }
    }

    /// System health of one day.
    struct DayRow: TemplateView {
        var date: String
        var worst: String
        var samples: Int
        var latency: String
        var errors: Int
        var cpu: String
        var memory: String
        var disk: String

        func value(named name: String) -> Any? {
            switch name {
            case "date": date
            case "worst": worst
            case "samples": samples
            case "latency": latency
            case "errors": errors
            case "cpu": cpu
            case "memory": memory
            case "disk": disk
            default: nil
            }
        }
    }

    /// The memory bank.
    struct Rag: TemplateView {
        var latest: RagLatest?
        /// Patterns in all.
        var total: Int
        var perAgent: [PatternAgent]
        var tags: [Tag]
        var hitChart: ChartReference?
        var patternChart: ChartReference?

        func value(named name: String) -> Any? {
            switch name {
            case "latest": latest
            case "total": total
            case "perAgent": perAgent
            case "tags": tags
            case "hitChart": hitChart
            case "patternChart": patternChart
            default: nil
            }
        }
    }

    /// The newest RAG sample.
    struct RagLatest: TemplateView {
        var time: String
        var patterns: Int
        var queries: Int
        var responseTime: String
        var hitRate: String
        var volume: Int
        var memory: String
        var topPatterns: String

        func value(named name: String) -> Any? {
            switch name {
            case "time": time
            case "patterns": patterns
            case "queries": queries
            case "responseTime": responseTime
            case "hitRate": hitRate
            case "volume": volume
            case "memory": memory
            case "topPatterns": topPatterns
            default: nil
            }
        }
    }

    /// Patterns stored by one agent.
    struct PatternAgent: TemplateView {
        var agentId: String
        var count: Int
        var last: String

        func value(named name: String) -> Any? {
            switch name {
            case "agentId": agentId
            case "count": count
            case "last": last
            default: nil
            }
        }
    }

    /// One tag and how many patterns carry it.
    struct Tag: TemplateView {
        var tag: String
        var count: Int

        func value(named name: String) -> Any? {
            switch name {
            case "tag": tag
            case "count": count
            default: nil
            }
        }
    }

    /// The retention state of one kind of data.
    struct RetentionRow: TemplateView {
        var label: String
        var oldestDetail: String
        var oldestAggregate: String
        var aggregated: Int
        var removed: Int
        var lastRun: String

        func value(named name: String) -> Any? {
            switch name {
            case "label": label
            case "oldestDetail": oldestDetail
            case "oldestAggregate": oldestAggregate
            case "aggregated": aggregated
            case "removed": removed
            case "lastRun": lastRun
            default: nil
            }
        }
    }
}
