import BudgetModel
import Dispatch
#if canImport(Glibc)
import Glibc
#endif

/// Reading a checkpoint's bytes back into the summary they hold (see `Checkpoint` for the format).
extension Checkpoint {
    /// The summary in `bytes`, or nil when they are not a complete checkpoint of this version,
    /// authenticated by `key`.
    public static func decode(_ bytes: [UInt8], key: CheckpointKey) -> JournalSummary? {
        let endLine = 4 + 64 + 1
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
        // Four independent parts, on both cores: the authentication of everything; the events, in
        // two halves; the keys, the line index and the totals' shape. Nothing decoded is used
        // unless the authentication holds. A command that appends one payment spends most of its
        // time here.
        var authenticated = false
        var halves: [[Event]?] = [nil, nil]
        var rest: (keys: KeyIndex, index: [JournalPosition], totals: CheckpointTotals, lastSeqs: [Int64])?
        let middle = eventLines.count / 2
        halves.withUnsafeMutableBufferPointer { halves in
            let halves = halves
            withUnsafeMutablePointer(to: &authenticated) { authenticated in
                withUnsafeMutablePointer(to: &rest) { rest in
                    let (authenticated, rest) = (authenticated, rest)
                    DispatchQueue.concurrentPerform(iterations: 4) { part in
                        switch part {
                        case 0:
                            let tail = String(decoding: bytes[(bytes.count - endLine)...], as: UTF8.self)
                            authenticated.pointee = tail == "mac \(mac(body, key: key).hex)\n"
                        case 1, 2:
                            halves[part - 1] = decodeEvents(part == 1 ? eventLines[..<middle] : eventLines[middle...])
                        default:
                            rest.pointee = decodeIndexes(keyBytes: keyBytes, indexLines: indexLines, totalLines: totalLines, headSeq: seq)
                        }
                    }
                }
            }
        }
        guard authenticated, let first = halves[0], let second = halves[1], let rest else { return nil }
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
}
