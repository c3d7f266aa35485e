/// Client keys by fingerprint: one array sorted by fingerprint, searched by bisection, and the
/// entries absorbed since it was last sorted. A large journal holds hundreds of thousands of
/// keys: a checkpoint's are read and written as they stand, and a batch's are appended, so that
/// neither pays for a hash table of them.
public struct KeyIndex: Equatable, Sendable {
    public struct Entry: Equatable, Comparable, Sendable {
        let fingerprint: UInt64
        let seq: Int64

        public static func < (a: Entry, b: Entry) -> Bool {
            a.fingerprint != b.fingerprint ? a.fingerprint < b.fingerprint : a.seq < b.seq
        }

        init(fingerprint: UInt64, seq: Int64) { self.fingerprint = fingerprint; self.seq = seq }

        /// As a checkpoint stores it: the fingerprint, then the seq, each eight bytes little-endian.
        static let bytes = 16

        init(loadingFrom raw: UnsafeRawPointer) {
            fingerprint = UInt64(littleEndian: raw.loadUnaligned(as: UInt64.self))
            seq = Int64(littleEndian: raw.loadUnaligned(fromByteOffset: 8, as: Int64.self))
        }

        func store(to raw: UnsafeMutableRawPointer) {
            raw.storeBytes(of: fingerprint.littleEndian, as: UInt64.self)
            raw.storeBytes(of: seq.littleEndian, toByteOffset: 8, as: Int64.self)
        }
    }

    /// Ascending by fingerprint, then seq.
    private var sorted: [Entry] = []
    /// In the order absorbed; searched one by one, so kept short by `settle()`.
    private var pending: [Entry] = []
    /// Past this many, a lookup would cost more than sorting them in.
    static let pendingSearchedMax = 64

    public init() {}

    /// Nil unless `entries` ascend strictly: a checkpoint whose index is out of order is refused.
    init?(sorted entries: [Entry]) {
        for index in entries.indices.dropFirst() where !(entries[index - 1] < entries[index]) { return nil }
        sorted = entries
    }

    mutating func insert(_ fingerprint: UInt64, seq: Int64) {
        pending.append(Entry(fingerprint: fingerprint, seq: seq))
    }

    /// Sorts what was absorbed into the searched array: after a long read, before lookups.
    mutating func settle() {
        guard pending.count > Self.pendingSearchedMax else { return }
        sorted = entries
        pending = []
    }

    func seqs(_ fingerprint: UInt64) -> [Int64] {
        var seqs: [Int64] = []
        var low = 0, high = sorted.count
        while low < high {
            let middle = (low + high) / 2
            if sorted[middle].fingerprint < fingerprint { low = middle + 1 } else { high = middle }
        }
        while low < sorted.count && sorted[low].fingerprint == fingerprint { seqs.append(sorted[low].seq); low += 1 }
        for entry in pending where entry.fingerprint == fingerprint { seqs.append(entry.seq) }
        return seqs
    }

    /// Every entry, ascending: the sorted ones merged with those absorbed since.
    var entries: [Entry] {
        guard !pending.isEmpty else { return sorted }
        let recent = pending.sorted()
        var merged: [Entry] = []
        merged.reserveCapacity(sorted.count + recent.count)
        var a = 0, b = 0
        while a < sorted.count || b < recent.count {
            if b == recent.count || (a < sorted.count && sorted[a] < recent[b]) { merged.append(sorted[a]); a += 1 } else { merged.append(recent[b]); b += 1 }
        }
        return merged
    }

    public var count: Int { sorted.count + pending.count }

    /// Equal when they hold the same entries, however they came to hold them.
    public static func == (a: KeyIndex, b: KeyIndex) -> Bool { a.entries == b.entries }
}
