import BudgetModel

/// The last event of a journal: its seq and hash. Publishing the head (at year end, say)
/// lets anyone later confirm that the journal they hold still begins with what was published.
public struct JournalHead: Equatable, Sendable, CustomStringConvertible {
    public let seq: Int64
    public let hash: SHA256Digest

    public init(seq: Int64, hash: SHA256Digest) { self.seq = seq; self.hash = hash }
    public static let empty = JournalHead(seq: 0, hash: .zero)
    public var description: String { "\(seq):\(hash.hex)" }

    /// Reads `SEQ:HASH`, as `verify` prints it.
    public init?(_ text: String) {
        let parts = text.split(separator: ":", maxSplits: 1)
        guard parts.count == 2, parts[0].count <= 12, let seq = Int64(parts[0]), seq >= 0,
              parts[1].utf8.allSatisfy(EventDecoder.isLowercaseHex), let hash = SHA256Digest(hex: String(parts[1])) else { return nil }
        self.init(seq: seq, hash: hash)
    }
}

/// Every event of a journal, checked line by line and link by link.
public struct JournalSnapshot: Sendable {
    public let events: [Event]
    public let head: JournalHead
    /// The file's size when read: an append that fails is cut back to it.
    public let byteCount: Int64
    /// The line the reader was asked to remember, if any (see `JournalFile.read(keepingHashOf:)`).
    public let kept: JournalHead?

    public init(events: [Event], head: JournalHead, byteCount: Int64, kept: JournalHead? = nil) {
        self.events = events; self.head = head; self.byteCount = byteCount; self.kept = kept
    }
}
