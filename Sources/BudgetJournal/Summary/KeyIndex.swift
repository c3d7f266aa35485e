/// Client keys by fingerprint, as a summary absorbs them from the journal's lines: one array
/// sorted by fingerprint, searched by bisection, and the entries absorbed since it was last
/// sorted. A large journal holds hundreds of thousands of keys: a checkpoint keeps its own in
/// sorted pages (see `Checkpoint`), and a batch's are appended here, so that neither pays for a
/// hash table of them.
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

    mutating func insert(_ fingerprint: UInt64, seq: Int64) {
        pending.append(Entry(fingerprint: fingerprint, seq: seq))
    }

    /// Sorts what was absorbed into the searched array: after a long read, before lookups.
    mutating func settle() {
        guard pending.count > Self.pendingSearchedMax else { return }
        // Sorted where they lie: a cold read of a million keys holds them once, not three times.
        Self.sortInPlace(&pending)
        sorted = sorted.isEmpty ? pending : Self.merge(sorted, pending)
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
        return Self.merge(sorted, pending.sorted())
    }

    /// Two ascending lists of entries as one.
    static func merge(_ a: [Entry], _ b: [Entry]) -> [Entry] {
        var merged: [Entry] = []
        merged.reserveCapacity(a.count + b.count)
        var i = 0, j = 0
        while i < a.count || j < b.count {
            if j == b.count || (i < a.count && a[i] < b[j]) { merged.append(a[i]); i += 1 } else { merged.append(b[j]); j += 1 }
        }
        return merged
    }

    public var count: Int { sorted.count + pending.count }

    /// Equal when they hold the same entries, however they came to hold them.
    public static func == (a: KeyIndex, b: KeyIndex) -> Bool { a.entries == b.entries }
}
