import BudgetModel

/// Projects' parts as they stand in the checkpoint's S pages (see `Checkpoint`).
extension Checkpoint {
    /// One project's part on a page: where its id and its lines lie, and the id's fingerprint.
    struct PagePart {
        let id: Range<Int>
        let fingerprint: UInt64
        let bytes: Range<Int>
    }

    /// The order of parts: by the fingerprint of the id, then by the id's bytes.
    static func precedes(_ a: (fingerprint: UInt64, project: String), _ b: (fingerprint: UInt64, project: String)) -> Bool {
        a.fingerprint != b.fingerprint ? a.fingerprint < b.fingerprint : a.project.utf8.lexicographicallyPrecedes(b.project.utf8)
    }

    /// Whether the part with id bytes `id` and `fingerprint` comes before project `b`.
    static func precedes(_ id: ArraySlice<UInt8>, _ fingerprint: UInt64, _ b: (fingerprint: UInt64, project: String)) -> Bool {
        fingerprint != b.fingerprint ? fingerprint < b.fingerprint : id.lexicographicallyPrecedes(b.project.utf8)
    }

    static func write(part: ProjectSummary, of project: String, to out: inout ByteWriter) {
        out.text("p\t"); out.text(project); out.newline()
        for line in part.events { write(line, to: &out) }
        for total in part.totals {
            let economic = total.key.economicClass ?? "-", functional = total.key.functionalClass ?? "-"
            // The tag and source (12), the date (10), three numbers of up to 20 and the tabs (9).
            out.line(bytesMax: 91 + economic.utf8.count + functional.utf8.count) { line in
                line.literal("t\t"); line.text(total.key.source.rawValue); line.append(0x09)
                PaymentLineWriter.date(total.key.date, &line); line.append(0x09)
                DecimalDigits.append(total.amount.fen, to: &line); line.append(0x09)
                DecimalDigits.append(Int64(total.count), to: &line); line.append(0x09)
                DecimalDigits.append(total.lastSeq, to: &line); line.append(0x09)
                line.text(economic); line.append(0x09); line.text(functional); line.append(0x0A)
            }
        }
    }

    /// An event's line as an `e` line.
    static func write(_ line: LineRef, to out: inout ByteWriter) {
        // The tag (2), three numbers of up to 20, sixteen hex digits, the tabs and the newline.
        out.line(bytesMax: 82) { cursor in
            cursor.literal("e\t"); DecimalDigits.append(line.seq, to: &cursor); cursor.append(0x09)
            DecimalDigits.append(line.offset, to: &cursor); cursor.append(0x09)
            DecimalDigits.append(Int64(line.length), to: &cursor); cursor.append(0x09)
            ByteWriter.hex(line.hashPrefix, to: &cursor); cursor.append(0x0A)
        }
    }

    /// The parts on a page, in order; nil unless each begins with a `p` line and they ascend by
    /// fingerprint, then id.
    static func parts(onPage page: ArraySlice<UInt8>) -> [PagePart]? {
        var parts: [PagePart] = []
        var lines = LineSequence(bytes: page)
        var open: (id: Range<Int>, fingerprint: UInt64, start: Int)?
        var lineStart = page.startIndex
        while let line = lines.next() {
            defer { lineStart = lines.index }
            guard line.first == UInt8(ascii: "p") else {
                guard open != nil else { return nil }
                continue
            }
            guard line.count > 2, line[line.startIndex + 1] == 0x09 else { return nil }
            let id = (line.startIndex + 2)..<line.endIndex
            let fingerprint = page[id].withUnsafeBufferPointer { Fingerprint.of(utf8: $0) }
            if let previous = open {
                guard previous.fingerprint < fingerprint
                        || (previous.fingerprint == fingerprint && page[previous.id].lexicographicallyPrecedes(page[id])) else { return nil }
                parts.append(PagePart(id: previous.id, fingerprint: previous.fingerprint, bytes: previous.start..<lineStart))
            }
            open = (id, fingerprint, lineStart)
        }
        if let last = open { parts.append(PagePart(id: last.id, fingerprint: last.fingerprint, bytes: last.start..<page.endIndex)) }
        return parts
    }

    /// The part whose lines are `bytes` (its `p` line first), checked against the journal up to
    /// `position`: events ascending, every seq and line within it; nil when any line is not so.
    /// Read where the bytes lie: an import reads back tens of thousands of totals before it
    /// admits a row.
    static func decodePart(_ bytes: ArraySlice<UInt8>, project: String, within position: JournalPosition) -> ProjectSummary? {
        bytes.withUnsafeBytes { decodePart($0, project: project, within: position) }
    }

    static func decodePart(_ bytes: UnsafeRawBufferPointer, project: String, within position: JournalPosition) -> ProjectSummary? {
        var lines = RawLines(bytes)
        _ = lines.next()   // p ID
        var events: [LineRef] = []
        var part = ProjectSummary()
        var lastTotalSeq: Int64 = 0
        // Totals come in the order of their last payments, so in runs of one date.
        var dates = RepeatedDate()
        while let line = lines.next() {
            var fields = RawFieldCursor(line)
            let tag = fields.next()
            switch tag?.count == 1 ? tag![0] : 0 {
            case UInt8(ascii: "e"):
                guard let event = lineRef(&fields, within: position), events.last.map({ $0.seq < event.seq }) ?? true else { return nil }
                events.append(event)
            case UInt8(ascii: "t"):
                guard let source = fields.next().flatMap(fundSource), let date = fields.next().flatMap({ dates.date($0) }),
                      let fen = fields.next().flatMap(integer), let count = fields.next().flatMap(integer), count >= 1,
                      let lastSeq = fields.next().flatMap(integer), let economic = fields.next().flatMap(classCode),
                      let functional = fields.next().flatMap(classCode), fields.atEnd,
                      lastSeq >= 1, lastSeq <= position.head.seq, lastTotalSeq < lastSeq,
                      part.addNewTotal(of: project, source: source, date: date, economicClass: economic.code,
                                       functionalClass: functional.code, fen: fen, count: Int(count), lastSeq: lastSeq)
                else { return nil }
                lastTotalSeq = lastSeq
            default:
                return nil
            }
        }
        part.events = events
        return part
    }

    /// The `e` lines of a W page, ascending by seq, each within the journal up to `position`.
    static func wideLines(_ bytes: UnsafeRawBufferPointer, within position: JournalPosition, after last: LineRef?) -> [LineRef]? {
        var lines = RawLines(bytes)
        var wide: [LineRef] = []
        while let line = lines.next() {
            var fields = RawFieldCursor(line)
            guard let tag = fields.next(), tag.count == 1, tag[0] == UInt8(ascii: "e"), let event = lineRef(&fields, within: position),
                  (wide.last ?? last).map({ $0.seq < event.seq }) ?? true else { return nil }
            wide.append(event)
        }
        return wide
    }

    /// The `DATE SEQ` lines of a D page: dates ascending, each seq within the journal up to `position`.
    static func lastSeqs(_ bytes: UnsafeRawBufferPointer, within position: JournalPosition,
                         after last: BusinessDate?) -> [(date: BusinessDate, seq: Int64)]? {
        var lines = RawLines(bytes)
        var dates: [(date: BusinessDate, seq: Int64)] = []
        while let line = lines.next() {
            var fields = RawFieldCursor(line)
            guard let date = fields.next().flatMap({ BusinessDate(utf8: $0.bindMemory(to: UInt8.self)) }),
                  let seq = fields.next().flatMap(integer), fields.atEnd, seq >= 1, seq <= position.head.seq,
                  (dates.last?.date ?? last).map({ $0 < date }) ?? true else { return nil }
            dates.append((date, seq))
        }
        return dates
    }

    /// A classification code of a `t` line, or `-` for none; nil when it is neither.
    static func classCode(_ bytes: UnsafeRawBufferPointer) -> (code: String?, valid: Void)? {
        if bytes.count == 1 && bytes[0] == UInt8(ascii: "-") { return (nil, ()) }
        let code = String(decoding: bytes, as: UTF8.self)
        return ClassCode.isWellFormed(code) ? (code, ()) : nil
    }

    /// `SEQ OFFSET LENGTH HASH16` of an `e` line, within the journal up to `position`.
    static func lineRef(_ fields: inout RawFieldCursor, within position: JournalPosition) -> LineRef? {
        guard let seq = fields.next().flatMap(integer), let offset = fields.next().flatMap(integer),
              let length = fields.next().flatMap(integer), let prefix = fields.next().flatMap(hex64), fields.atEnd,
              seq >= 1, seq <= position.head.seq, length >= 1, length <= Int64(Limits.lineBytesMax),
              offset + length + 1 <= position.offset
        else { return nil }
        return LineRef(seq: seq, offset: offset, length: Int32(length), hashPrefix: prefix)
    }
}
