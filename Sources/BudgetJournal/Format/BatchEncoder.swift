import BudgetModel
import Dispatch

/// Encodes many events as chained journal lines, using both cores. Each line's hash depends on
/// the line before (its `prev`), so hashing looks sequential; but `prev` comes last in the line,
/// so the SHA-256 of everything before it does not depend on it. That part — most of each line —
/// is encoded and hashed on both cores at once; only the last block or two of each hash, over
/// `prev`, is done in order. The bytes are exactly those of `EventEncoder.line`.
public enum BatchEncoder {
    /// The lines of `events` (seqs contiguous after `head`), each ending in a newline, and the
    /// position after each.
    public static func lines(for events: [Event], after head: JournalHead) -> (bytes: [UInt8], heads: [JournalHead], lengths: [Int]) {
        let prefixes = encodePrefixes(events)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(prefixes.reduce(0) { $0 + $1.bytes.count + 144 })
        var heads: [JournalHead] = []
        heads.reserveCapacity(events.count)
        var lengths: [Int] = []
        lengths.reserveCapacity(events.count)
        var prev = head.hash
        let hashMember = Array(",\"hash\":\"".utf8)
        for (event, prefix) in zip(events, prefixes) {
            precondition(event.seq == (heads.last?.seq ?? head.seq) + 1, "appended events carry contiguous seqs")
            let start = bytes.count
            bytes += prefix.bytes
            // The previous hash and the closing quote go into the line, then into this line's hash.
            let prevStart = bytes.count
            appendHex(prev, to: &bytes)
            bytes.append(UInt8(ascii: "\""))
            var hasher = prefix.hasher
            bytes.withUnsafeBytes { hasher.update(UnsafeRawBufferPointer(rebasing: $0[prevStart...])) }
            let hash = hasher.finalize()
            bytes += hashMember
            appendHex(hash, to: &bytes)
            bytes += [UInt8(ascii: "\""), UInt8(ascii: "}"), 0x0A]
            lengths.append(bytes.count - start - 1)
            heads.append(JournalHead(seq: event.seq, hash: hash))
            prev = hash
        }
        return (bytes, heads, lengths)
    }

    /// 64 lowercase hex digits, straight into `out`.
    static func appendHex(_ digest: SHA256Digest, to out: inout [UInt8]) {
        let digits: StaticString = "0123456789abcdef"
        withUnsafeBytes(of: digest.storage) { raw in
            for byte in raw {
                out.append(digits.utf8Start[Int(byte >> 4)])
                out.append(digits.utf8Start[Int(byte & 0x0F)])
            }
        }
    }

    /// Everything of each line up to and including `,"prev":"`, and the hasher having taken it in.
    struct Prefix {
        var bytes: [UInt8]
        var hasher: SHA256
    }

    static func encodePrefixes(_ events: [Event]) -> [Prefix] {
        var prefixes = [Prefix?](repeating: nil, count: events.count)
        let parts = events.count < 512 ? 1 : 2
        prefixes.withUnsafeMutableBufferPointer { slots in
            let slots = slots
            DispatchQueue.concurrentPerform(iterations: parts) { part in
                let range = (part * events.count / parts)..<((part + 1) * events.count / parts)
                for index in range { slots[index] = prefix(of: events[index]) }
            }
        }
        return prefixes.map { $0! }
    }

    static func prefix(of event: Event) -> Prefix {
        var bytes: [UInt8] = []
        if case .disbursed(let payment) = event.body {
            bytes.reserveCapacity(320)
            PaymentLineWriter.append(event, payment, to: &bytes)
        } else {
            bytes = Array(EventEncoder.unchainedBody(for: event).utf8)
        }
        var hasher = SHA256()
        hasher.update(bytes)
        return Prefix(bytes: bytes, hasher: hasher)
    }
}
