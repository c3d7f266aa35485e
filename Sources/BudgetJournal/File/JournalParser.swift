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
        var head = JournalHead.empty
        var kept: JournalHead?
        for line in decoded.lines {
            try JournalScanner.link(line, after: head)
            head = JournalHead(seq: line.event.seq, hash: line.hash)
            if head.seq == keptSeq { kept = head }
        }
        if let failure = decoded.failure { throw failure }
        if complete < bytes.count {
            let number = decoded.lines.count + 1
            throw bytes.count - complete > Limits.lineBytesMax
                ? .damaged(line: number, reason: "longer than the limit of \(Limits.lineBytesMax) bytes")
                : .tornTail(line: number)
        }
        return (decoded.lines.map(\.event), head, kept)
    }
}
