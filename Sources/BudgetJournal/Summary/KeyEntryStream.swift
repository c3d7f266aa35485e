/// Index entries from several ascending sources as one ascending sequence: a checkpoint's key
/// pages, the runs a long read spilled, the entries in memory. Each source gives a chunk at a
/// time, so that ten million entries are read through holding a chunk of each source.
/// No two sources hold the same entry (each seq is one line's), so the order between sources
/// never decides anything.
public struct KeyEntryStream {
    /// The next chunk of a source, ascending and after the one before; nil when it is done.
    public typealias Chunks = () throws -> [KeyIndex.Entry]?

    /// Each source's way to its next chunk, its chunk, and where in it its next entry lies.
    private var mores: [Chunks] = []
    private var chunks: [[KeyIndex.Entry]] = []
    private var positions: [Int] = []
    /// Each source's next entry: compared without reaching into its chunk.
    private var heads: [KeyIndex.Entry] = []
    private var unstarted: [Chunks]
    /// Entries merged ahead, handed out one by one: the merge runs in a tight loop a buffer at a
    /// time, not once per call.
    private var buffer: [KeyIndex.Entry] = []
    /// How many of the buffer's entries are merged ones: it is kept at its size between refills.
    private var filled = 0
    private var position = 0

    static let bufferEntries = 4096

    init(_ sources: [Chunks]) { unstarted = sources }

    /// The next entry, ascending; nil when every source is done.
    @inline(__always)
    public mutating func next() throws -> KeyIndex.Entry? {
        if position == filled, !(try refill()) { return nil }
        defer { position += 1 }
        return buffer[position]
    }

    /// The next entry, left to be taken by `next()`.
    @inline(__always)
    public mutating func peek() throws -> KeyIndex.Entry? {
        if position == filled, !(try refill()) { return nil }
        return buffer[position]
    }

    /// Fills the buffer with the next entries; false when there are none.
    private mutating func refill() throws -> Bool {
        if !unstarted.isEmpty { try start() }
        position = 0
        // One source, as a read of one journal without a checkpoint has: its chunks as they are.
        if chunks.count == 1 {
            if positions[0] == chunks[0].count, !(try advance(0)) { buffer = []; filled = 0; return false }
            buffer = positions[0] == 0 ? chunks[0] : Array(chunks[0][positions[0]...])
            filled = buffer.count
            positions[0] = chunks[0].count
            return true
        }
        guard !chunks.isEmpty else { filled = 0; return false }
        var out = buffer
        buffer = []
        if out.count < Self.bufferEntries { out = Array(repeating: KeyIndex.Entry(fingerprint: 0, seq: 0), count: Self.bufferEntries) }
        var count = 0
        while count < Self.bufferEntries, !chunks.isEmpty {
            // Merged until the buffer is full or a source's chunk runs out, with the heads and
            // positions held apart from the stream, so that the loop checks no one else's access.
            var heads = self.heads, positions = self.positions
            self.heads = []
            self.positions = []
            var exhausted: Int?
            let chunks = self.chunks
            out.withUnsafeMutableBufferPointer { out in
                heads.withUnsafeMutableBufferPointer { heads in
                    positions.withUnsafeMutableBufferPointer { positions in
                        count = Self.merge(chunks, heads: heads, positions: positions, into: out, from: count, exhausted: &exhausted)
                    }
                }
            }
            self.heads = heads
            self.positions = positions
            if let exhausted, try advance(exhausted) { self.heads[exhausted] = self.chunks[exhausted][0] }
        }
        buffer = out
        filled = count
        return count > 0
    }

    /// Merges the sources' chunks into `out` from `start` until it is full or a source's chunk
    /// runs out (that source is `exhausted`); returns how far `out` is filled. Two sources, the
    /// cold read of a million keys (a run written out and the rest), are merged pairwise; more,
    /// the nineteen runs of ten million, by a heap of the sources, a few comparisons an entry
    /// where a scan of every head took one a source.
    private static func merge(_ chunks: [[KeyIndex.Entry]], heads: UnsafeMutableBufferPointer<KeyIndex.Entry>,
                              positions: UnsafeMutableBufferPointer<Int>, into out: UnsafeMutableBufferPointer<KeyIndex.Entry>,
                              from start: Int, exhausted: inout Int?) -> Int {
        var count = start
        if heads.count == 2 {
            var a = heads[0], b = heads[1]
            var nextA = positions[0], nextB = positions[1]
            chunks[0].withUnsafeBufferPointer { chunkA in
                chunks[1].withUnsafeBufferPointer { chunkB in
                    while count < out.count {
                        if a < b {
                            out[count] = a
                            count += 1
                            nextA += 1
                            guard nextA < chunkA.count else { exhausted = 0; break }
                            a = chunkA[nextA]
                        } else {
                            out[count] = b
                            count += 1
                            nextB += 1
                            guard nextB < chunkB.count else { exhausted = 1; break }
                            b = chunkB[nextB]
                        }
                    }
                }
            }
            heads[0] = a; heads[1] = b
            positions[0] = nextA; positions[1] = nextB
            return count
        }
        // A binary heap of the sources by their heads, least first; made again each call, since
        // a source that runs out may leave and renumber the rest.
        var heap = Array(0..<heads.count)
        return heap.withUnsafeMutableBufferPointer { heap in
            func siftDown(_ from: Int) {
                var parent = from
                let source = heap[parent]
                let head = heads[source]
                while true {
                    var child = 2 * parent + 1
                    guard child < heap.count else { break }
                    if child + 1 < heap.count && heads[heap[child + 1]] < heads[heap[child]] { child += 1 }
                    guard heads[heap[child]] < head else { break }
                    heap[parent] = heap[child]
                    parent = child
                }
                heap[parent] = source
            }
            for parent in stride(from: heap.count / 2 - 1, through: 0, by: -1) { siftDown(parent) }
            while count < out.count {
                let least = heap[0]
                out[count] = heads[least]
                count += 1
                let next = positions[least] + 1
                positions[least] = next
                guard next < chunks[least].count else { exhausted = least; break }
                heads[least] = chunks[least][next]
                siftDown(0)
            }
            return count
        }
    }

    private mutating func start() throws {
        for more in unstarted {
            guard let chunk = try nextChunk(more) else { continue }
            mores.append(more)
            chunks.append(chunk)
            positions.append(0)
            heads.append(chunk[0])
        }
        unstarted = []
    }

    /// Gives source `index` its next chunk; when it has none, takes it out and says false.
    private mutating func advance(_ index: Int) throws -> Bool {
        if let chunk = try nextChunk(mores[index]) {
            chunks[index] = chunk
            positions[index] = 0
            return true
        }
        mores.remove(at: index)
        chunks.remove(at: index)
        positions.remove(at: index)
        heads.remove(at: index)
        return false
    }

    private func nextChunk(_ more: Chunks) throws -> [KeyIndex.Entry]? {
        while let chunk = try more() {
            if !chunk.isEmpty { return chunk }
        }
        return nil
    }

    /// Whether both give the same entries. Both are read to their ends even past a difference,
    /// so that a damaged page of a checkpoint is found wherever it lies.
    public mutating func elementsEqual(_ other: inout KeyEntryStream) throws -> Bool {
        var same = true
        while true {
            let a = try next(), b = try other.next()
            if a != b { same = false }
            if a == nil && b == nil { return same }
        }
    }

    /// Every entry, in one array: for tests, and for comparing a summary's contents whole.
    public mutating func all() throws -> [KeyIndex.Entry] {
        var all: [KeyIndex.Entry] = []
        while let entry = try next() { all.append(entry) }
        return all
    }

    /// Calls `body` with each run of two or more entries that share a fingerprint: the only
    /// entries whose events need reading to find a text used twice.
    public mutating func forEachRepeatedFingerprint(_ body: ([KeyIndex.Entry]) throws -> Void) throws {
        var previous: KeyIndex.Entry?
        var run: [KeyIndex.Entry] = []
        while let entry = try next() {
            if let previous, previous.fingerprint == entry.fingerprint {
                if run.isEmpty { run.append(previous) }
                run.append(entry)
            } else if !run.isEmpty {
                try body(run)
                run.removeAll(keepingCapacity: true)
            }
            previous = entry
        }
        if !run.isEmpty { try body(run) }
    }
}
