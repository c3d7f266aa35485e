import BudgetModel
#if canImport(Glibc)
import Glibc
#endif

/// The checkpoint file beside a journal (`PATH.checkpoint`): a `JournalSummary` written out so
/// that the next command need not read the whole journal. It is derived and disposable. Its last
/// line is the SHA-256 of the rest, so a damaged checkpoint is noticed and rebuilt; and it names
/// the seq, hash and offset of the journal line it covers, so it is used only if that line is
/// still there, unchanged (see `JournalFile.summary()`).
///
/// Format, one record a line:
///
///     budget-checkpoint 1 SEQ HASH OFFSET
///     <each summarised non-payment event, as a journal line chained from zero>
///     t PROJECT SOURCE DATE FEN COUNT LASTSEQ      (tab-separated, one per payment total)
///     k FINGERPRINT SEQ                            (client keys)
///     i SEQ HASH OFFSET                            (the line index)
///     end SHA256-OF-EVERYTHING-ABOVE
public enum Checkpoint {
    public static let version = 1

    public static func path(for journal: String) -> String { journal + ".checkpoint" }

    public static func encode(_ summary: JournalSummary) -> [UInt8] {
        let head = summary.position
        var text = "budget-checkpoint \(version) \(head.head.seq) \(head.head.hash.hex) \(head.offset)\n"
        for event in summary.events { text += EventEncoder.line(for: event, prev: .zero).text + "\n" }
        for total in summary.paymentTotals.values.sorted(by: { $0.lastSeq < $1.lastSeq }) {
            text += "t\t\(total.key.project)\t\(total.key.source.rawValue)\t\(total.key.date.text)\t\(total.amount.fen)\t\(total.count)\t\(total.lastSeq)\n"
        }
        for (fingerprint, seqs) in summary.seqByKeyFingerprint.sorted(by: { $0.key < $1.key }) {
            for seq in seqs { text += "k\t\(fingerprint)\t\(seq)\n" }
        }
        for entry in summary.lineIndex { text += "i\t\(entry.head.seq)\t\(entry.head.hash.hex)\t\(entry.offset)\n" }
        text += "end \(SHA256.hash(text).hex)\n"
        return Array(text.utf8)
    }

    /// The summary in `bytes`, or nil when they are not a complete, intact checkpoint of this version.
    public static func decode(_ bytes: [UInt8]) -> JournalSummary? {
        guard bytes.count > 70, bytes.last == 0x0A else { return nil }
        let body = bytes[..<(bytes.count - 70)]
        let tail = String(decoding: bytes[(bytes.count - 70)...], as: UTF8.self)
        guard tail.hasPrefix("end "), SHA256.hash(Array(body)).hex == tail.dropFirst(4).dropLast() else { return nil }
        var lines = body.split(separator: 0x0A)[...]
        guard let header = lines.popFirst().map({ String(decoding: $0, as: UTF8.self).split(separator: " ") }),
              header.count == 5, header[0] == "budget-checkpoint", header[1] == "\(version)",
              let seq = Int64(header[2]), let hash = SHA256Digest(hex: String(header[3])), let offset = Int64(header[4])
        else { return nil }
        var events: [Event] = []
        var totals: [PaymentTotal.Key: PaymentTotal] = [:]
        var keys: [UInt64: [Int64]] = [:]
        var index: [JournalPosition] = []
        for line in lines {
            if line.first == UInt8(ascii: "{") {
                guard let decoded = try? line.withUnsafeBytes({ try EventDecoder.decode($0) }) else { return nil }
                events.append(decoded.event)
                continue
            }
            let fields = line.split(separator: 0x09, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
            switch fields.first {
            case "t":
                guard fields.count == 7, let source = FundSource(rawValue: fields[2]), let date = BusinessDate(fields[3]),
                      let fen = Int64(fields[4]), let count = Int(fields[5]), let last = Int64(fields[6]) else { return nil }
                let key = PaymentTotal.Key(project: fields[1], source: source, date: date)
                totals[key] = PaymentTotal(key: key, amount: Money(fen: fen), count: count, lastSeq: last)
            case "k":
                guard fields.count == 3, let fingerprint = UInt64(fields[1]), let keySeq = Int64(fields[2]) else { return nil }
                keys[fingerprint, default: []].append(keySeq)
            case "i":
                guard fields.count == 4, let entrySeq = Int64(fields[1]), let entryHash = SHA256Digest(hex: fields[2]),
                      let entryOffset = Int64(fields[3]) else { return nil }
                index.append(JournalPosition(head: JournalHead(seq: entrySeq, hash: entryHash), offset: entryOffset))
            default:
                return nil
            }
        }
        return JournalSummary(position: JournalPosition(head: JournalHead(seq: seq, hash: hash), offset: offset),
                              events: events, paymentTotals: totals, seqByKeyFingerprint: keys, lineIndex: index)
    }

    /// Writes atomically: a temporary file renamed over the old checkpoint. No fsync: a
    /// checkpoint lost in a crash is only rebuilt.
    public static func write(_ summary: JournalSummary, forJournal journal: String) {
        let target = path(for: journal)
        let temporary = target + ".tmp-\(getpid())"
        let bytes = encode(summary)
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
        var bytes = [UInt8](repeating: 0, count: Int(info.st_size))
        let count = bytes.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress!, $0.count) }
        guard count == bytes.count else { return nil }
        return decode(bytes)
    }
}
