import BudgetModel
import Dispatch
#if canImport(Glibc)
import Glibc
#endif

/// The checkpoint file beside a journal (`PATH.uUID.checkpoint`, one for each user): a
/// `JournalSummary` written out so that the next command need not read the whole journal. It is
/// derived and disposable. Its last line authenticates the rest with the user's secret key (see
/// `CheckpointKey`), so a damaged or forged checkpoint is refused, set aside and rebuilt, never
/// trusted; and it names the seq, hash and offset of the journal line it covers, so it is used
/// only if that line is still there, unchanged (see `JournalFile.summary()`).
///
/// Format (version 3), one record a line, then the key index in binary:
///
///     budget-checkpoint 3 SEQ HASH OFFSET EVENTS TOTALS KEYS
///     <each summarised non-payment event, as a journal line chained from zero>
///     t PROJECT SOURCE DATE FEN COUNT LASTSEQ      (tab-separated, one per payment total)
///     i SEQ HASH OFFSET                            (the line index)
///     <KEYS × 16 bytes: fingerprint, seq; little-endian; ascending> (client keys)
///     mac HMAC-OF-EVERYTHING-ABOVE                 (64 hex digits; see `mac`)
///
/// The keys are binary because a journal whose payments carry client ids (`--id`, an import's id
/// column) has one per event: as text, parsing a million of them was most of a `budget pay`.
/// Checkpoints of earlier versions (with a checksum anyone could recompute) are not read.
public enum Checkpoint {
    public static let version = 3

    /// Journals smaller than this are always read whole, and get no checkpoint: reading them
    /// costs a few tens of milliseconds, and a full read checks every line of them every time.
    /// Past it, a command trusts the checkpoint up to the line it names (checked, with every
    /// line after it) and leaves the full check of the lines before to `budget verify`.
    public static let journalBytesMin: Int64 = 8 << 20

    public static func encode(_ summary: JournalSummary, key: CheckpointKey) -> [UInt8] {
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
        out.text("mac \(mac(out.bytes[...], key: key).hex)\n")
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
}
