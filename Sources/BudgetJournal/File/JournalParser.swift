import BudgetText
import BudgetModel

/// Checks journal bytes held in memory, line by line, as the scanner checks a file: each line's
/// own hash, its seq, and its link to the line before, with the scanner's own decoding. The
/// first failure stops the read and names its line: a damaged journal is never silently skipped.
public enum JournalParser {
    public typealias Parsed = (events: [Event], head: JournalHead, kept: JournalHead?)

    public static func parse(_ bytes: ArraySlice<UInt8>, keepingHashOf keptSeq: Int64? = nil) throws(JournalError) -> Parsed {
        let result = bytes.withUnsafeBytes { buffer in
            Result { () throws(JournalError) in try parse(buffer, keepingHashOf: keptSeq) }
        }
        return try result.get()
    }

    /// Parses every line. `keptSeq` names one line whose hash the caller wants back as `kept`,
    /// to check a head published earlier.
    public static func parse(_ bytes: UnsafeRawBufferPointer, keepingHashOf keptSeq: Int64? = nil) throws(JournalError) -> Parsed {
        let complete = JournalScanner.lastNewline(in: bytes, upTo: bytes.count).map { $0 + 1 } ?? 0
        let decoded = JournalScanner.decodeHalf(UnsafeRawBufferPointer(rebasing: bytes[..<complete]), firstLine: 1)
        var position = JournalPosition.origin
        var kept: JournalHead?
        var batch = JournalScanner.OpenBatch()
        for line in decoded.lines {
            try JournalScanner.link(line, after: position.head)
            try batch.take(seq: line.event.seq, batch: line.batch, at: position)
            position = JournalPosition(head: JournalHead(seq: line.event.seq, hash: line.hash), offset: position.offset + Int64(line.length))
            if position.head.seq == keptSeq { kept = position.head }
        }
        if let failure = decoded.failure { throw failure }
        if complete < bytes.count, bytes.count - complete > Limits.lineBytesMax {
            throw .damaged(line: decoded.lines.count + 1, reason: Message(.longerThanLimitOfBytes, Limits.lineBytesMax))
        }
        try batch.finish(tornAt: complete < bytes.count ? decoded.lines.count + 1 : nil)
        let head = position.head
        return (decoded.lines.map(\.event), head, kept)
    }
}
