import Foundation

/// Runs a `MetricChunkProducer` on its own thread, at most `capacity` batches ahead of the
/// inserts: reading and decoding one chunk overlaps with inserting the previous one, and
/// memory stays bounded (a few chunks) however large the file.
final class ThreadedBatches: @unchecked Sendable {
    // Guarded by `condition`.
    private let condition = NSCondition()
    private var ready: [Result<MetricBatch, Error>] = []
    private var finished = false
    private var stopped = false
    private let capacity: Int

    /// Starts reading ahead with `producer`.
    init(_ producer: MetricChunkProducer, capacity: Int = 2) {
        self.capacity = capacity
        let box = ProducerBox(producer)
        let thread = Thread { [self] in self.produce(box) }
        thread.name = "agentreport-metrics-reader"
        thread.start()
    }

    /// The next batch in file order, or nil at the end; rethrows a read error.
    func next() throws -> MetricBatch? {
        condition.lock()
        while ready.isEmpty && !finished { condition.wait() }
        guard !ready.isEmpty else {
            condition.unlock()
            return nil
        }
        let item = ready.removeFirst()
        condition.broadcast()
        condition.unlock()
        return try item.get()
    }

    /// Tells the reader thread to stop after its current chunk (when the consumer gives up).
    func stop() {
        condition.lock()
        stopped = true
        condition.broadcast()
        condition.unlock()
    }
}

private extension ThreadedBatches {
    /// Holds the producer for the reader thread, which alone uses it once started.
    final class ProducerBox: @unchecked Sendable {
        var producer: MetricChunkProducer
        init(_ producer: MetricChunkProducer) { self.producer = producer }
    }

    func produce(_ box: ProducerBox) {
        while true {
            condition.lock()
            while ready.count >= capacity && !stopped { condition.wait() }
            let stop = stopped
            condition.unlock()
            if stop { break }
            let item: Result<MetricBatch, Error>?
            do {
                item = try box.producer.next().map { .success($0) }
            } catch {
                item = .failure(error)
            }
            condition.lock()
            if let item { ready.append(item) }
            let done: Bool
            if case .success = item { done = false } else { done = true }
            if done { finished = true }
            condition.broadcast()
            condition.unlock()
            if done { return }
        }
        condition.lock()
        finished = true
        condition.broadcast()
        condition.unlock()
    }
}
