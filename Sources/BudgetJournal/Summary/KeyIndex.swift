/// Client keys by fingerprint, as a summary absorbs them from the journal's lines: one array
/// sorted by fingerprint, searched by bisection, and the entries absorbed since it was last
/// sorted. A large journal holds hundreds of thousands of keys: a checkpoint keeps its own in
/// sorted pages (see `Checkpoint`), and a batch's are appended here, so that neither pays for a
/// hash table of them. Past `memoryEntriesMax` in memory, the entries are sorted and written to
/// a temporary file as a run: ten million keys are 160 MB, a run is 8.
public struct KeyIndex: Sendable {
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

    /// Runs written out, each ascending; they hold the earliest entries, in the order absorbed.
    private var spilled: [SpilledKeyRun] = []
    /// Ascending by fingerprint, then seq.
    private var sorted: [Entry] = []
    /// In the order absorbed; searched one by one, so kept short by `settle()`.
    private var pending: [Entry] = []
    /// Past this many, a lookup would cost more than sorting them in.
    static let pendingSearchedMax = 64
    /// The most entries held in memory, 8 MiB of them, for each of a summary's two indexes: a
    /// journal of ten million payments, each with an id and a voucher, holds 16 MiB of keys and
    /// writes nineteen runs of each; one of a million, one run.
    public static let memoryEntriesMaxDefault = 1 << 19
    let memoryEntriesMax: Int
    /// False once a run could not be written: the entries stay in memory from then on, rather
    /// than a temporary file being tried for every key.
    private var spills = true

    public init(memoryEntriesMax: Int = memoryEntriesMaxDefault) {
        precondition(memoryEntriesMax > Self.pendingSearchedMax, "a run holds more entries than are searched one by one")
        self.memoryEntriesMax = memoryEntriesMax
    }

    mutating func insert(_ fingerprint: UInt64, seq: Int64) {
        // Room for a whole run at once: grown by doubling, the last copy would hold a run and a
        // half at its peak. Untouched room costs address space, not memory.
        if pending.capacity == 0, spills { pending.reserveCapacity(memoryEntriesMax) }
        pending.append(Entry(fingerprint: fingerprint, seq: seq))
        if pending.count + sorted.count >= memoryEntriesMax, spills { spill() }
    }

    /// Sorts what was absorbed into the searched array: after a long read, before lookups.
    mutating func settle() {
        guard pending.count > Self.pendingSearchedMax else { return }
        // Sorted where they lie: a cold read of a million keys holds them once, not three times.
        Self.sortInPlace(&pending)
        sorted = sorted.isEmpty ? pending : Self.merge(sorted, pending)
        pending = []
        if sorted.count >= memoryEntriesMax, spills { spill() }
    }

    /// Writes what is held in memory out as one sorted run. When the temporary file cannot be
    /// written, the entries stay where they are, as if there were no bound: nothing is lost, only
    /// room, and no more than an index that never writes runs would take.
    private mutating func spill() {
        Self.sortInPlace(&pending)
        let held = pending.isEmpty ? sorted : sorted.isEmpty ? pending : Self.merge(sorted, pending)
        guard let run = held.withUnsafeBufferPointer({ SpilledKeyRun($0) }) else {
            spills = false
            return
        }
        spilled.append(run)
        sorted = []
        // The next run's room, kept: a long read fills it again.
        pending.removeAll(keepingCapacity: true)
    }

    func seqs(_ fingerprint: UInt64) throws -> [Int64] { try seqs([fingerprint])[fingerprint] ?? [] }

    /// The seqs of the entries with each of `fingerprints`, by fingerprint (those with none left
    /// out): an import's piece looks up every row at once.
    func seqs(_ fingerprints: [UInt64]) throws -> [UInt64: [Int64]] {
        let wanted = Array(Set(fingerprints)).sorted()
        var found: [UInt64: [Int64]] = [:]
        for run in spilled { try run.collect(wanted, into: &found) }
        for fingerprint in wanted {
            let seqs = FingerprintSearch.seqs(fingerprint, in: sorted)
            if !seqs.isEmpty { found[fingerprint, default: []] += seqs }
        }
        if !pending.isEmpty {
            let lookedFor = Set(wanted)
            for entry in pending where lookedFor.contains(entry.fingerprint) { found[entry.fingerprint, default: []].append(entry.seq) }
        }
        return found
    }

    /// Every entry's source for a stream, ascending once merged: the runs written out, the sorted
    /// entries, and those absorbed since, sorted apart.
    var chunkSources: [KeyEntryStream.Chunks] {
        var sources = spilled.map { $0.chunks() }
        // By buckets, not the library's sort: a checkpoint written after a batch of 100,000
        // keys spent 4 ms here, while the append waited for it.
        var absorbed = pending
        Self.sortInPlace(&absorbed)
        for held in [sorted, absorbed] where !held.isEmpty {
            var given = false
            sources.append { () -> [Entry]? in
                defer { given = true }
                return given ? nil : held
            }
        }
        return sources
    }

    /// Every entry, ascending.
    func entries() -> KeyEntryStream { KeyEntryStream(chunkSources) }

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

    public var count: Int { spilled.reduce(0) { $0 + $1.count } + sorted.count + pending.count }

    /// How many runs were written out.
    var spilledRuns: Int { spilled.count }
}
