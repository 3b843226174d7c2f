import Foundation

/// Runs independent, blocking work (processes, files) on a few threads at once.
enum Parallel {
    /// `body` over every item, at most `width` at a time; results in the items' order.
    static func map<Item: Sendable, Value: Sendable>(
        _ items: [Item], width: Int, _ body: @escaping @Sendable (Item) -> Value
    ) -> [Value] {
        let slots = ParallelSlots<Value>(items.count)
        let gate = DispatchSemaphore(value: max(width, 1))
        let group = DispatchGroup()
        for (index, item) in items.enumerated() {
            gate.wait()
            group.enter()
            DispatchQueue.global(qos: .userInitiated).async {
                let value = body(item)
                slots.lock.withLock { slots.values[index] = value }
                gate.signal()
                group.leave()
            }
        }
        group.wait()
        return slots.values.compactMap { $0 }
    }
}

/// The results of `Parallel.map`, filled from several threads under a lock.
private final class ParallelSlots<Value>: @unchecked Sendable {
    var values: [Value?]
    let lock = NSLock()
    init(_ count: Int) { values = Array(repeating: nil, count: count) }
}
