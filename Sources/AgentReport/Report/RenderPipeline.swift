import Foundation

/// Renders pages on the other cores while the next pages are still being built from the
/// database: each page goes to a worker as soon as it exists, and its result lands in the
/// slot of its position, so the output order (and bytes) do not depend on scheduling.
///
/// `@unchecked Sendable`: a submitted page (or the closure that builds it) is handed to
/// exactly one worker; the slots and the drawn charts are only accessed under the lock.
final class RenderPipeline: @unchecked Sendable {
    /// What one page becomes: its Markdown/HTML files and the SVG files of the charts it
    /// drew (those no page built before it referenced).
    struct Output {
        var pages: [RenderedFile]
        var charts: [RenderedFile]
    }

    private let render: @Sendable (ReportPage) throws -> [RenderedFile]
    private let stage: (@Sendable (RenderedFile) throws -> Void)?
    private let lock = NSLock()
    private var slots: [Result<Output, Error>?] = []
    private var chartPaths: Set<String> = []
    private let group = DispatchGroup()
    private let queue = DispatchQueue(label: "agentreport.render", qos: .userInitiated, attributes: .concurrent)

    /// A pipeline that renders each page with `render`, and hands each file it makes to
    /// `stage` (`OutputStaging.stage`) on the same worker, when given.
    init(
        render: @escaping @Sendable (ReportPage) throws -> [RenderedFile],
        stage: (@Sendable (RenderedFile) throws -> Void)? = nil
    ) {
        self.render = render
        self.stage = stage
    }

    /// Queues the page `build` makes, built on the worker that renders it (pages keep the
    /// order they are submitted in). A chart is drawn by the first page that references it,
    /// as every page references the same file; which page that is depends on scheduling,
    /// its bytes do not.
    func submit(_ build: @escaping @Sendable () throws -> ReportPage) {
        lock.lock()
        let index = slots.count
        slots.append(nil)
        lock.unlock()
        queue.async(group: group) { [self] in
            let result = Result {
                let page = try build()
                lock.lock()
                let charts = page.charts.filter { $0.hasData && chartPaths.insert($0.path).inserted }
                lock.unlock()
                let output = Output(pages: try render(page), charts: charts.map { $0.file() })
                if let stage {
                    for file in output.pages + output.charts { try stage(file) }
                }
                return output
            }
            lock.lock()
            slots[index] = result
            lock.unlock()
        }
    }

    /// Waits for every submitted page; their outputs in submission order.
    func finish() throws -> [Output] {
        group.wait()
        lock.lock()
        defer { lock.unlock() }
        return try slots.map { slot in
            guard let slot else { throw TemplateError(description: "a page was not rendered") }
            return try slot.get()
        }
    }

    /// Waits for the pages in flight (when building the rest failed), discarding them.
    func abandon() {
        group.wait()
    }
}
