import BudgetModel

/// The keys a batch has used so far, to tell a row that uses an earlier row's key: the first use
/// of each key is kept by its 64-bit fingerprint (sixteen bytes a row, not the row), and a row is
/// read again only when a later one's fingerprint matches it, to compare the keys themselves.
/// A batch of millions of rows is checked a piece at a time against all the pieces before.
public struct BatchKeys {
    private var firsts: FingerprintIndex
    private let fingerprint: (String) -> UInt64

    /// Keys for a batch of about `count` rows.
    public init(count: Int = 0, fingerprint: @escaping (String) -> UInt64 = Fingerprint.of) {
        self.fingerprint = fingerprint
        firsts = FingerprintIndex(reservingCapacity: count)
    }

    /// For each draft of `piece` (the batch's drafts from `firstIndex` on) whose key an earlier
    /// draft of the batch used, its outcome: the same payment again is a repeat of the first,
    /// another payment under the key is refused. `draft(at:)` reads an earlier piece's draft
    /// again; they are asked for in the order they stand in the batch, so that a reader which
    /// keeps the piece it read last reads each earlier piece once, however many rows match it.
    public mutating func repeated(in piece: [PaymentDraft], from firstIndex: Int,
                                  draft: (Int) throws -> PaymentDraft) rethrows -> [Int: BatchOutcome] {
        let fingerprints = piece.indices.map { fingerprint(piece[$0].key) }   // each key read in place, its draft not copied
        // First uses in earlier pieces whose fingerprint a row here shares, read again in order.
        var candidates: [(earlier: Int, offset: Int)] = []
        for (offset, key) in fingerprints.enumerated() {
            firsts.forEachValue(key) { candidates.append(($0, offset)) }
        }
        candidates.sort { $0.earlier < $1.earlier }
        var earlierFirst: [Int: (index: Int, draft: PaymentDraft)] = [:]
        for (earlier, offset) in candidates where earlierFirst[offset] == nil {
            let candidate = try draft(earlier)
            if candidate.key == piece[offset].key { earlierFirst[offset] = (earlier, candidate) }
        }
        // Then the piece in order: a key first used here is a first use from now on, found by
        // the rows after it among the values from `firstIndex` on.
        // Rows are read where they lie, not copied out (a draft is 160 bytes and six texts), and
        // a key's first use is looked for and, not found, inserted in one probe.
        var repeated: [Int: BatchOutcome] = [:]
        piece.withUnsafeBufferPointer { rows in
            for offset in rows.indices {
                if !earlierFirst.isEmpty, let first = earlierFirst[offset] {
                    repeated[firstIndex + offset] = first.draft == rows[offset] ? .repeats(first.index) : .keyReused(first.index)
                    continue
                }
                let here = firsts.firstValue(fingerprints[offset], where: { $0 >= firstIndex && $0 < firstIndex + rows.count && rows[$0 - firstIndex].key == rows[offset].key },
                                             elseInserting: firstIndex + offset)
                if let here {
                    repeated[firstIndex + offset] = rows[here - firstIndex] == rows[offset] ? .repeats(here) : .keyReused(here)
                }
            }
        }
        return repeated
    }
}
