/// Bisections in what is sorted by fingerprint: index entries, and the pages or blocks of them
/// known by their first keys (a checkpoint's key pages, a written run's blocks).
enum FingerprintSearch {
    /// How many of `count` items, whose keys (`key(i)`) ascend, have a key for which `belongs` holds.
    static func count(_ count: Int, key: (Int) -> UInt64, where belongs: (UInt64) -> Bool) -> Int {
        var low = 0, high = count
        while low < high {
            let middle = (low + high) / 2
            if belongs(key(middle)) { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// Of `count` blocks whose first keys (`firstKey(i)`) ascend, those that can hold entries with
    /// `fingerprint`: from the last that begins below it (its entries of `fingerprint` may run on
    /// into the next) through the last that begins at it; empty when all begin above it.
    static func blocks(holding fingerprint: UInt64, count: Int, firstKey: (Int) -> UInt64) -> Range<Int> {
        let through = Self.count(count, key: firstKey) { $0 <= fingerprint }
        guard through > 0 else { return 0..<0 }
        return max(0, Self.count(count, key: firstKey) { $0 < fingerprint } - 1)..<through
    }

    /// The seqs of the entries with `fingerprint` among `entries`, which ascend.
    static func seqs(_ fingerprint: UInt64, in entries: [KeyIndex.Entry]) -> [Int64] {
        var index = count(entries.count, key: { entries[$0].fingerprint }) { $0 < fingerprint }
        var seqs: [Int64] = []
        while index < entries.count && entries[index].fingerprint == fingerprint { seqs.append(entries[index].seq); index += 1 }
        return seqs
    }
}
