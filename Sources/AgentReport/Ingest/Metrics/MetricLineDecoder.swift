import Foundation

/// Turns the lines of a chunk into bound values for the four sample tables (DESIGN §3.6),
/// or into a problem (line, column, message) for a line that cannot be stored.
struct MetricLineDecoder {
    /// A reason to reject a line, at a byte offset of the line.
    struct Problem: Error {
        var offset: Int
        var message: String
    }

    /// `created_at` of agent samples: the run's "now" (the seed's CURRENT_TIMESTAMP default
    /// would make two runs on the same data differ).
    let now: Int64
    /// The parser, reused from line to line (its field list keeps its capacity).
    var parser = FlatJSONParser()
    /// For each `MetricField`, the index of its field in `parser.fields`, or -1.
    var slots = [Int](repeating: -1, count: MetricField.allCases.count)
    /// Room to decode an escaped key.
    var keyBuffer: [UInt8] = []

    init(now: Int64) {
        self.now = now
    }

    /// Decodes every line of `chunk` (whole lines, each ending in `\n`) into `batch`;
    /// `firstLine` is the file line number of the chunk's first line.
    mutating func decodeLines(of chunk: UnsafeBufferPointer<UInt8>, firstLine: Int, into batch: inout MetricBatch) {
        var lineStart = 0
        var lineNumber = firstLine
        while lineStart < chunk.count {
            var lineEnd = chunk.count
            if let base = chunk.baseAddress, let hit = memchr(base + lineStart, 0x0A, chunk.count - lineStart) {
                lineEnd = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(hit))
            }
            let next = lineEnd + 1
            if lineEnd > lineStart, chunk[lineEnd - 1] == 0x0D { lineEnd -= 1 }  // CRLF files
            decodeLine(chunk, start: lineStart, end: lineEnd, number: lineNumber, into: &batch)
            batch.lineCount += 1
            lineNumber += 1
            lineStart = next
        }
    }
}

// MARK: - One line

extension MetricLineDecoder {
    /// Decodes one line (`start..<end` of the chunk, without its newline) into `batch`,
    /// or records why it was rejected.
    mutating func decodeLine(
        _ chunk: UnsafeBufferPointer<UInt8>, start: Int, end: Int, number: Int, into batch: inout MetricBatch
    ) {
        var start = start
        // A byte-order mark (some Windows tools write one) is not part of the JSON.
        if end - start >= 3, chunk[start] == 0xEF, chunk[start + 1] == 0xBB, chunk[start + 2] == 0xBF { start += 3 }
        let line = UnsafeBufferPointer(rebasing: chunk[start..<end])
        var nonASCII: UInt8 = 0
        var blank = true
        for c in line {
            nonASCII |= c
            if blank, c != 0x20, c != 0x09 { blank = false }
        }
        if blank { return }  // an empty line is not a sample, nor an error
        let valueCount = batch.values.count
        let scratchCount = batch.scratch.count
        do {
            if nonASCII & 0x80 != 0, !JSONText.isValidUTF8(line) {
                throw Problem(offset: 0, message: "not valid UTF-8")
            }
            do {
                try parser.parse(line)
            } catch {
                throw Problem(offset: error.offset, message: "not valid JSON: \(error.message)")
            }
            try mapFields(line)
            let row = Row(decoder: self, line: line, base: start)
            let kind = try row.kind()
            let first = Int32(batch.values.count)
            switch kind {
            case .agent: try row.agent(now: now, into: &batch)
            case .systemHealth: try row.systemHealth(into: &batch)
            case .rag: try row.rag(into: &batch)
            case .alert: try row.alert(into: &batch)
            case .check: try row.check(now: now, into: &batch)
            case .session: try row.session(now: now, into: &batch)
            }
            batch.samples.append(MetricBatch.Sample(kind: kind, firstValue: first))
        } catch let problem as Problem {
            batch.values.removeSubrange(valueCount...)
            batch.scratch.removeSubrange(scratchCount...)
            batch.addProblem(
                line: number, column: JSONText.column(ofByte: problem.offset, in: line), message: problem.message)
        } catch {
            batch.addProblem(line: number, column: 1, message: "\(error)")
        }
    }

    /// Fills `slots` from the parsed keys (the last of duplicate keys wins, as in most parsers).
    private mutating func mapFields(_ line: UnsafeBufferPointer<UInt8>) throws {
        for k in slots.indices { slots[k] = -1 }
        for (index, field) in parser.fields.enumerated() {
            let key = UnsafeBufferPointer(rebasing: line[field.keyStart..<field.keyEnd])
            let known: MetricField?
            if field.keyEscaped {
                keyBuffer.removeAll(keepingCapacity: true)
                JSONText.appendDecoded(key, to: &keyBuffer)
                known = keyBuffer.withUnsafeBufferPointer { MetricField.named($0) }
            } else {
                known = MetricField.named(key)
            }
            if let known { slots[known.rawValue] = index }
        }
    }
}
