import BudgetJournal

/// Texts to be written in the order of a key, not in the order they come: an export in date
/// order of a journal kept in the order it was recorded. Up to `memoryBytesMax` of texts are
/// sorted in memory; past that each batch is sorted and written to a temporary file as a run,
/// and the runs are merged as they are read back, a small buffer each, so memory stays bounded
/// whatever the journal holds.
final class SortedSpool {
    struct Key: Comparable {
        let major: Int64
        let minor: Int64
        static func < (a: Key, b: Key) -> Bool { (a.major, a.minor) < (b.major, b.minor) }
    }

    /// A run's worth of texts (a few hundred bytes each, with their strings' own overhead): the
    /// most an export holds at once besides the runs' read buffers.
    static let memoryBytesMaxDefault = 4 << 20
    static let memoryRecordsMaxDefault = 50_000
    let memoryBytesMax: Int
    let memoryRecordsMax: Int
    /// The most the runs' read buffers hold together while they are merged.
    static let mergeBytesMax = 4 << 20
    /// A run is written to the file in pieces of this size, not built whole first.
    static let writeBytes = 256 * 1024

    init(memoryBytesMax: Int = memoryBytesMaxDefault, memoryRecordsMax: Int = memoryRecordsMaxDefault) {
        self.memoryBytesMax = max(1, memoryBytesMax)
        self.memoryRecordsMax = max(1, memoryRecordsMax)
    }

    private var records: [(key: Key, text: String)] = []
    private var recordBytes = 0
    private var file: SpoolFile?
    /// Each run's records, in order, as offsets into the file.
    private var runs: [(start: Int64, end: Int64)] = []
    private var fileSize: Int64 = 0

    func append(_ key: Key, _ text: String) {
        records.append((key, text))
        recordBytes += text.utf8.count + 24
        if records.count >= memoryRecordsMax || recordBytes >= memoryBytesMax { spillRun() }
    }

    /// Every text, in the order of its key (then the order appended).
    func forEach(_ body: (String) throws -> Void) throws {
        guard file != nil else {
            for record in sortedRecords() { try body(record.text) }
            return
        }
        if !records.isEmpty { spillRun() }
        // Equal keys come from the earlier run first: runs were written in the order appended.
        // The runs' read buffers share a fixed budget: ten million events make two hundred runs.
        let blockBytes = min(RunReader.blockBytesMax, max(RunReader.blockBytesMin, Self.mergeBytesMax / runs.count))
        var merge = RunMerge(readers: try runs.map { try RunReader(file: file!, range: $0, blockBytes: blockBytes) })
        while let text = try merge.next() { try body(text) }
    }

    private func sortedRecords() -> [(key: Key, text: String)] {
        // Stable: equal keys keep the order they came in.
        records.enumerated().sorted { ($0.element.key, $0.offset) < ($1.element.key, $1.offset) }.map(\.element)
    }

    private func spillRun() {
        if file == nil { file = SpoolFile() }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Self.writeBytes + 4096)
        let start = fileSize
        for record in sortedRecords() {
            for value in [record.key.major, record.key.minor, Int64(record.text.utf8.count)] {
                withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
            }
            bytes.append(contentsOf: record.text.utf8)
            if bytes.count >= Self.writeBytes {
                file!.append(bytes)
                fileSize += Int64(bytes.count)
                bytes.removeAll(keepingCapacity: true)
            }
        }
        file!.append(bytes)
        fileSize += Int64(bytes.count)
        runs.append((start, fileSize))
        records.removeAll(keepingCapacity: false)
        recordBytes = 0
    }

    /// The runs' records in key order: a binary heap of the runs by their current record, ties
    /// to the earlier run. A journal of ten million events makes hundreds of runs.
    struct RunMerge {
        var readers: [RunReader]
        /// Indices of the readers that have a record, heap-ordered.
        var heap: [Int]

        init(readers: [RunReader]) {
            self.readers = readers
            heap = []
            for index in readers.indices where readers[index].current != nil { push(index) }
        }

        func before(_ a: Int, _ b: Int) -> Bool {
            let x = readers[a].current!.key, y = readers[b].current!.key
            return x < y || (x == y && a < b)
        }

        mutating func push(_ index: Int) {
            heap.append(index)
            var child = heap.count - 1
            while child > 0 {
                let parent = (child - 1) / 2
                guard before(heap[child], heap[parent]) else { break }
                heap.swapAt(child, parent)
                child = parent
            }
        }

        mutating func next() throws -> String? {
            guard let top = heap.first else { return nil }
            let text = readers[top].current!.text
            try readers[top].advance()
            if readers[top].current == nil {
                heap[0] = heap[heap.count - 1]
                heap.removeLast()
            }
            var parent = 0
            while true {
                let left = 2 * parent + 1, right = left + 1
                var least = parent
                if left < heap.count && before(heap[left], heap[least]) { least = left }
                if right < heap.count && before(heap[right], heap[least]) { least = right }
                guard least != parent else { break }
                heap.swapAt(parent, least)
                parent = least
            }
            return text
        }
    }

    /// Reads one run back, record by record.
    struct RunReader {
        static let blockBytesMax = 64 * 1024
        static let blockBytesMin = 4 * 1024

        private var reader: SpoolReader
        var current: (key: Key, text: String)?

        init(file: SpoolFile, range: (start: Int64, end: Int64), blockBytes: Int) throws {
            reader = SpoolReader(file: file, from: range.start, to: range.end, blockBytes: blockBytes)
            try advance()
        }

        mutating func advance() throws {
            guard !reader.isAtEnd else { current = nil; return }
            let key = Key(major: try reader.integer(), minor: try reader.integer())
            current = (key, String(decoding: try reader.take(Int(try reader.integer())), as: UTF8.self))
        }
    }
}
