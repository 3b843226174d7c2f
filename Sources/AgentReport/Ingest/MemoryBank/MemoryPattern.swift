import Foundation

/// One stored pattern of the RAG memory bank (DESIGN §3.4).
public struct MemoryPattern: Sendable, Equatable {
    /// The pattern's `id` (else the file name without `.json`).
    public var id: String
    public var agentId: String?
    /// Seconds since the epoch, UTC; nil when the file has no usable timestamp.
    public var timestamp: Int64?
    public var description: String?
    /// The pattern's Markdown, secrets redacted.
    public var content: String?
    public var tags: [String]
}
