import BudgetModel
import Dispatch
#if canImport(Glibc)
import Glibc
#endif

/// The checkpoint file beside a journal (`PATH.checkpoint`): a `JournalSummary` written out so
/// that the next command need not read the whole journal. It is derived and disposable. Its last
/// line is a 64-bit checksum of the rest, so a damaged checkpoint is noticed and rebuilt; and it
/// names the seq, hash and offset of the journal line it covers, so it is used only if that line
/// is still there, unchanged (see `JournalFile.summary()`).
///
/// Format (version 2), one record a line, then the key index in binary:
///
///     budget-checkpoint 2 SEQ HASH OFFSET EVENTS TOTALS KEYS
///     <each summarised non-payment event, as a journal line chained from zero>
///     t PROJECT SOURCE DATE FEN COUNT LASTSEQ      (tab-separated, one per payment total)
///     i SEQ HASH OFFSET                            (the line index)
///     <KEYS × 16 bytes: fingerprint, seq; little-endian; ascending> (client keys)
///     end CHECKSUM-OF-EVERYTHING-ABOVE             (16 hex digits)
///
/// The keys are binary because a journal whose payments carry client ids (`--id`, an import's id
/// column) has one per event: as text, parsing a million of them was most of a `budget pay`.
/// A version 1 checkpoint (keys as text lines) is not read; it is rebuilt.
public enum Checkpoint {
    public static let version = 2

    /// Journals smaller than this are always read whole, and get no checkpoint: reading them
    /// costs a few tens of milliseconds, and a full read checks every line of them every time.
    /// Past it, a command trusts the checkpoint up to the line it names (checked, with every
    /// line after it) and leaves the full check of the lines before to `budget verify`.
    public static let journalBytesMin: Int64 = 8 << 20

    public static func path(for journal: String) -> String { journal + ".checkpoint" }

    public static func encode(_ summary: JournalSummary) -> [UInt8] {
        let head = summary.position
        var totals = ByteWriter()
        let totalCount = summary.writeTotals(to: &totals)
        var out = ByteWriter()
        out.bytes.reserveCapacity(totals.bytes.count + summary.keyIndex.count * 32 + summary.events.count * 320 + summary.lineIndex.count * 96 + 256)
        let keys = summary.keyIndex.entries
        out.text("budget-checkpoint \(version) \(head.head.seq) \(head.head.hash.hex) \(head.offset) \(summary.events.count) \(totalCount) \(keys.count)\n")
        summary.writeEventLines(to: &out)
        out.bytes += totals.bytes
        for entry in summary.lineIndex {
            out.text("i\t"); out.integer(entry.head.seq); out.byte(0x09); BatchEncoder.appendHex(entry.head.hash, to: &out.bytes)
            out.byte(0x09); out.integer(entry.offset); out.byte(0x0A)
        }
        let start = out.bytes.count
        out.bytes.append(contentsOf: repeatElement(0, count: keys.count * KeyIndex.Entry.bytes))
        out.bytes.withUnsafeMutableBytes { buffer in
            for (index, entry) in keys.enumerated() { entry.store(to: buffer.baseAddress! + start + index * KeyIndex.Entry.bytes) }
        }
        out.text("end \(hex16(fileChecksum(out.bytes[...])))\n")
        return out.bytes
    }

    /// One payment total as its checkpoint line.
    static func write(_ total: PaymentTotal, to out: inout ByteWriter) {
        out.text("t\t"); out.text(total.key.project); out.byte(0x09); out.text(total.key.source.rawValue); out.byte(0x09)
        out.text(total.key.date.text); out.byte(0x09); out.integer(total.amount.fen); out.byte(0x09)
        out.integer(Int64(total.count)); out.byte(0x09); out.integer(total.lastSeq); out.byte(0x0A)
    }

    /// Appends text and numbers as bytes: a checkpoint has hundreds of thousands of short lines.
    struct ByteWriter {
        var bytes: [UInt8] = []

        mutating func text(_ text: String) { bytes.append(contentsOf: text.utf8) }
        mutating func byte(_ byte: UInt8) { bytes.append(byte) }

        mutating func integer(_ value: Int64) { DecimalDigits.append(value, to: &bytes) }
    }

    /// The summary in `bytes`, or nil when they are not a complete, intact checkpoint of this version.
    public static func decode(_ bytes: [UInt8]) -> JournalSummary? {
        let endLine = 4 + 16 + 1
        guard bytes.count > endLine, bytes.last == 0x0A else { return nil }
        let body = bytes[..<(bytes.count - endLine)]
        var headerLines = LineSequence(bytes: body)
        guard let header = headerLines.next().map({ String(decoding: $0, as: UTF8.self).split(separator: " ") }),
              header.count == 8, header[0] == "budget-checkpoint", header[1] == "\(version)",
              let seq = Int64(header[2]), let hash = SHA256Digest(hex: String(header[3])), let offset = Int64(header[4]),
              let eventCount = Int(header[5]), let totalCount = Int(header[6]), let keyCount = Int(header[7]),
              eventCount >= 0, totalCount >= 0, keyCount >= 0,
              eventCount <= bytes.count / 8, totalCount <= bytes.count / 8 - eventCount,
              keyCount <= (body.count - headerLines.index) / KeyIndex.Entry.bytes
        else { return nil }
        // The text records, then the keys' fixed-size entries up to the end line.
        let keyBytes = body[(body.endIndex - keyCount * KeyIndex.Entry.bytes)...]
        var lines = LineSequence(bytes: body[headerLines.index..<keyBytes.startIndex])
        guard keyBytes.startIndex == headerLines.index || body[keyBytes.startIndex - 1] == 0x0A else { return nil }
        var eventLines: [ArraySlice<UInt8>] = []
        eventLines.reserveCapacity(eventCount)
        var totalLines: [ArraySlice<UInt8>] = []
        totalLines.reserveCapacity(totalCount)
        var indexLines: [ArraySlice<UInt8>] = []
        while let line = lines.next() {
            switch line.first {
            case UInt8(ascii: "{"): eventLines.append(line)
            case UInt8(ascii: "t"): totalLines.append(line)
            case UInt8(ascii: "i"): indexLines.append(line)
            default: return nil
            }
        }
        guard eventLines.count == eventCount, totalLines.count == totalCount else { return nil }
        // Four independent parts, on both cores: the checksum of everything; the events, in two
        // halves; the keys, the line index and the totals' shape. A command that appends one
        // payment spends most of its time here.
        var checksumMatches = false
        var halves: [[Event]?] = [nil, nil]
        var rest: (keys: KeyIndex, index: [JournalPosition], totals: CheckpointTotals, lastSeqs: [Int64])?
        let middle = eventLines.count / 2
        halves.withUnsafeMutableBufferPointer { halves in
            let halves = halves
            withUnsafeMutablePointer(to: &checksumMatches) { checksumMatches in
                withUnsafeMutablePointer(to: &rest) { rest in
                    let (checksumMatches, rest) = (checksumMatches, rest)
                    DispatchQueue.concurrentPerform(iterations: 4) { part in
                        switch part {
                        case 0:
                            let tail = String(decoding: bytes[(bytes.count - endLine)...], as: UTF8.self)
                            checksumMatches.pointee = tail == "end \(hex16(fileChecksum(body)))\n"
                        case 1, 2:
                            halves[part - 1] = decodeEvents(part == 1 ? eventLines[..<middle] : eventLines[middle...])
                        default:
                            rest.pointee = decodeIndexes(keyBytes: keyBytes, indexLines: indexLines, totalLines: totalLines, headSeq: seq)
                        }
                    }
                }
            }
        }
        guard checksumMatches, let first = halves[0], let second = halves[1], let rest else { return nil }
        let events = first + second
        // Folded together, the events and the totals (each carrying its last payment's seq) must
        // come in one strictly rising order up to the head, or the checkpoint is not this
        // ledger's: refused and rebuilt, never folded out of order.
        var previous: Int64 = 0
        for event in events {
            guard event.seq > previous, event.seq <= seq else { return nil }
            previous = event.seq
        }
        var e = 0, t = 0
        while e < events.count && t < rest.lastSeqs.count {
            if events[e].seq == rest.lastSeqs[t] { return nil }
            if events[e].seq < rest.lastSeqs[t] { e += 1 } else { t += 1 }
        }
        return JournalSummary(position: JournalPosition(head: JournalHead(seq: seq, hash: hash), offset: offset),
                              events: events, eventLines: eventLines, checkpointTotals: rest.totals, keyIndex: rest.keys, lineIndex: rest.index)
    }

    /// The summarised events, each a journal line chained from zero; nil if any fails to decode.
    static func decodeEvents(_ lines: ArraySlice<ArraySlice<UInt8>>) -> [Event]? {
        var events: [Event] = []
        events.reserveCapacity(lines.count)
        for line in lines {
            // The checksum vouches for these lines; their own hashes need not be computed again.
            guard let decoded = try? line.withUnsafeBytes({ try EventDecoder.decode($0, verifyingHash: false) }) else { return nil }
            events.append(decoded.event)
        }
        return events
    }

    /// The key index and the line index, parsed, and the totals' lines checked for shape (they
    /// are made into values only when asked for); nil if any line is malformed.
    static func decodeIndexes(keyBytes: ArraySlice<UInt8>, indexLines: [ArraySlice<UInt8>], totalLines: [ArraySlice<UInt8>],
                              headSeq: Int64) -> (keys: KeyIndex, index: [JournalPosition], totals: CheckpointTotals, lastSeqs: [Int64])? {
        let keyEntries = keyBytes.withUnsafeBytes { raw in
            (0..<(raw.count / KeyIndex.Entry.bytes)).map { KeyIndex.Entry(loadingFrom: raw.baseAddress! + $0 * KeyIndex.Entry.bytes) }
        }
        var index: [JournalPosition] = []
        index.reserveCapacity(indexLines.count)
        for line in indexLines {
            var fields = FieldCursor(line: line)
            guard fields.next() == [UInt8(ascii: "i")][...], let entrySeq = fields.next().flatMap(integer),
                  let entryHash = fields.next().flatMap({ SHA256Digest(hex: String(decoding: $0, as: UTF8.self)) }),
                  let entryOffset = fields.next().flatMap(integer), fields.atEnd else { return nil }
            index.append(JournalPosition(head: JournalHead(seq: entrySeq, hash: entryHash), offset: entryOffset))
        }
        var lastSeqs: [Int64] = []
        guard let totals = CheckpointTotals(lines: totalLines, headSeq: headSeq, lastSeqs: &lastSeqs),
              let keys = KeyIndex(sorted: keyEntries) else { return nil }
        return (keys, index, totals, lastSeqs)
    }

    /// `t PROJECT SOURCE DATE FEN COUNT LASTSEQ`, read field by field from the bytes: a large
    /// journal's checkpoint holds tens of thousands of these, and a command reads them all.
    static func paymentTotal(_ line: ArraySlice<UInt8>, project: String) -> PaymentTotal? {
        var fields = FieldCursor(line: line)
        guard fields.next() == [UInt8(ascii: "t")][...], fields.next() != nil, let sourceBytes = fields.next(),
              let dateBytes = fields.next(),
              let fen = fields.next().flatMap(integer), let count = fields.next().flatMap(integer),
              let last = fields.next().flatMap(integer), fields.atEnd,
              let source = fundSource(sourceBytes),
              let date = dateBytes.withUnsafeBufferPointer({ BusinessDate(utf8: $0) })
        else { return nil }
        let key = PaymentTotal.Key(project: project, source: source, date: date)
        return PaymentTotal(key: key, amount: Money(fen: fen), count: Int(count), lastSeq: last)
    }

    static func fundSource(_ bytes: ArraySlice<UInt8>) -> FundSource? {
        for source in FundSource.allCases where bytes.elementsEqual(source.rawValue.utf8) { return source }
        return nil
    }

    /// The lines of a buffer, found with memchr, without an array of them.
    struct LineSequence {
        let bytes: ArraySlice<UInt8>
        var index: Int

        init(bytes: ArraySlice<UInt8>) { self.bytes = bytes; index = bytes.startIndex }

        mutating func next() -> ArraySlice<UInt8>? {
            guard index < bytes.endIndex else { return nil }
            let end = bytes.withUnsafeBytes { buffer -> Int in
                let start = index - bytes.startIndex
                guard let found = memchr(buffer.baseAddress! + start, 0x0A, buffer.count - start) else { return bytes.endIndex }
                return bytes.startIndex + (UnsafeRawPointer(found) - buffer.baseAddress!)
            }
            defer { index = end + 1 }
            return bytes[index..<end]
        }
    }

    /// Tab-separated fields of one line, without allocating.
    struct FieldCursor {
        let line: ArraySlice<UInt8>
        var index: Int

        init(line: ArraySlice<UInt8>) { self.line = line; index = line.startIndex }

        var atEnd: Bool { index > line.endIndex }

        mutating func next() -> ArraySlice<UInt8>? {
            guard index <= line.endIndex else { return nil }
            var end = index
            while end < line.endIndex && line[end] != 0x09 { end += 1 }
            defer { index = end + 1 }
            return line[index..<end]
        }
    }

    /// Up to 18 digits: every count, seq, offset and sum of fen the checkpoint writes.
    static func integer(_ digits: ArraySlice<UInt8>) -> Int64? {
        guard digits.count <= 18, let value = unsignedInteger(digits) else { return nil }
        return Int64(value)
    }

    /// Up to 20 digits, refusing what does not fit in 64 bits: a key's fingerprint.
    static func unsignedInteger(_ digits: ArraySlice<UInt8>) -> UInt64? {
        guard !digits.isEmpty, digits.count <= 20 else { return nil }
        var value: UInt64 = 0
        for byte in digits {
            let digit = byte &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            let (times10, overflow) = value.multipliedReportingOverflow(by: 10)
            let (sum, carry) = times10.addingReportingOverflow(UInt64(digit))
            guard !overflow, !carry else { return nil }
            value = sum
        }
        return value
    }

    /// The checkpoint's own checksum: FNV-1a's step over 64-bit little-endian words in four
    /// interleaved lanes (then the tail byte by byte), folded together. A byte at a time, a
    /// checkpoint holding a million keys took longer to check than the rest of a command.
    static func fileChecksum(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        let prime: UInt64 = 0x100_0000_01b3
        var lanes: (UInt64, UInt64, UInt64, UInt64) = (0xcbf2_9ce4_8422_2325, 0x84222325cbf29ce4, 0x9ce4cbf284222325, 0x2325cbf29ce48422)
        var tail: UInt64 = 0xcbf2_9ce4_8422_2325
        bytes.withUnsafeBytes { raw in
            let words = raw.count / 32 * 4
            var index = 0
            while index < words {
                let at = raw.baseAddress! + index * 8
                lanes.0 = (lanes.0 ^ UInt64(littleEndian: at.loadUnaligned(as: UInt64.self))) &* prime
                lanes.1 = (lanes.1 ^ UInt64(littleEndian: at.loadUnaligned(fromByteOffset: 8, as: UInt64.self))) &* prime
                lanes.2 = (lanes.2 ^ UInt64(littleEndian: at.loadUnaligned(fromByteOffset: 16, as: UInt64.self))) &* prime
                lanes.3 = (lanes.3 ^ UInt64(littleEndian: at.loadUnaligned(fromByteOffset: 24, as: UInt64.self))) &* prime
                index += 4
            }
            for byte in raw[(words * 8)...] { tail = (tail ^ UInt64(byte)) &* prime }
        }
        var folded = tail
        for lane in [lanes.0, lanes.1, lanes.2, lanes.3] { folded = (folded ^ lane) &* prime }
        return folded ^ UInt64(bytes.count)
    }

    /// FNV-1a, 64 bits.
    static func checksum(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        bytes.withUnsafeBufferPointer { Fingerprint.of(utf8: $0) }
    }

    static func hex16(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    /// Writes atomically: a temporary file renamed over the old checkpoint. No fsync: a
    /// checkpoint lost in a crash is only rebuilt.
    public static func write(_ summary: JournalSummary, forJournal journal: JournalFile) {
        guard summary.position.offset >= journal.checkpointBytesMin else { return }
        write(encoded: encode(summary), forJournal: journal)
    }

    /// Writes checkpoint bytes already encoded (see `encode`).
    public static func write(encoded bytes: [UInt8], forJournal journal: JournalFile) {
        let target = path(for: journal.path)
        let temporary = target + ".tmp-\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return }
        let written = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress!, $0.count) }
        close(fd)
        if written == bytes.count { rename(temporary, target) } else { unlink(temporary) }
    }

    /// The checkpoint of `journal` as written, or nil if there is none or it is damaged.
    public static func read(forJournal journal: String) -> JournalSummary? {
        let fd = open(path(for: journal), O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_size > 0, info.st_size < Int(Limits.journalBytesMax) else { return nil }
        guard let bytes = try? FileBytes.read(fd, count: Int(info.st_size), at: 0), bytes.count == Int(info.st_size) else { return nil }
        return decode(bytes)
    }
}
