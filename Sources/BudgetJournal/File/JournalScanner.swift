import BudgetModel
import Dispatch
#if canImport(Glibc)
import Glibc
#endif

/// Where a verified stretch of journal ends: the head it reached and the byte offset just past
/// its last newline. A scan can resume from here without reading what came before.
public struct JournalPosition: Equatable, Sendable {
    public let head: JournalHead
    public let offset: Int64

    public init(head: JournalHead, offset: Int64) { self.head = head; self.offset = offset }
    public static let origin = JournalPosition(head: .empty, offset: 0)
}

/// Streams a journal in large blocks, checking every line (its hash, its seq, its link to the
/// line before) and handing each event to the caller in journal order. Memory is bounded by the
/// block, not the journal: a fold over a million events never holds them all. The two halves of
/// each block are hashed and decoded on both cores; the links and the fold stay sequential.
public enum JournalScanner {
    /// Big enough that a block holds tens of thousands of lines, small enough to stay in memory twice.
    public static let blockBytes = 4 << 20

    /// Scans `fd` from `start` to its end. `keptSeq` asks for the hash of one line back (for
    /// `verify --head`). Throws at the first damaged line, naming it.
    public static func scan(fd: Int32, path: String, from start: JournalPosition = .origin, keepingHashOf keptSeq: Int64? = nil,
                            blockBytes: Int = blockBytes, _ visit: (Event) throws -> Void) throws -> (end: JournalPosition, kept: JournalHead?) {
        try scanLines(fd: fd, path: path, from: start, keepingHashOf: keptSeq, blockBytes: blockBytes) { event, _ in try visit(event) }
    }

    /// As `scan`, also giving the position just past each event's line.
    public static func scanLines(fd: Int32, path: String, from start: JournalPosition = .origin, keepingHashOf keptSeq: Int64? = nil,
                                 blockBytes: Int = blockBytes, _ visit: (Event, JournalPosition) throws -> Void) throws -> (end: JournalPosition, kept: JournalHead?) {
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw JournalError.system(path: path, operation: "stat", errno: errno) }
        let size = Int64(info.st_size)
        guard size <= Limits.journalBytesMax else { throw JournalError.tooLarge(path: path) }
        var position = start
        var kept: JournalHead? = keptSeq == start.head.seq && keptSeq != nil ? start.head : nil
        // A line never straddles more than the block and one line's worth of carry.
        let blockBytes = Int(min(Int64(blockBytes), max(0, size - start.offset)))
        var buffer = [UInt8](repeating: 0, count: blockBytes + Limits.lineBytesMax + 1)
        var carried = 0          // bytes of an unfinished line carried to the front of the buffer
        var readOffset = start.offset
        while readOffset < size || carried > 0 {
            let room = buffer.count - carried
            let count = try readBlock(fd, path, into: &buffer, at: carried, length: min(room, Int(max(0, size - readOffset))), offset: readOffset)
            readOffset += Int64(count)
            let filled = carried + count
            let atEnd = readOffset >= size
            let complete = buffer.withUnsafeBytes { lastNewline(in: $0, upTo: filled) }
            guard let complete else {
                if atEnd && filled > 0 { throw JournalError.tornTail(line: Int(position.head.seq) + 1) }
                if filled > Limits.lineBytesMax {
                    throw JournalError.damaged(line: Int(position.head.seq) + 1, reason: "longer than the limit of \(Limits.lineBytesMax) bytes")
                }
                carried = filled
                continue
            }
            let decoded = try buffer.withUnsafeBytes { bytes in
                try decodeLines(UnsafeRawBufferPointer(rebasing: bytes[..<(complete + 1)]), firstLine: Int(position.head.seq) + 1)
            }
            for item in decoded {
                try link(item, after: position.head)
                position = JournalPosition(head: JournalHead(seq: item.event.seq, hash: item.hash), offset: position.offset + Int64(item.length))
                if item.event.seq == keptSeq { kept = position.head }
                try visit(item.event, position)
            }
            carried = filled - (complete + 1)
            if carried > 0 {
                buffer.withUnsafeMutableBytes { $0.baseAddress!.copyMemory(from: $0.baseAddress! + complete + 1, byteCount: carried) }
            }
            if atEnd && carried > 0 {
                guard carried <= Limits.lineBytesMax else {
                    throw JournalError.damaged(line: Int(position.head.seq) + 1, reason: "longer than the limit of \(Limits.lineBytesMax) bytes")
                }
                throw JournalError.tornTail(line: Int(position.head.seq) + 1)
            }
            if atEnd { break }
        }
        return (position, kept)
    }

    struct DecodedLine {
        let event: Event
        let prev: SHA256Digest
        let hash: SHA256Digest
        /// Bytes of the line including its newline.
        let length: Int
    }

    /// Splits `bytes` (whole lines, each ending in a newline) in two at a line boundary and
    /// decodes the halves on two threads. The first failure in line order is thrown.
    static func decodeLines(_ bytes: UnsafeRawBufferPointer, firstLine: Int) throws -> [DecodedLine] {
        let middle = bytes.count < 64 * 1024 ? bytes.count
            : (memchr(bytes.baseAddress! + bytes.count / 2, 0x0A, bytes.count - bytes.count / 2).map { UnsafeRawPointer($0) - bytes.baseAddress! + 1 } ?? bytes.count)
        let halves = [0..<middle, middle..<bytes.count]
        var results: [Result<[DecodedLine], JournalError>] = [.success([]), .success([])]
        var linesBeforeSecond = 0
        for byte in UnsafeRawBufferPointer(rebasing: bytes[..<middle]) where byte == 0x0A { linesBeforeSecond += 1 }
        results.withUnsafeMutableBufferPointer { slots in
            let slots = slots
            DispatchQueue.concurrentPerform(iterations: halves[1].isEmpty ? 1 : 2) { index in
                let part = UnsafeRawBufferPointer(rebasing: bytes[halves[index]])
                slots[index] = decodeHalf(part, firstLine: firstLine + (index == 0 ? 0 : linesBeforeSecond))
            }
        }
        var lines = try results[0].get()
        lines += try results[1].get()
        return lines
    }

    static func decodeHalf(_ bytes: UnsafeRawBufferPointer, firstLine: Int) -> Result<[DecodedLine], JournalError> {
        var lines: [DecodedLine] = []
        lines.reserveCapacity(bytes.count / 300)
        var start = 0
        var number = firstLine
        while start < bytes.count {
            guard let found = memchr(bytes.baseAddress! + start, 0x0A, bytes.count - start) else { break }
            let end = UnsafeRawPointer(found) - bytes.baseAddress!
            guard end - start <= Limits.lineBytesMax else {
                return .failure(.damaged(line: number, reason: "longer than the limit of \(Limits.lineBytesMax) bytes"))
            }
            let line = UnsafeRawBufferPointer(rebasing: bytes[start..<end])
            do throws(LineProblem) {
                let decoded: EventDecoder.Decoded
                if let fast = FastPaymentDecoder.decode(line) { decoded = fast } else { decoded = try EventDecoder.decode(line) }
                lines.append(DecodedLine(event: decoded.event, prev: decoded.prev, hash: decoded.hash, length: end - start + 1))
            } catch {
                return .failure(.damaged(line: number, reason: error.reason + (error.reason.contains("hash") ? " (the line was edited)" : "")))
            }
            start = end + 1
            number += 1
        }
        return .success(lines)
    }

    static func link(_ line: DecodedLine, after head: JournalHead) throws(JournalError) {
        let expected = head.seq + 1
        let number = Int(expected)
        if line.event.seq != expected {
            let what = line.event.seq > expected ? "a line before it was removed" : "lines were reordered or repeated"
            throw .damaged(line: number, reason: "seq \(line.event.seq) where \(expected) was expected (\(what))")
        }
        if line.prev != head.hash {
            throw .damaged(line: number, reason: "does not chain to the line before it (a line was removed, replaced or reordered)")
        }
    }

    static func lastNewline(in bytes: UnsafeRawBufferPointer, upTo count: Int) -> Int? {
        var index = count - 1
        while index >= 0 {
            if bytes[index] == 0x0A { return index }
            index -= 1
        }
        return nil
    }

    static func readBlock(_ fd: Int32, _ path: String, into buffer: inout [UInt8], at position: Int, length: Int, offset: Int64) throws -> Int {
        var filled = 0
        while filled < length {
            let count = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress! + position + filled, length - filled, off_t(offset + Int64(filled))) }
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { throw JournalError.system(path: path, operation: "read", errno: errno) }
            if count == 0 { break }
            filled += count
        }
        return filled
    }
}
