import BudgetText
import BudgetJournal
#if canImport(Glibc)
import Glibc
#endif

/// Lines kept until they can be written: in memory up to `memoryBytesMax`, then in a temporary
/// file that no one else can open (made with `mkstemp` and unlinked at once). A listing of a
/// million events is measured in one pass and written in a second without holding it.
final class TextSpool {
    static let memoryBytesMaxDefault = 8 << 20
    /// Written and read back in blocks of this size.
    static let blockBytesDefault = 1 << 20
    let memoryBytesMax: Int
    let blockBytes: Int
    /// What a line held in memory costs besides its bytes: the string's own header, the
    /// allocator's rounding and its place in the array.
    static let lineOverheadBytes = 64

    init(memoryBytesMax: Int = memoryBytesMaxDefault, blockBytes: Int = blockBytesDefault) {
        self.memoryBytesMax = memoryBytesMax
        self.blockBytes = max(1, blockBytes)
    }

    private var lines: [String] = []
    private var memoryBytes = 0
    private var file: SpoolFile?
    private var pending: [UInt8] = []
    private(set) var count = 0
    /// The most bytes waiting at once to be written: a block and a line.
    private(set) var pendingBytesMax = 0

    func append(_ line: String) {
        count += 1
        if file == nil, memoryBytes + line.utf8.count + Self.lineOverheadBytes <= memoryBytesMax {
            lines.append(line)
            memoryBytes += line.utf8.count + Self.lineOverheadBytes
            return
        }
        if file == nil {
            file = SpoolFile()
            // Moved out a block at a time: gathered whole, the lines would be held twice.
            for held in lines { add(held) }
            lines = []
        }
        add(line)
    }

    private func add(_ line: String) {
        pending.append(contentsOf: line.utf8)
        pending.append(0x0A)
        pendingBytesMax = max(pendingBytesMax, pending.count)
        if pending.count >= blockBytes { flushPending() }
    }

    /// Each line, in the order appended. A line may not hold a newline: the spool's own lines
    /// are separated by them.
    func forEach(_ body: (String) throws -> Void) throws {
        guard let file else { return try lines.forEach(body) }
        flushPending()
        try file.readLines(blockBytes: blockBytes, body)
    }

    private func flushPending() {
        file?.append(pending)
        pending.removeAll(keepingCapacity: true)
    }
}

extension SpoolFile {
    /// Reads the file back from the start, line by line.
    func readLines(blockBytes: Int, _ body: (String) throws -> Void) throws {
        guard !failed else { throw SpoolFailed() }
        var offset: Int64 = 0
        var carry: [UInt8] = []
        while offset < size {
            let block = try read(at: offset, count: Int(min(Int64(blockBytes), size - offset)))
            let count = block.count
            offset += Int64(count)
            var start = 0
            for index in 0..<count where block[index] == 0x0A {
                carry.append(contentsOf: block[start..<index])
                try body(String(decoding: carry, as: UTF8.self))
                carry.removeAll(keepingCapacity: true)
                start = index + 1
            }
            carry.append(contentsOf: block[start..<count])
        }
    }
}
