import XCTest
@testable import BudgetJournal
@testable import BudgetModel
#if canImport(Glibc)
import Glibc
#endif

/// A key index holds a run's worth of entries in memory and writes the rest out in sorted runs:
/// what it lists, finds and writes into a checkpoint must not depend on where its entries lie.
final class SpilledKeyIndexTests: XCTestCase {
    /// Entries with crowded fingerprints (so that one fingerprint's entries cross runs, chunks and
    /// blocks), in the order a read absorbs them: seqs ascending.
    static func entries(count: Int, seed: UInt64) -> [KeyIndex.Entry] {
        var random = SplitMix64(seed: seed)
        return (1...Int64(count)).map { seq in
            let fingerprint = random.next(4) == 0 ? UInt64(random.next(50)) : random.next()
            return KeyIndex.Entry(fingerprint: fingerprint, seq: seq)
        }
    }

    func testAnIndexPastItsMemoryListsAndFindsWhatOneInMemoryWould() throws {
        let entries = Self.entries(count: 20_000, seed: 41)
        var random = SplitMix64(seed: 42)
        var spilling = KeyIndex(memoryEntriesMax: 700)
        for entry in entries {
            spilling.insert(entry.fingerprint, seq: entry.seq)
            // Settled now and then, as a batch's summary is between pieces.
            if random.next(3_000) == 0 { spilling.settle() }
        }
        XCTAssertGreaterThanOrEqual(spilling.spilledRuns, 20, "runs written out")
        XCTAssertEqual(spilling.count, entries.count)
        var listed = spilling.entries()
        XCTAssertEqual(try listed.all(), entries.sorted(), "before settling: the unsorted rest sorted apart")
        spilling.settle()
        listed = spilling.entries()
        XCTAssertEqual(try listed.all(), entries.sorted())
        var bySeqs: [UInt64: [Int64]] = [:]
        for entry in entries { bySeqs[entry.fingerprint, default: []].append(entry.seq) }
        for fingerprint in Array(bySeqs.keys.prefix(600)) + (0..<50).map(UInt64.init) {
            XCTAssertEqual(try spilling.seqs(fingerprint).sorted(), bySeqs[fingerprint] ?? [], "fingerprint \(fingerprint)")
        }
        XCTAssertEqual(try spilling.seqs(UInt64.max - 1), [])
    }

    /// Many keys looked up at once (an import's piece) find what each looked up alone finds,
    /// whether few (a read each) or many (a pass over each run).
    func testManyKeysLookedUpAtOnceFindWhatEachFindsAlone() throws {
        let entries = Self.entries(count: 20_000, seed: 47)
        var index = KeyIndex(memoryEntriesMax: 3_000)
        for entry in entries { index.insert(entry.fingerprint, seq: entry.seq) }
        XCTAssertGreaterThanOrEqual(index.spilledRuns, 6)
        var random = SplitMix64(seed: 48)
        for lookups in [3, 40, 5_000] {
            // Half of them held, half never: a new batch's keys are not in the index.
            let fingerprints = (0..<lookups).map { _ in random.next(2) == 0 ? entries[random.next(entries.count)].fingerprint : random.next() }
            let found = try index.seqs(fingerprints)
            for fingerprint in Set(fingerprints.prefix(300)) {
                XCTAssertEqual(found[fingerprint]?.sorted() ?? [], try index.seqs(fingerprint).sorted(), "\(lookups) at once")
            }
            XCTAssertTrue(found.keys.allSatisfy(Set(fingerprints).contains))
        }
        index.settle()
        let fingerprints = entries.prefix(4_000).map(\.fingerprint)
        let found = try index.seqs(fingerprints)
        for fingerprint in Set(fingerprints.suffix(300)) { XCTAssertEqual(found[fingerprint]?.sorted(), try index.seqs(fingerprint).sorted()) }
    }

    /// Where the temporary file cannot be made, the entries stay in memory: found and listed all
    /// the same, nothing lost.
    func testAnIndexThatCannotWriteARunKeepsItsEntries() throws {
        let saved = getenv("TMPDIR").map { String(cString: $0) }
        setenv("TMPDIR", "/nonexistent-budget-test-directory", 1)
        defer { if let saved { setenv("TMPDIR", saved, 1) } else { unsetenv("TMPDIR") } }
        let entries = Self.entries(count: 5_000, seed: 43)
        var index = KeyIndex(memoryEntriesMax: 300)
        for entry in entries { index.insert(entry.fingerprint, seq: entry.seq) }
        index.settle()
        XCTAssertEqual(index.spilledRuns, 0)
        var listed = index.entries()
        XCTAssertEqual(try listed.all(), entries.sorted())
        XCTAssertEqual(try index.seqs(entries[4_321].fingerprint).contains(4_322), true)
    }

    /// Merged from several sources, runs of one fingerprint are found whole, wherever they lie:
    /// across sources and across chunks.
    func testRepeatedFingerprintsAreFoundAcrossSourcesAndChunks() throws {
        let entries = Self.entries(count: 9_000, seed: 44)
        var random = SplitMix64(seed: 45)
        var sources: [[KeyIndex.Entry]] = [[], [], []]
        for entry in entries { sources[random.next(3)].append(entry) }
        let chunked = sources.map { source -> KeyEntryStream.Chunks in
            // Chunks of 1 to 400 entries, and an empty one now and then.
            var rest = source.sorted()[...]
            return {
                guard !rest.isEmpty else { return nil }
                let take = random.next(20) == 0 ? 0 : random.next(400) + 1
                defer { rest = rest.dropFirst(take) }
                return Array(rest.prefix(take))
            }
        }
        var stream = KeyEntryStream(chunked)
        var found: [[KeyIndex.Entry]] = []
        try stream.forEachRepeatedFingerprint { found.append($0) }
        let expected = Dictionary(grouping: entries.sorted(), by: \.fingerprint).values.filter { $0.count > 1 }.sorted { $0[0] < $1[0] }
        XCTAssertEqual(found, expected)
        XCTAssertGreaterThan(found.count, 40)
    }

    /// Merged from any number of sources (one; two, as a million keys read cold are; nineteen
    /// and more, as ten million are), in chunks of any size, the stream gives every entry once,
    /// ascending: each source's chunks may run out at any point of the buffer it fills.
    func testEntriesMergedFromAnyNumberOfSourcesComeOutAscending() throws {
        for (round, sourceCount) in [1, 2, 3, 4, 7, 19, 26].enumerated() {
            let entries = Self.entries(count: 12_000, seed: 50 + UInt64(round))
            var random = SplitMix64(seed: 60 + UInt64(round))
            var sources = [[KeyIndex.Entry]](repeating: [], count: sourceCount)
            // Uneven: the first source takes about half, as the run of a cold read does.
            for entry in entries { sources[random.next(2) == 0 ? 0 : random.next(sourceCount)].append(entry) }
            let chunked = sources.map { source -> KeyEntryStream.Chunks in
                var rest = source.sorted()[...]
                return {
                    guard !rest.isEmpty else { return nil }
                    let take = random.next(10) == 0 ? 0 : random.next(random.next(2) == 0 ? 7 : 5_000) + 1
                    defer { rest = rest.dropFirst(take) }
                    return Array(rest.prefix(take))
                }
            }
            var stream = KeyEntryStream(chunked)
            XCTAssertEqual(try stream.all(), entries.sorted(), "\(sourceCount) sources")
        }
    }

    /// A summary whose keys and vouchers were written out in runs gives the same contents, and
    /// writes the same checkpoint byte for byte, from nothing and on top of a checkpoint.
    func testASummaryWhoseKeysSpilledWritesTheSameCheckpoint() throws {
        let events = CompactSummaryTests.events(count: 6_000, seed: 46)
        let whole = CheckpointTests.summary(of: events)
        let spilled = CheckpointTests.summary(of: events, into: JournalSummary(keyEntriesInMemoryMax: 200))
        XCTAssertGreaterThanOrEqual(spilled.keyIndex.spilledRuns, 10)
        XCTAssertGreaterThanOrEqual(spilled.voucherIndex.spilledRuns, 5)
        XCTAssertEqual(try spilled.contents(), try whole.contents())
        XCTAssertTrue(try spilled.sameIndexes(as: whole))
        XCTAssertTrue(CheckpointFixture.encode(spilled) == CheckpointFixture.encode(whole), "the same checkpoint, byte for byte")

        let base = try XCTUnwrap(CheckpointFixture.image(CheckpointFixture.encode(CheckpointTests.summary(of: Array(events.prefix(2_500))))))
        let grownWhole = CheckpointTests.summary(of: Array(events.dropFirst(2_500)), into: JournalSummary(base: base))
        let grownSpilled = CheckpointTests.summary(of: Array(events.dropFirst(2_500)), into: JournalSummary(base: base, keyEntriesInMemoryMax: 200))
        XCTAssertGreaterThanOrEqual(grownSpilled.keyIndex.spilledRuns, 5)
        XCTAssertTrue(CheckpointFixture.encode(grownSpilled) == CheckpointFixture.encode(grownWhole), "the same checkpoint on a base, byte for byte")
        XCTAssertEqual(try CheckpointFixture.decode(CheckpointFixture.encode(grownSpilled))?.contents(), try whole.contents())
        for event in events where !event.id.hasPrefix("@") && event.seq % 7 == 0 {
            XCTAssertTrue(try grownSpilled.candidateSeqs(forKey: event.id).contains(event.seq), event.id)
        }
        let keys = events.map(\.id).filter { !$0.hasPrefix("@") } + ["never-used", "k-999999"]
        let atOnce = try grownSpilled.candidateSeqs(forKeys: keys)
        for key in keys.enumerated().filter({ $0.offset % 5 == 0 || $0.offset >= keys.count - 2 }).map(\.element) {
            XCTAssertEqual(atOnce[key] ?? [], try grownSpilled.candidateSeqs(forKey: key), key)
        }
        XCTAssertFalse(try spilled.sameIndexes(as: CheckpointTests.summary(of: Array(events.dropLast(2)))), "a key fewer")
    }
}
