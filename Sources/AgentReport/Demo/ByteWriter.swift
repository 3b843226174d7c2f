import Foundation

/// A buffered byte sink over a file or a pipe, with the few formatting primitives the demo
/// needs (integers, fixed-point numbers, ISO times, JSON strings). Output goes out in 1 MB
/// chunks, so a year of samples is streamed, never held.
public final class ByteWriter {
    /// The bytes not yet written.
    public private(set) var buffer: [UInt8] = []
    private let handle: FileHandle?
    private let chunk: Int
    private var failure: Error?

    /// A writer that flushes to `handle` every `chunk` bytes.
    public init(handle: FileHandle, chunk: Int = 1 << 20) {
        self.handle = handle
        self.chunk = chunk
        buffer.reserveCapacity(chunk + 4096)
    }

    /// A writer that only collects bytes in memory (for one small document, e.g. a board).
    public init() {
        handle = nil
        chunk = Int.max
    }

    /// Returns the collected bytes and empties the buffer.
    public func take() -> [UInt8] {
        defer { buffer.removeAll(keepingCapacity: true) }
        return buffer
    }

    /// A writer that creates (or truncates) the file at `path`.
    public convenience init(creating path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil) else {
            throw DemoError.failed("cannot create \(path)")
        }
        self.init(handle: try FileHandle(forWritingTo: URL(fileURLWithPath: path)))
    }

    /// Appends text.
    public func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        flushIfFull()
    }

    /// Appends raw bytes.
    public func write(bytes: [UInt8]) {
        buffer.append(contentsOf: bytes)
        flushIfFull()
    }

    /// Appends a decimal integer.
    public func write(int value: Int64) {
        if value < 0 { buffer.append(0x2D) }
        var magnitude = value.magnitude
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { raw in
            repeat {
                raw[count] = UInt8(truncatingIfNeeded: magnitude % 10) + 0x30
                magnitude /= 10
                count += 1
            } while magnitude > 0
            for index in stride(from: count - 1, through: 0, by: -1) { buffer.append(raw[index]) }
        }
    }

    /// Appends `value` with exactly `decimals` digits after the point (rounded half up),
    /// independent of locale and of floating-point printing.
    public func write(fixed value: Double, decimals: Int) {
        var scale: Int64 = 1
        for _ in 0..<decimals { scale *= 10 }
        let scaled = Int64((abs(value) * Double(scale)).rounded())
        if value < 0, scaled > 0 { buffer.append(0x2D) }
        write(int: scaled / scale)
        guard decimals > 0 else { return }
        buffer.append(0x2E)
        var fraction = scaled % scale
        var divisor = scale / 10
        while divisor > 0 {
            buffer.append(UInt8(fraction / divisor) + 0x30)
            fraction %= divisor
            divisor /= 10
        }
    }

    /// Appends `YYYY-MM-DDTHH:MM:SSZ`.
    public func write(isoTime seconds: Int64) {
        write(UTCTime.formatISO(seconds))
    }

    /// Appends a JSON string literal (quotes included, escaped).
    public func write(jsonString text: String) {
        buffer.append(0x22)
        for byte in text.utf8 {
            switch byte {
            case 0x22: buffer.append(contentsOf: [0x5C, 0x22])
            case 0x5C: buffer.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: buffer.append(contentsOf: [0x5C, 0x6E])
            case 0x09: buffer.append(contentsOf: [0x5C, 0x74])
            case 0x00..<0x20: buffer.append(contentsOf: Array(String(format: "\\u%04x", byte).utf8))
            default: buffer.append(byte)
            }
        }
        buffer.append(0x22)
    }

    /// Writes what is buffered once it is past the chunk size.
    public func flushIfFull() {
        if buffer.count >= chunk { flush() }
    }

    /// Writes everything buffered.
    public func flush() {
        guard let handle, !buffer.isEmpty else { return }
        if failure == nil {
            // The first failure (disk full, a reader that went away) is kept and thrown by `close()`.
            do { try handle.write(contentsOf: buffer) } catch { failure = error }
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes and closes the file or pipe; throws the first write failure, if any.
    public func close() throws {
        flush()
        try handle?.close()
        if let failure { throw DemoError.failed("write failed: \(failure)") }
    }
}
