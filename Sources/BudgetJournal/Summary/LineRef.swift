/// A journal line that a summary finds again, rather than holding its event: the event's seq,
/// where its line begins, its length without the newline, and the first eight bytes of its hash.
/// The line is read back and decoded when its event is needed; the hash prefix tells that it is
/// still the line that was summarised.
public struct LineRef: Equatable, Sendable {
    public let seq: Int64
    public let offset: Int64
    public let length: Int32
    public let hashPrefix: UInt64

    public init(seq: Int64, offset: Int64, length: Int32, hashPrefix: UInt64) {
        self.seq = seq; self.offset = offset; self.length = length; self.hashPrefix = hashPrefix
    }

    /// The line that ends at `end` (past its newline), having begun at `start`.
    init(seq: Int64, from start: Int64, to end: JournalPosition) {
        self.init(seq: seq, offset: start, length: Int32(end.offset - start - 1), hashPrefix: end.head.hash.prefix64)
    }
}

extension SHA256Digest {
    /// The first eight bytes, big-endian: enough to tell one line's hash from another's.
    var prefix64: UInt64 { UInt64(bigEndian: storage.0) }
}
