import BudgetModel

/// Splits journal bytes into lines and checks each: its own hash, its seq, and its link to the
/// line before. The first failure stops the read and names its line: a damaged journal is
/// never silently skipped.
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
        var events: [Event] = []
        var head = JournalHead.empty
        var kept: JournalHead?
        var start = 0
        var lineNumber = 0
        while start < bytes.count {
            lineNumber += 1
            let end = newline(in: bytes, from: start)
            guard end - start <= Limits.lineBytesMax else {
                throw .damaged(line: lineNumber, reason: "longer than the limit of \(Limits.lineBytesMax) bytes")
            }
            guard end < bytes.count else { throw .tornTail(line: lineNumber) }
            guard events.count < Limits.eventsMax else {
                throw .damaged(line: lineNumber, reason: "past the limit of \(Limits.eventsMax) events")
            }
            let line = UnsafeRawBufferPointer(rebasing: bytes[start..<end])
            let decoded: EventDecoder.Decoded
            do { decoded = try EventDecoder.decode(line) } catch { throw JournalScanner.damaged(error, line: lineNumber) }
            try JournalScanner.link(seq: decoded.event.seq, prev: decoded.prev, after: head)
            events.append(decoded.event)
            head = JournalHead(seq: decoded.event.seq, hash: decoded.hash)
            if head.seq == keptSeq { kept = head }
            start = end + 1
        }
        return (events, head, kept)
    }

    private static func newline(in bytes: UnsafeRawBufferPointer, from start: Int) -> Int {
        var index = start
        // A bounded scan: past the line limit we stop looking, so a file with no newlines costs little.
        let limit = min(bytes.count, start + Limits.lineBytesMax + 1)
        while index < limit {
            if bytes[index] == 0x0A { return index }
            index += 1
        }
        return limit == bytes.count ? bytes.count : limit
    }
}
