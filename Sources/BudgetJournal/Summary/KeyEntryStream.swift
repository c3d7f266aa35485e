/// Index entries from several ascending sources as one ascending sequence: a checkpoint's key
/// pages, the runs a long read spilled, the entries in memory. Each source gives a chunk at a
/// time, so that ten million entries are read through holding a chunk of each source.
/// No two sources hold the same entry (each seq is one line's), so the order between sources
/// never decides anything.
public struct KeyEntryStream {
    /// The next chunk of a source, ascending and after the one before; nil when it is done.
    public typealias Chunks = () throws -> [KeyIndex.Entry]?

    private struct Source {
        let more: Chunks
        var chunk: [KeyIndex.Entry]
        var position: Int
    }

    private var unstarted: [Chunks]
    private var sources: [Source] = []
    /// Each source's next entry, by the source's index: compared without reaching into its chunk.
    private var heads: [KeyIndex.Entry] = []
    /// Entries merged ahead, handed out one by one: the merge runs in a tight loop a buffer at a
    /// time, not once per call.
    private var buffer: [KeyIndex.Entry] = []
    private var position = 0

    static let bufferEntries = 4096

    init(_ sources: [Chunks]) { unstarted = sources }

    /// The next entry, ascending; nil when every source is done.
    @inline(__always)
    public mutating func next() throws -> KeyIndex.Entry? {
        if position == buffer.count, !(try refill()) { return nil }
        defer { position += 1 }
        return buffer[position]
    }

    /// The next entry, left to be taken by `next()`.
    @inline(__always)
    public mutating func peek() throws -> KeyIndex.Entry? {
        if position == buffer.count, !(try refill()) { return nil }
        return buffer[position]
    }

    /// Fills the buffer with the next entries; false when there are none.
    private mutating func refill() throws -> Bool {
        if !unstarted.isEmpty { try start() }
        position = 0
        // One source, as a read of one journal without a checkpoint has: its chunks as they are.
        if sources.count == 1 {
            if sources[0].position == sources[0].chunk.count, !(try advance(0)) { buffer = []; return false }
            buffer = sources[0].position == 0 ? sources[0].chunk : Array(sources[0].chunk[sources[0].position...])
            sources[0].position = sources[0].chunk.count
            return true
        }
        buffer.removeAll(keepingCapacity: true)
        while buffer.count < Self.bufferEntries, !heads.isEmpty {
            var least = 0
            heads.withUnsafeBufferPointer { heads in
                for index in 1..<heads.count where heads[index] < heads[least] { least = index }
            }
            buffer.append(heads[least])
            sources[least].position += 1
            if sources[least].position < sources[least].chunk.count {
                heads[least] = sources[least].chunk[sources[least].position]
            } else if try advance(least) {
                heads[least] = sources[least].chunk[0]
            }
        }
        return !buffer.isEmpty
    }

    private mutating func start() throws {
        for more in unstarted {
            guard let chunk = try nextChunk(more) else { continue }
            sources.append(Source(more: more, chunk: chunk, position: 0))
            heads.append(chunk[0])
        }
        unstarted = []
    }

    /// Gives source `index` its next chunk; when it has none, takes it out and says false.
    private mutating func advance(_ index: Int) throws -> Bool {
        if let chunk = try nextChunk(sources[index].more) {
            sources[index].chunk = chunk
            sources[index].position = 0
            return true
        }
        sources.remove(at: index)
        heads.remove(at: index)
        return false
    }

    private func nextChunk(_ more: Chunks) throws -> [KeyIndex.Entry]? {
        while let chunk = try more() {
            if !chunk.isEmpty { return chunk }
        }
        return nil
    }

    /// Whether both give the same entries.
    public mutating func elementsEqual(_ other: inout KeyEntryStream) throws -> Bool {
        while true {
            let a = try next(), b = try other.next()
            guard a == b else { return false }
            if a == nil { return true }
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
