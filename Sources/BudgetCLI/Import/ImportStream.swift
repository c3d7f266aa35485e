import BudgetText
import BudgetModel
import BudgetJournal
import BudgetProjections
import BudgetStore
import Dispatch
#if canImport(Glibc)
import Glibc
#endif

/// An import file, CSV or JSON Lines, read from disk a piece at a time: surveyed once for the
/// rows that do not read (every one is reported), then given to the store piece by piece, as
/// often as it asks. A file of millions of rows is never held whole: what is kept is a piece,
/// the line of each row, and the first problems. A file small enough keeps its pieces, and is
/// parsed once. A pipe is copied to a temporary file first, so that it can be read again.
/// Pieces are parsed on another thread, which reads only what `init` set (and `reread` is
/// touched only on the caller's); pieces kept are read by another thread too (`holdsPieces`),
/// and never change after `init`: hence `@unchecked Sendable`.
final class ImportStream: PaymentDraftSource, @unchecked Sendable {
    /// About this much of the file is parsed at once, by one core: small enough that both
    /// cores are busy from the file's first megabyte to its last, and finish together. (With
    /// pieces of 1 MiB, a 6 MB file was six pieces of 5 ms each: when the second core began
    /// late, the first parsed the last piece alone. Survey of 100,000 rows, median of 11
    /// alternating imports: 36 ms with 1 MiB, 31 ms with 256 KiB.)
    static let pieceBytesDefault = 1 << 18
    /// A file of up to this many rows keeps its parsed pieces between the store's readings.
    static let keptRowsMaxDefault = 262_144
    /// Problems listed; past this, counted.
    static let problemsShownMax = 1_000

    struct Piece {
        let offset: Int64
        let length: Int
        let firstLine: Int
        let firstIndex: Int
        let count: Int
        /// The piece's bytes as surveyed: read again, they must be the same, or the rows checked
        /// would not be the rows written. Nil in a file too short to hold more rows than are
        /// kept (`holdsAll`), which is never read again.
        let digest: SHA256Digest?
    }

    private let fd: Int32
    private let spool: SpoolFile?
    private let path: String
    private let format: String
    private let columns: ImportColumns
    private var pieces: [Piece] = []
    private var kept: [[PaymentDraft]]? = []
    /// The line of each row that reads, by its index.
    private var rowLines: [Int32] = []
    private(set) var count = 0
    private(set) var projects: Set<String> = []
    private(set) var problems: [RowProblem] = []
    /// Problems found past `problemsShownMax`, not listed.
    private(set) var problemsUnlisted = 0
    private(set) var headerLine = 0
    /// The piece read again last, for `draft(at:)`.
    private var reread: (index: Int, drafts: [PaymentDraft])?

    /// Opens and surveys the file. Throws for a problem with the whole file: its header, its
    /// CSV, a line of JSON Lines that is not an object.
    init(path: String, format: String, pieceBytes: Int = pieceBytesDefault, keptRowsMax: Int = keptRowsMaxDefault) throws {
        self.path = path
        self.format = format
        let opened = open(path, O_RDONLY | O_CLOEXEC)
        guard opened >= 0 else { throw UsageError(.fILECannotBeOpened, path, Message.system(errno)) }
        var info = stat()
        guard fstat(opened, &info) == 0 else { let code = errno; close(opened); throw UsageError(.fILECannotBeRead, path, Message.system(code)) }
        // A regular file, or a pipe (`budget import /dev/stdin`); a directory, a device or a socket is refused.
        guard [S_IFREG, S_IFIFO].contains(info.st_mode & S_IFMT) else { close(opened); throw UsageError(.fILEIsNotFileOf, path, FileKind.of(info)) }
        if info.st_mode & S_IFMT == S_IFIFO {
            // A pipe is read once: copied to an unlinked temporary file, read from there.
            defer { close(opened) }
            let copy = SpoolFile()
            var total = 0
            while true {
                let chunk: [UInt8]
                do { chunk = try FileBytes.read(opened, count: 1 << 20) } catch { throw UsageError(.fILECannotBeRead, path, error.reason) }
                if chunk.isEmpty { break }
                total += chunk.count
                guard total <= ImportFile.bytesMax else { throw UsageError(.fILEIsLargerThanMiB, path, ImportFile.bytesMax >> 20) }
                copy.append(chunk)
            }
            guard !copy.failed, copy.descriptor >= 0 else { throw UsageError(.fILECannotBeRead, path, Message.system(EIO)) }
            spool = copy
            fd = copy.descriptor
        } else {
            guard info.st_size <= ImportFile.bytesMax else { close(opened); throw UsageError(.fILEIsLargerThanMiB, path, ImportFile.bytesMax >> 20) }
            spool = nil
            fd = opened
        }
        let size = Self.size(fd)
        // The header (CSV) or nothing (JSON Lines, whose keys are the columns). Until every
        // property is set a failure does not reach `deinit`: the file is closed here.
        let header: (columns: ImportColumns, line: Int, offset: Int, bodyLine: Int)
        do {
            header = try Self.header(fd, size: size, path: path, format: format)
        } catch {
            if spool == nil { close(fd) }
            throw error
        }
        columns = header.columns
        headerLine = header.line
        let pieceBytes = Self.evenPieceBytes(Int(size) - header.offset, most: max(1, pieceBytes))
        try survey(from: Int64(header.offset), line: header.bodyLine, size: size, pieceBytes: pieceBytes, keptRowsMax: keptRowsMax)
    }

    /// Pieces are parsed on both cores: cut about evenly, in an even number of pieces of at most
    /// `most` bytes, both cores finish together. (A file of 1.5 pieces cut at `most` would leave
    /// one core idle for two thirds of the time.) Each piece ends at the last record end within
    /// its length, a little short of it: a little room (a 64th, up to 4 KiB) keeps those
    /// shortfalls from adding up to a last piece of a row or two.
    static func evenPieceBytes(_ total: Int, most: Int) -> Int {
        func room(_ piece: Int) -> Int { min(4_096, max(256, piece / 64)) }
        var pieces = max(2, (total + most - 1) / most)
        pieces += pieces % 2
        var even = (total + pieces - 1) / pieces
        // Just under an even number of whole pieces there is no room left below `most`: two
        // pieces more, each a little smaller, rather than a stray last piece.
        if even + room(even) > most && most > room(most) {
            pieces += 2
            even = (total + pieces - 1) / pieces
        }
        return min(most, even + room(even))
    }

    /// The columns the file's header names, the header's line, and where the rows begin and on
    /// which line; a workbook is refused with the way to read it.
    static func header(_ fd: Int32, size: Int64, path: String, format: String) throws -> (columns: ImportColumns, line: Int, offset: Int, bodyLine: Int) {
        if try read(fd, path: path, at: 0, count: Int(min(size, 4))) == [0x50, 0x4B, 0x03, 0x04] {
            throw UsageError(.fILEIsXlsxWorkbookGive, path)
        }
        guard format != "jsonl" else {
            guard case .success(let found) = PaymentRows.columns(header: PaymentRows.required + PaymentRows.optional, line: 0) else {
                preconditionFailure("the JSON keys are the columns")
            }
            return (found, 0, 0, 1)
        }
        return try ImportFile.csvHeader(try read(fd, path: path, at: 0, count: Int(min(size, Int64(CSVReader.fieldBytesMax * CSVReader.fieldsMax + 3)))))
    }

    deinit { if spool == nil { close(fd) } }

    /// Pieces surveyed in one round: parsed, then taken in together, before the next round is
    /// cut. What a round holds (its pieces' rows, about 8 MB of the file) is what the survey
    /// holds at once.
    static let roundPiecesMax = 32

    /// Cuts the file into pieces of whole records, parses each, and keeps what the store needs.
    /// Both cores take pieces in turn: each cuts the next piece (a piece starts where the one
    /// before ends, so cutting is one at a time) and parses it while the other cuts and parses
    /// the next. (Both pieces of a round cut first, then parsed, one core read a 6 MB file
    /// alone, a sixth of the survey; and a piece that took longer to parse left the other core idle.)
    private func survey(from start: Int64, line startLine: Int, size: Int64, pieceBytes: Int, keptRowsMax: Int) throws {
        var offset = start
        var line = startLine
        var fileProblems: [RowProblem] = []
        var fileProblemsUnlisted = 0
        // A file of no more rows than are kept keeps every piece, so none is read again, and
        // none need be hashed: 6 MB of CSV hashed was a sixteenth of the survey's time.
        let holdsAll = (size - start + 1) / Int64(PaymentRows.rowBytesMin) <= Int64(keptRowsMax)
        typealias Parsed = (offset: Int64, line: Int, length: Int, rows: ImportFile.Rows, fileProblems: [RowProblem], digest: SHA256Digest?)
        while offset < size {
            // The round's cuts, made under `cutting` in order: where the next piece starts,
            // and on which line.
            let cutting = DispatchSemaphore(value: 1)
            var next = (index: 0, offset: offset, line: line)
            var parsed = [Result<Parsed, Error>?](repeating: nil, count: Self.roundPiecesMax)
            parsed.withUnsafeMutableBufferPointer { slots in
                let slots = slots
                DispatchQueue.concurrentPerform(iterations: 2) { _ in
                    while true {
                        cutting.wait()
                        guard next.index < Self.roundPiecesMax && next.offset < size else { cutting.signal(); return }
                        let index = next.index, at = next.offset, firstLine = next.line
                        let cut = Result { try self.cutPiece(at: at, size: size, pieceBytes: pieceBytes) }
                        switch cut {
                        case .success(let bytes):
                            next = (index + 1, at + Int64(bytes.count), firstLine + CSVReader.lineFeeds(in: bytes))
                        case .failure:
                            // Nothing is cut after a piece that could not be: the round ends there.
                            next = (Self.roundPiecesMax, size, firstLine)
                        }
                        cutting.signal()
                        slots[index] = Result {
                            let bytes = try cut.get()
                            let read = try self.parse(bytes[...], firstLine: firstLine)
                            return (at, firstLine, bytes.count, read.rows, read.fileProblems, holdsAll ? nil : SHA256.hash(bytes))
                        }
                    }
                }
            }
            for slot in parsed {
                guard let result = slot else { break }
                let piece = try result.get()
                let read = piece.rows
                for problem in piece.fileProblems {
                    if fileProblems.count < Self.problemsShownMax { fileProblems.append(problem) } else { fileProblemsUnlisted += 1 }
                }
                pieces.append(Piece(offset: piece.offset, length: piece.length, firstLine: piece.line, firstIndex: count, count: read.count, digest: piece.digest))
                count += read.count
                guard count + problems.count + problemsUnlisted <= PaymentRows.rowsMax else {
                    throw ImportFailed(problems: [RowProblem(line: headerLine, reason: Message(.moreThanRowsSplitFile, PaymentRows.rowsMax))])
                }
                rowLines += read.lines.map { Int32($0) }
                projects.formUnion(read.projects)
                for problem in read.problems {
                    if problems.count < Self.problemsShownMax { problems.append(problem) } else { problemsUnlisted += 1 }
                }
                if kept != nil {
                    kept!.append(read.drafts)
                    if count > keptRowsMax { kept = nil }
                }
                precondition(kept != nil || !holdsAll, "a file too short for more rows than are kept keeps them all")
            }
            offset = next.offset
            line = next.line
        }
        if !fileProblems.isEmpty { throw ImportFailed(problems: fileProblems, unlisted: fileProblemsUnlisted) }
    }

    /// The bytes of the piece at `offset`: about `pieceBytes`, ending at the end of a record (a
    /// line end outside quotes). A record longer than that makes the piece longer; the file's
    /// end ends the last.
    private func cutPiece(at offset: Int64, size: Int64, pieceBytes: Int) throws -> [UInt8] {
        try Self.cutPiece(fd, path: path, format: format, at: offset, size: size, pieceBytes: pieceBytes)
    }

    static func cutPiece(_ fd: Int32, path: String, format: String, at offset: Int64, size: Int64, pieceBytes: Int) throws -> [UInt8] {
        var length = Int(min(Int64(pieceBytes), size - offset))
        while true {
            var bytes = try Self.read(fd, path: path, at: offset, count: length)
            // A file that shrinks while it is read ends short of the size it had: it is refused,
            // not read on for ever.
            guard bytes.count == length else { throw Rejection(.importFileChangedWhileRead) }
            if offset + Int64(length) >= size { return bytes }
            if let cut = format == "jsonl" ? CSVReader.lastLineEnd(bytes) : CSVReader.lastRecordEnd(bytes) {
                bytes.removeLast(bytes.count - cut)
                return bytes
            }
            length = Int(min(Int64(length) * 2, size - offset))
        }
    }

    /// The rows of a piece, and the lines of JSON Lines that are not objects (problems with the
    /// whole file). Safe to call on two threads at once: it reads only what `init` set.
    private func parse(_ bytes: ArraySlice<UInt8>, firstLine: Int) throws -> (rows: ImportFile.Rows, fileProblems: [RowProblem]) {
        if format == "jsonl" { return ImportFile.jsonLines(bytes, firstLine: firstLine) }
        do {
            return (try bytes.withUnsafeBufferPointer { input throws(CSVReader.Failure) in
                try ImportFile.rows(input, from: 0, to: input.count, firstLine: firstLine, columns)
            }, [])
        } catch {
            throw ImportFailed(problems: [RowProblem(line: error.line, reason: error.reason)])
        }
    }

    /// The drafts of piece `index`, parsed again (or kept).
    private func drafts(ofPiece index: Int) throws -> [PaymentDraft] {
        if let kept { return kept[index] }
        let piece = pieces[index]
        guard let digest = piece.digest else { preconditionFailure("a piece read again was hashed") }
        guard let bytes = try? Self.read(fd, path: path, at: piece.offset, count: piece.length), bytes.count == piece.length,
              SHA256.hash(bytes) == digest else { throw Rejection(.importFileChangedWhileRead) }
        let read: (rows: ImportFile.Rows, fileProblems: [RowProblem])
        do { read = try parse(bytes[...], firstLine: piece.firstLine) } catch { throw Rejection(.importFileChangedWhileRead) }
        precondition(read.rows.count == piece.count && read.fileProblems.isEmpty, "the same bytes parse to the same rows")
        return read.rows.drafts
    }

    func forEachPiece(_ body: (_ firstIndex: Int, _ drafts: [PaymentDraft]) throws -> Void) throws {
        try forEachPiece(through: count - 1, body)
    }

    func forEachPiece(through last: Int, _ body: (_ firstIndex: Int, _ drafts: [PaymentDraft]) throws -> Void) throws {
        let filled = pieces.indices.filter { pieces[$0].count > 0 && pieces[$0].firstIndex <= last }
        // The next piece is parsed on the other core while the store takes this one.
        var next = filled.first.map { ahead in Background { try self.drafts(ofPiece: ahead) } }
        defer { next?.wait() }
        for (position, index) in filled.enumerated() {
            let drafts = try next!.get()
            next = position + 1 < filled.count ? Background { [filled] in try self.drafts(ofPiece: filled[position + 1]) } : nil
            try body(pieces[index].firstIndex, drafts)
        }
    }

    func draft(at index: Int) throws -> PaymentDraft {
        // The piece holding row `index`: the last that starts at or before it.
        var low = 0, high = pieces.count
        while low < high {
            let middle = (low + high) / 2
            if pieces[middle].firstIndex + pieces[middle].count <= index { low = middle + 1 } else { high = middle }
        }
        // Pieces held are read in place, touching nothing: another thread may ask meanwhile.
        if let kept { return kept[low][index - pieces[low].firstIndex] }
        if reread?.index != low { reread = (low, try drafts(ofPiece: low)) }
        return reread!.drafts[index - pieces[low].firstIndex]
    }

    var holdsPieces: Bool { kept != nil }

    /// The line row `index` came from.
    func line(of index: Int) -> Int { Int(rowLines[index]) }

    static func size(_ fd: Int32) -> Int64 {
        var info = stat()
        return fstat(fd, &info) == 0 ? Int64(info.st_size) : 0
    }

    static func read(_ fd: Int32, path: String, at offset: Int64, count: Int) throws -> [UInt8] {
        do { return try FileBytes.read(fd, count: count, at: offset) } catch { throw UsageError(.fILECannotBeRead, path, error.reason) }
    }
}
