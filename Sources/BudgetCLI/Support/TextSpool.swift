import BudgetText
import BudgetJournal
#if canImport(Glibc)
import Glibc
#endif

/// Texts kept until they can be written (a listing's rows, a trace's JSON steps): in memory up
/// to `memoryBytesMax`, then in a temporary file that no one else can open (made with `mkstemp`
/// and unlinked at once). A listing of a million events is measured in one pass and written in a
/// second without holding it.
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
        // Each text as its length and its bytes: a text may span lines (a trace's JSON step).
        withUnsafeBytes(of: UInt64(line.utf8.count).littleEndian) { pending.append(contentsOf: $0) }
        pending.append(contentsOf: line.utf8)
        pendingBytesMax = max(pendingBytesMax, pending.count)
        if pending.count >= blockBytes { flushPending() }
    }

    /// Each text, in the order appended, whole: newlines and all.
    func forEach(_ body: (String) throws -> Void) throws {
        guard let file else { return try lines.forEach(body) }
        flushPending()
        try file.readTexts(blockBytes: blockBytes, body)
    }

    private func flushPending() {
        file?.append(pending)
        pending.removeAll(keepingCapacity: true)
    }
}

extension SpoolFile {
    /// Reads the file back from the start, text by text, each its eight-byte length and its bytes.
    func readTexts(blockBytes: Int, _ body: (String) throws -> Void) throws {
        guard !failed else { throw SpoolFailed() }
        var reader = SpoolReader(file: self, from: 0, to: size, blockBytes: blockBytes)
        while !reader.isAtEnd {
            try body(String(decoding: try reader.take(Int(try reader.integer())), as: UTF8.self))
        }
    }
}
