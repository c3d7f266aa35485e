import BudgetJournal

/// A stretch of a spool file read back in order, through a buffer refilled a block at a time:
/// the records of a sorted run, the texts of a text spool.
struct SpoolReader {
    private let file: SpoolFile
    private let blockBytes: Int
    private var offset: Int64
    private let end: Int64
    private var buffer: [UInt8] = []
    private var position = 0

    init(file: SpoolFile, from start: Int64, to end: Int64, blockBytes: Int) {
        self.file = file
        self.blockBytes = max(1, blockBytes)
        offset = start
        self.end = end
    }

    /// Whether the stretch is read to its end.
    var isAtEnd: Bool { position == buffer.count && offset == end }

    /// The next `count` bytes; a stretch that ends before them is a spool that failed.
    mutating func take(_ count: Int) throws -> ArraySlice<UInt8> {
        guard count >= 0 else { throw SpoolFile.SpoolFailed() }
        let held = buffer.count - position
        if held < count {
            let rest = Int(end - offset)
            guard held + rest >= count else { throw SpoolFile.SpoolFailed() }
            let read = min(rest, max(blockBytes, count - held))
            buffer = Array(buffer[position...]) + (try file.read(at: offset, count: read))
            position = 0
            offset += Int64(read)
        }
        defer { position += count }
        return buffer[position..<(position + count)]
    }

    /// The next eight bytes, as a little-endian integer.
    mutating func integer() throws -> Int64 {
        try take(8).withUnsafeBytes { Int64(littleEndian: $0.loadUnaligned(as: Int64.self)) }
    }
}
