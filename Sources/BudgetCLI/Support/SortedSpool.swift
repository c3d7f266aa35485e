import BudgetJournal

/// Texts to be written in the order of a key, not in the order they come: an export in date
/// order of a journal kept in the order it was recorded. Up to `memoryRecordsMax` are sorted in
/// memory; past that each full batch is sorted and written to a temporary file as a run, and
/// the runs are merged as they are read back, so memory stays bounded whatever the journal holds.
final class SortedSpool {
    struct Key: Comparable {
        let major: Int64
        let minor: Int64
        static func < (a: Key, b: Key) -> Bool { (a.major, a.minor) < (b.major, b.minor) }
    }

    static let memoryRecordsMaxDefault = 50_000
    let memoryRecordsMax: Int

    init(memoryRecordsMax: Int = memoryRecordsMaxDefault) { self.memoryRecordsMax = memoryRecordsMax }

    private var records: [(key: Key, text: String)] = []
    private var file: SpoolFile?
    /// Each run's records, in order, as offsets into the file.
    private var runs: [(start: Int64, end: Int64)] = []
    private var fileSize: Int64 = 0

    func append(_ key: Key, _ text: String) {
        records.append((key, text))
        if records.count >= memoryRecordsMax { spillRun() }
    }

    /// Every text, in the order of its key (then the order appended).
    func forEach(_ body: (String) throws -> Void) throws {
        guard file != nil else {
            for record in sortedRecords() { try body(record.text) }
            return
        }
        if !records.isEmpty { spillRun() }
        var readers = try runs.map { try RunReader(file: file!, range: $0) }
        // Few runs (a journal of a million events makes twenty): a linear pick of the least is enough.
        while true {
            var least: Int?
            for index in readers.indices where readers[index].current != nil {
                if least == nil || readers[index].current!.key < readers[least!].current!.key { least = index }
            }
            guard let index = least else { return }
            try body(readers[index].current!.text)
            try readers[index].advance()
        }
    }

    private func sortedRecords() -> [(key: Key, text: String)] {
        // Stable: equal keys keep the order they came in.
        records.enumerated().sorted { ($0.element.key, $0.offset) < ($1.element.key, $1.offset) }.map(\.element)
    }

    private func spillRun() {
        if file == nil { file = SpoolFile() }
        var bytes: [UInt8] = []
        for record in sortedRecords() {
            for value in [record.key.major, record.key.minor, Int64(record.text.utf8.count)] {
                withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
            }
            bytes.append(contentsOf: record.text.utf8)
        }
        file!.append(bytes)
        runs.append((fileSize, fileSize + Int64(bytes.count)))
        fileSize += Int64(bytes.count)
        records.removeAll(keepingCapacity: true)
    }

    /// Reads one run back, record by record, through a buffer refilled a block at a time.
    struct RunReader {
        static let blockBytes = 256 * 1024

        let file: SpoolFile
        var offset: Int64
        let end: Int64
        var buffer: [UInt8] = []
        var position = 0
        var current: (key: Key, text: String)?

        init(file: SpoolFile, range: (start: Int64, end: Int64)) throws {
            self.file = file
            offset = range.start
            end = range.end
            try advance()
        }

        mutating func advance() throws {
            guard try available(24) else { current = nil; return }
            let values = (0..<3).map { index in
                buffer.withUnsafeBytes { Int64(littleEndian: $0.loadUnaligned(fromByteOffset: position + index * 8, as: Int64.self)) }
            }
            position += 24
            let length = Int(values[2])
            guard try available(length) else { throw SpoolFile.SpoolFailed() }
            current = (Key(major: values[0], minor: values[1]), String(decoding: buffer[position..<(position + length)], as: UTF8.self))
            position += length
        }

        /// Whether `count` more bytes of the run can be had in the buffer, reading on as needed.
        private mutating func available(_ count: Int) throws -> Bool {
            if buffer.count - position >= count { return true }
            let rest = Int(end - offset)
            guard buffer.count - position + rest >= count, rest > 0 || buffer.count - position >= count else { return false }
            let take = min(rest, max(Self.blockBytes, count))
            buffer = Array(buffer[position...]) + (try file.read(at: offset, count: take))
            position = 0
            offset += Int64(take)
            return buffer.count >= count
        }
    }
}

extension SpoolFile {
    /// `count` bytes from `offset`.
    func read(at offset: Int64, count: Int) throws -> [UInt8] {
        guard let bytes = try? FileBytes.read(descriptor, count: count, at: offset), bytes.count == count else { throw SpoolFailed() }
        return bytes
    }
}
