import Dispatch

extension KeyIndex {
    /// Sorts `entries` ascending (by fingerprint, then seq) where they lie, with no second copy:
    /// a cold read of a journal whose every payment carries a key settles a million of them, and
    /// the library's sort would borrow half as many again and compare each about twenty times.
    /// Fingerprints are uniform, so entries are moved into 256 buckets by their top byte (American
    /// flag sort: one pass to count, one to move each into place), each bucket likewise by the
    /// next byte, and so on until a bucket holds few enough to sort by insertion. 256 buckets
    /// keep the moves within a few hundred cache lines; a bucket that is large all the same
    /// after every byte (shared fingerprints) is sorted by the library.
    /// The buckets of the first byte are sorted on both cores, half each: a read of a million
    /// keys waits for this sort before it can answer.
    static func sortInPlace(_ entries: inout [Entry]) {
        entries.withUnsafeMutableBufferPointer { sortInPlace($0, shift: 56, parallel: $0.count >= parallelSortedMin) }
    }

    private static func sortInPlace(_ e: UnsafeMutableBufferPointer<Entry>, shift: UInt64, parallel: Bool = false) {
        guard e.count > insertionSortedMax else { return insertionSort(e) }
        @inline(__always) func bucket(_ entry: Entry) -> Int { Int(truncatingIfNeeded: entry.fingerprint >> shift & 0xFF) }
        // bounds[b] is where bucket b begins, bounds[b + 1] where it ends.
        var bounds = [Int](repeating: 0, count: 257)
        for entry in e { bounds[bucket(entry) + 1] += 1 }
        for b in 0..<256 { bounds[b + 1] += bounds[b] }
        var next = Array(bounds[0..<256])
        for b in 0..<256 {
            let end = bounds[b + 1]
            while next[b] < end {
                // Carry the entry here to its bucket, and the one it displaces to its own, until
                // one belongs here.
                var carried = e[next[b]]
                var target = bucket(carried)
                while target != b {
                    swap(&carried, &e[next[target]])
                    next[target] += 1
                    target = bucket(carried)
                }
                e[next[b]] = carried
                next[b] += 1
            }
        }
        let ends = bounds
        func sortBuckets(_ buckets: Range<Int>) {
            for b in buckets where ends[b + 1] - ends[b] > 1 {
                var inBucket = UnsafeMutableBufferPointer(rebasing: e[ends[b]..<ends[b + 1]])
                if shift > 0 { sortInPlace(inBucket, shift: shift - 8) } else { inBucket.sort() }
            }
        }
        guard parallel else { return sortBuckets(0..<256) }
        // Each half of the buckets is its own stretch of the buffer: the two never touch.
        DispatchQueue.concurrentPerform(iterations: 2) { half in sortBuckets(half == 0 ? 0..<128 : 128..<256) }
    }

    /// Fewer keys than this are sorted on one core: starting a second costs more than it saves.
    static let parallelSortedMin = 1 << 16

    private static func insertionSort(_ e: UnsafeMutableBufferPointer<Entry>) {
        guard e.count > 1 else { return }
        for index in 1..<e.count {
            let entry = e[index]
            var place = index
            while place > 0 && entry < e[place - 1] {
                e[place] = e[place - 1]
                place -= 1
            }
            e[place] = entry
        }
    }

    /// Up to this many, insertion costs less than another pass of buckets.
    static let insertionSortedMax = 32
}
