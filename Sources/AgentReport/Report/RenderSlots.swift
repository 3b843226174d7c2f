import Foundation

/// The pages to render and one result slot per page, shared by the rendering threads.
///
/// `@unchecked Sendable`: the pages are only read, and each slot is written by exactly one
/// iteration, under the lock.
final class RenderSlots: @unchecked Sendable {
    private let pages: [ReportPage]
    private var results: [Result<[RenderedFile], Error>?]
    private let lock = NSLock()

    /// Slots for `pages`, all empty.
    init(pages: [ReportPage]) {
        self.pages = pages
        results = Array(repeating: nil, count: pages.count)
    }

    /// The page at `index`.
    func page(_ index: Int) -> ReportPage { pages[index] }

    /// Stores the outcome of rendering page `index`.
    func store(_ result: Result<[RenderedFile], Error>, at index: Int) {
        lock.lock()
        results[index] = result
        lock.unlock()
    }

    /// The outcome of rendering page `index` (an error if it never ran).
    func result(_ index: Int) -> Result<[RenderedFile], Error> {
        lock.lock()
        defer { lock.unlock() }
        return results[index] ?? .failure(TemplateError(description: "page \(pages[index].path) was not rendered"))
    }
}
