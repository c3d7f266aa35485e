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
    /// another payment under the key is refused. `draft(at:)` reads an earlier draft again.
    public mutating func repeated(in piece: [PaymentDraft], from firstIndex: Int,
                                  draft: (Int) throws -> PaymentDraft) rethrows -> [Int: BatchOutcome] {
        var repeated: [Int: BatchOutcome] = [:]
        for (offset, current) in piece.enumerated() {
            let index = firstIndex + offset
            let key = fingerprint(current.key)
            var first: (index: Int, draft: PaymentDraft)?
            for earlier in firsts.values(key) {
                let earlierIndex = Int(earlier)
                let candidate = earlierIndex >= firstIndex ? piece[earlierIndex - firstIndex] : try draft(earlierIndex)
                if candidate.key == current.key { first = (earlierIndex, candidate); break }
            }
            if let first {
                repeated[index] = first.draft == current ? .repeats(first.index) : .keyReused(first.index)
            } else {
                firsts.insert(key, Int64(index))
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
