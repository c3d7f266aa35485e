/// Index entries, sorted, written to a temporary file: a cold read of ten million keys holds a
/// run's worth of them at a time (`KeyIndex.memoryEntriesMax`), not all of them. Written once
/// when made, then only read, by `pread`, so copies of an index may share it across threads.
final class SpilledKeyRun: @unchecked Sendable {
    private let file: SpoolFile
    let count: Int
    /// The fingerprint of the first entry of each block of `blockEntries`: a lookup reads the
    /// one or two blocks its fingerprint can lie in, not the run.
    private let blockFirstKeys: [UInt64]

    static let blockEntries = 256
    /// A stream reads this many entries at a time.
    static let chunkEntries = 4096

    /// `entries`, ascending, written out; nil when the temporary file could not be made or
    /// written, and the caller keeps them in memory.
    init?(_ entries: UnsafeBufferPointer<KeyIndex.Entry>) {
        let file = SpoolFile()
        var bytes = [UInt8](repeating: 0, count: Self.chunkEntries * KeyIndex.Entry.bytes)
        var firstKeys: [UInt64] = []
        firstKeys.reserveCapacity(entries.count / Self.blockEntries + 1)
        var start = 0
        while start < entries.count, !file.failed {
            let end = min(entries.count, start + Self.chunkEntries)
            bytes.withUnsafeMutableBytes { raw in
                for index in start..<end { entries[index].store(to: raw.baseAddress! + (index - start) * KeyIndex.Entry.bytes) }
                file.append(UnsafeRawBufferPointer(rebasing: raw[0..<((end - start) * KeyIndex.Entry.bytes)]))
            }
            for index in stride(from: start, to: end, by: Self.blockEntries) { firstKeys.append(entries[index].fingerprint) }
            start = end
        }
        guard !file.failed else { return nil }
        self.file = file
        count = entries.count
        blockFirstKeys = firstKeys
    }

    /// The entries from `first`, up to `limit` of them.
    func entries(from first: Int, limit: Int) throws(SpoolFile.SpoolFailed) -> [KeyIndex.Entry] {
        let count = min(limit, self.count - first)
        guard count > 0 else { return [] }
        let bytes = try file.read(at: Int64(first * KeyIndex.Entry.bytes), count: count * KeyIndex.Entry.bytes)
        return bytes.withUnsafeBytes { raw in
            (0..<count).map { KeyIndex.Entry(loadingFrom: raw.baseAddress! + $0 * KeyIndex.Entry.bytes) }
        }
    }

    /// The seqs of the entries with `fingerprint`.
    func seqs(_ fingerprint: UInt64) throws(SpoolFile.SpoolFailed) -> [Int64] {
        let blocks = FingerprintSearch.blocks(holding: fingerprint, count: blockFirstKeys.count) { blockFirstKeys[$0] }
        guard !blocks.isEmpty else { return [] }
        return FingerprintSearch.seqs(fingerprint, in: try entries(from: blocks.lowerBound * Self.blockEntries, limit: blocks.count * Self.blockEntries))
    }

    /// The seqs of the entries with each of `fingerprints` (ascending, no repeats), added to
    /// `found`. Many lookups at once (an import's piece) are one pass over the run, not a read each.
    func collect(_ fingerprints: [UInt64], into found: inout [UInt64: [Int64]]) throws(SpoolFile.SpoolFailed) {
        guard fingerprints.count * Self.lookupsPerPassMin >= blockFirstKeys.count else {
            for fingerprint in fingerprints {
                let seqs = try seqs(fingerprint)
                if !seqs.isEmpty { found[fingerprint, default: []] += seqs }
            }
            return
        }
        var next = 0
        var first = 0
        while first < count, next < fingerprints.count {
            for entry in try entries(from: first, limit: Self.chunkEntries) {
                while next < fingerprints.count && fingerprints[next] < entry.fingerprint { next += 1 }
                if next < fingerprints.count && fingerprints[next] == entry.fingerprint { found[entry.fingerprint, default: []].append(entry.seq) }
            }
            first += Self.chunkEntries
        }
    }

    /// From this many lookups for each block of the run, a pass over it costs less than a read each.
    static let lookupsPerPassMin = 4

    /// The run's entries, a chunk at a time, for a `KeyEntryStream`.
    func chunks() -> KeyEntryStream.Chunks {
        var next = 0
        return { [self] in
            guard next < count else { return nil }
            let chunk = try entries(from: next, limit: Self.chunkEntries)
            next += chunk.count
            return chunk
        }
    }
}
