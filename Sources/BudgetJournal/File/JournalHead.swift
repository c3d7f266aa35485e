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
