import BudgetModel

/// The keys a batch has used so far, to tell a row that uses an earlier row's key: the first use
/// of each key is kept by its 64-bit fingerprint (sixteen bytes a row, not the row), and a row is
/// read again only when a later one's fingerprint matches it, to compare the keys themselves.
/// A batch of millions of rows is checked a piece at a time against all the pieces before.
public struct BatchKeys {
    private var firsts = FingerprintIndex()
    private let fingerprint: (String) -> UInt64

    public init(fingerprint: @escaping (String) -> UInt64 = Fingerprint.of) { self.fingerprint = fingerprint }

    /// For each draft of `piece` (the batch's drafts from `firstIndex` on) whose key an earlier
    /// draft of the batch used, its outcome: the same payment again is a repeat of the first,
    /// another payment under the key is refused. `draft(at:)` reads an earlier piece's draft
    /// again; they are asked for in the order they stand in the batch, so that a reader which
    /// keeps the piece it read last reads each earlier piece once, however many rows match it.
    public mutating func repeated(in piece: [PaymentDraft], from firstIndex: Int,
                                  draft: (Int) throws -> PaymentDraft) rethrows -> [Int: BatchOutcome] {
        let fingerprints = piece.map { fingerprint($0.key) }
        // First uses in earlier pieces whose fingerprint a row here shares, read again in order.
        var candidates: [(earlier: Int, offset: Int)] = []
        for (offset, key) in fingerprints.enumerated() {
            for earlier in firsts.values(key) { candidates.append((Int(earlier), offset)) }
        }
        candidates.sort { $0.earlier < $1.earlier }
        var earlierFirst: [Int: (index: Int, draft: PaymentDraft)] = [:]
        for (earlier, offset) in candidates where earlierFirst[offset] == nil {
            let candidate = try draft(earlier)
            if candidate.key == piece[offset].key { earlierFirst[offset] = (earlier, candidate) }
        }
        // Then the piece in order: a key first used here is a first use from now on.
        var here = FingerprintIndex()
        var repeated: [Int: BatchOutcome] = [:]
        for (offset, current) in piece.enumerated() {
            var first = earlierFirst[offset]
            if first == nil {
                for earlierOffset in here.values(fingerprints[offset]) where piece[Int(earlierOffset)].key == current.key {
                    first = (firstIndex + Int(earlierOffset), piece[Int(earlierOffset)])
                    break
                }
            }
            if let first {
                repeated[firstIndex + offset] = first.draft == current ? .repeats(first.index) : .keyReused(first.index)
            } else {
                here.insert(fingerprints[offset], Int64(offset))
                firsts.insert(fingerprints[offset], Int64(firstIndex + offset))
            }
        }
        firsts.settle()
        return repeated
    }
}

/// Values by a 64-bit fingerprint: those of earlier pieces in one sorted array searched by
/// bisection, those of the piece at hand in a dictionary until the piece ends.
public struct FingerprintIndex {
    private var sorted: [(fingerprint: UInt64, value: Int64)] = []
    /// The piece's first value under each fingerprint, and any more (fingerprints rarely collide).
    private var current: [UInt64: Int64] = [:]
    private var more: [UInt64: [Int64]] = [:]

    public init() {}

    public mutating func insert(_ fingerprint: UInt64, _ value: Int64) {
        if current[fingerprint] == nil { current[fingerprint] = value } else { more[fingerprint, default: []].append(value) }
    }

    /// The values under `fingerprint`, ascending.
    public func values(_ fingerprint: UInt64) -> [Int64] {
        var low = 0, high = sorted.count
        while low < high {
            let middle = (low + high) / 2
            if sorted[middle].fingerprint < fingerprint { low = middle + 1 } else { high = middle }
        }
        var found: [Int64] = []
        while low < sorted.count && sorted[low].fingerprint == fingerprint { found.append(sorted[low].value); low += 1 }
        if let first = current[fingerprint] { found.append(first); found += more[fingerprint] ?? [] }
        return found
    }

    /// Moves the piece's values into the sorted array.
    public mutating func settle() {
        guard !current.isEmpty else { return }
        var added = current.map { (fingerprint: $0.key, value: $0.value) }
        for (fingerprint, values) in more { added += values.map { (fingerprint: fingerprint, value: $0) } }
        added.sort { ($0.fingerprint, $0.value) < ($1.fingerprint, $1.value) }
        current = [:]
        more = [:]
        guard !sorted.isEmpty else { sorted = added; return }
        var merged: [(fingerprint: UInt64, value: Int64)] = []
        merged.reserveCapacity(sorted.count + added.count)
        var i = 0, j = 0
        while i < sorted.count || j < added.count {
            if j == added.count || (i < sorted.count && (sorted[i].fingerprint, sorted[i].value) < (added[j].fingerprint, added[j].value)) {
                merged.append(sorted[i]); i += 1
            } else {
                merged.append(added[j]); j += 1
            }
        }
        sorted = merged
    }
}
