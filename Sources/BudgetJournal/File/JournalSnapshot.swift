import BudgetModel

/// The last event of a journal: its seq and hash. Publishing the head (at year end, say)
/// lets anyone later confirm that the journal they hold still begins with what was published.
public struct JournalHead: Equatable, Sendable, CustomStringConvertible {
    public let seq: Int64
    public let hash: SHA256Digest

    public init(seq: Int64, hash: SHA256Digest) { self.seq = seq; self.hash = hash }
    public static let empty = JournalHead(seq: 0, hash: .zero)
    public var description: String { "\(seq):\(hash.hex)" }
}

/// Every event of a journal, checked line by line and link by link.
public struct JournalSnapshot: Sendable {
    public let events: [Event]
    public let head: JournalHead
    /// The file's size when read: an append that fails is cut back to it.
    public let byteCount: Int64

    public init(events: [Event], head: JournalHead, byteCount: Int64) {
        self.events = events; self.head = head; self.byteCount = byteCount
    }
}
