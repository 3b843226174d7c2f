import Foundation

/// A task board's bytes: a version from git, in memory, or the working copy's file, read in
/// chunks so that a large board is never held whole (DESIGN §8: bounded memory).
final class BoardDocument {
    private enum Storage {
        case memory(Data)
        case file(descriptor: Int32)
    }

    private let storage: Storage
    /// The file's size and modification time when it was opened (to notice a rewrite).
    private let stamp: (size: Int, modified: Int)?

    /// A document over bytes in memory.
    init(data: Data) {
        storage = .memory(data)
        stamp = nil
    }

    /// A document over the file at `path`, opened through `InputFile` (a regular file of at
    /// most `limit` bytes, never a blocking open); throws why it cannot be read.
    init(path: String, limit: Int64 = InputFile.Limit.taskBoard) throws(InputFile.Problem) {
        let opened = try InputFile.open(path)
        guard opened.size <= limit else {
            close(opened.descriptor)
            throw .tooLarge(size: opened.size, limit: limit)
        }
        storage = .file(descriptor: opened.descriptor)
        stamp = Self.stamp(of: opened.descriptor)
    }

    deinit {
        if case .file(let descriptor) = storage { close(descriptor) }
    }

    /// Scans the whole document (see `BoardScanner`).
    func scan() throws(BoardSyntaxError) -> BoardLayout {
        switch storage {
        case .memory(let data):
            let result: Result<BoardLayout, BoardSyntaxError> = data.withUnsafeBytes { bytes in
                Result { () throws(BoardSyntaxError) -> BoardLayout in try BoardScanner.scan(ByteCursor(memory: bytes))
                }
            }
            return try result.get()
        case .file(let descriptor):
            lseek(descriptor, 0, SEEK_SET)
            let cursor = ByteCursor(descriptor: descriptor)
            defer { cursor.close() }
            return try BoardScanner.scan(cursor)
        }
    }

    /// Calls `body` with the bytes of `span`; nil when they cannot be read any more.
    func withBytes<R>(_ span: BoardLayout.Span, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R? {
        switch storage {
        case .memory(let data):
            return try data.withUnsafeBytes { bytes in
                guard span.offset >= 0, span.offset + span.length <= bytes.count else { return nil }
                return try body(UnsafeRawBufferPointer(rebasing: bytes[span.offset..<span.offset + span.length]))
            }
        case .file(let descriptor):
            let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(1, span.length), alignment: 1)
            defer { buffer.deallocate() }
            guard let base = buffer.baseAddress else { return nil }
            var done = 0
            while done < span.length {
                let got = pread(descriptor, base + done, span.length - done, off_t(span.offset + done))
                if got < 0, errno == EINTR { continue }
                guard got > 0 else { return nil }
                done += got
            }
            return try body(UnsafeRawBufferPointer(rebasing: buffer[0..<span.length]))
        }
    }

    /// The bytes of `span` as `Data`, ready to decode: the repairs `layout` found inside it
    /// applied, and bytes that are not UTF-8 replaced when the document has any (`InputText`).
    func data(_ span: BoardLayout.Span, layout: BoardLayout) -> Data? {
        withBytes(span) { Self.data($0, at: span.offset, layout: layout) }
    }

    /// The bytes of the span at document offset `offset`, ready to decode (see `data(_:layout:)`).
    static func data(_ bytes: UnsafeRawBufferPointer, at offset: Int, layout: BoardLayout) -> Data {
        InputText.apply(
            layout.repairs(inSpanAt: offset, length: bytes.count), to: bytes, from: offset,
            repairingUTF8: layout.firstInvalidUTF8 != nil)
    }

    /// The 1-based line and column of the byte at `offset` (columns count characters).
    func position(ofByte offset: Int) -> (line: Int, column: Int) {
        switch storage {
        case .memory(let data):
            return JSONSupport.position(ofByte: offset, in: data)
        case .file(let descriptor):
            lseek(descriptor, 0, SEEK_SET)
            let cursor = ByteCursor(descriptor: descriptor)
            defer { cursor.close() }
            return JSONSupport.position(ofByte: offset, in: IteratorSequence(cursor))
        }
    }

    /// Whether the file was rewritten since it was opened (size or modification time changed).
    var changedSinceOpened: Bool {
        guard case .file(let descriptor) = storage, let stamp else { return false }
        guard let now = Self.stamp(of: descriptor) else { return true }
        return now != stamp
    }

    private static func stamp(of descriptor: Int32) -> (size: Int, modified: Int)? {
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { return nil }
        return (Int(status.st_size), Int(status.st_mtim.tv_sec) * 1_000_000_000 + Int(status.st_mtim.tv_nsec))
    }
}
