import BudgetText
import BudgetModel
import Dispatch
#if canImport(Glibc)
import Glibc
#endif

/// Where a verified stretch of journal ends: the head it reached and the byte offset just past
/// its last newline. A scan can resume from here without reading what came before.
public struct JournalPosition: Equatable, Sendable {
    public let head: JournalHead
    public let offset: Int64

    public init(head: JournalHead, offset: Int64) { self.head = head; self.offset = offset }
    public static let origin = JournalPosition(head: .empty, offset: 0)
}

/// Streams a journal in large blocks, checking every line (its hash, its seq, its link to the
/// line before) and handing each event to the caller in journal order. Memory is bounded by the
/// block, not the journal: a fold over a million events never holds them all. The two halves of
/// each block are hashed and decoded on both cores; the links and the fold stay sequential.
public enum JournalScanner {
    /// A few thousand lines: enough to split between two threads, small enough that several are
    /// in memory at once (`blocksAhead`) within a few MiB.
    public static let blockBytes = 1 << 20
    /// Blocks read and decoding while one is folded: enough that the decoding threads do not
    /// wait for the folding one to start the next, few enough to keep memory to a few MiB.
    static let blocksAhead = 2

    /// Scans `fd` from `start` to its end. `keptSeq` asks for the hash of one line back (for
    /// `verify --head`). Throws at the first damaged line, naming it.
    public static func scan(fd: Int32, path: String, from start: JournalPosition = .origin, keepingHashOf keptSeq: Int64? = nil,
                            blockBytes: Int = blockBytes, _ visit: (Event) throws -> Void) throws -> (end: JournalPosition, kept: JournalHead?) {
        try scanLines(fd: fd, path: path, from: start, keepingHashOf: keptSeq, blockBytes: blockBytes) { event, _ in try visit(event) }
    }

    /// As `scan`, also giving the position just past each event's line. Blocks are decoded
    /// ahead: while the caller folds block k on this thread, the blocks after it are hashed and
    /// decoded on the others. Errors still surface in line order.
    public static func scanLines(fd: Int32, path: String, from start: JournalPosition = .origin, keepingHashOf keptSeq: Int64? = nil,
                                 blockBytes: Int = blockBytes, _ visit: (Event, JournalPosition) throws -> Void) throws -> (end: JournalPosition, kept: JournalHead?) {
        try scanAll(fd: fd, path: path, from: start, keepingHashOf: keptSeq, blockBytes: blockBytes, compacting: false, event: visit, payment: { _, _ in })
    }

    /// As `scanLines`, for a fold that needs only the figures of payments: a payment line is
    /// handed to `payment` as its figures, with no event made of it (see `PaymentFigures`), and
    /// every other line to `event`. A payment line that the quick reading declines (an escape, an
    /// unusual spelling) comes to `event` as an event. Every line is checked all the same.
    public static func scanFigures(fd: Int32, path: String, from start: JournalPosition = .origin, keepingHashOf keptSeq: Int64? = nil,
                                   blockBytes: Int = blockBytes, event: (Event, JournalPosition) throws -> Void,
                                   payment: (PaymentFigures, JournalPosition) throws -> Void) throws -> (end: JournalPosition, kept: JournalHead?) {
        try scanAll(fd: fd, path: path, from: start, keepingHashOf: keptSeq, blockBytes: blockBytes, compacting: true, event: event, payment: payment)
    }

    private static func scanAll(fd: Int32, path: String, from start: JournalPosition, keepingHashOf keptSeq: Int64?, blockBytes: Int, compacting: Bool,
                                event visit: (Event, JournalPosition) throws -> Void,
                                payment visitPayment: (PaymentFigures, JournalPosition) throws -> Void) throws -> (end: JournalPosition, kept: JournalHead?) {
        var reader = try BlockReader(fd: fd, path: path, from: start.offset, firstLine: Int(start.head.seq) + 1, blockBytes: blockBytes)
        var position = start
        var kept: JournalHead? = keptSeq == start.head.seq && keptSeq != nil ? start.head : nil
        var batch = OpenBatch()
        // Blocks read and being decoded, in order; a failure to read ends the queue, and is
        // thrown once the lines before it are taken, so that the first damaged line is the one named.
        var ahead: [Result<Decoding, Error>] = []
        var readerDone = false
        func readAhead() {
            while !readerDone && ahead.count < blocksAhead {
                do {
                    guard let block = try reader.next() else { readerDone = true; break }
                    ahead.append(.success(Decoding(block, compactingPayments: compacting)))
                } catch {
                    ahead.append(.failure(error))
                    readerDone = true
                }
            }
        }
        /// Links the line to the one before and moves past it.
        func advance(seq: Int64, prev: SHA256Digest, hash: SHA256Digest, length: Int, batchCount: Int?) throws {
            try link(seq: seq, prev: prev, after: position.head)
            try batch.take(seq: seq, batch: batchCount, at: position)
            position = JournalPosition(head: JournalHead(seq: seq, hash: hash), offset: position.offset + Int64(length))
            if seq == keptSeq { kept = position.head }
        }
        readAhead()
        while !ahead.isEmpty {
            let current = ahead.removeFirst()
            // The next blocks are read and started before this one is folded.
            readAhead()
            let decoding: Decoding
            do { decoding = try current.get() } catch JournalError.tornTail(let line) {
                // A torn line inside a batch is the batch cut short: it is moved aside whole.
                try batch.finish(tornAt: line)
                throw JournalError.tornTail(line: line)
            }
            for decoded in decoding.result() {
                // The payments come apart from the other lines; each line says how many come before it.
                var nextPayment = 0
                func takePayments(before end: Int) throws {
                    while nextPayment < end {
                        let payment = decoded.payments[nextPayment]
                        try advance(seq: payment.seq, prev: payment.prev, hash: payment.hash, length: Int(payment.length), batchCount: nil)
                        try visitPayment(payment.figures(decoded.names), position)
                        nextPayment += 1
                    }
                }
                for item in decoded.lines {
                    try takePayments(before: item.paymentsBefore)
                    try advance(seq: item.event.seq, prev: item.prev, hash: item.hash, length: item.length, batchCount: item.batch)
                    try visit(item.event, position)
                }
                try takePayments(before: decoded.payments.count)
                if let failure = decoded.failure { throw failure }
            }
        }
        try batch.finish(tornAt: nil)
        return (position, kept)
    }

    /// The batch being read, if the last lines began one: an append of several events announces
    /// their number on its first line (`"batch":N`), so that a batch cut short at a line's end is
    /// told from a complete one. It must be complete by the end of the journal.
    struct OpenBatch {
        /// Where the batch's first line begins, how many lines it announced, how many were read.
        var open: (start: JournalPosition, count: Int, read: Int)?

        /// The line `seq`, which begins at `start` and announces `batch` lines if it begins a batch.
        mutating func take(seq: Int64, batch: Int?, at start: JournalPosition) throws(JournalError) {
            if let count = batch {
                if let open {
                    throw .damaged(line: Int(seq), reason: Message(.beginsBatchInsideBatchBegun, open.start.head.seq + 1))
                }
                open = (start, count, 0)
            }
            guard let current = open else { return }
            open = current.read + 1 == current.count ? nil : (current.start, current.count, current.read + 1)
        }

        /// The end of the journal, or a torn last line (`tornAt`): an open batch there was cut short.
        func finish(tornAt line: Int?) throws(JournalError) {
            if let open {
                throw .incompleteBatch(firstLine: Int(open.start.head.seq) + 1, count: open.count, read: open.read, offset: open.start.offset)
            }
            if let line { throw .tornTail(line: line) }
        }
    }

    /// A block of whole lines being hashed and decoded on other threads: its two halves at once.
    final class Decoding: @unchecked Sendable {
        private let group = DispatchGroup()
        /// One slot per half, each written by its own task: raw memory, since two threads writing
        /// elements of one Swift array at once race on its storage.
        private let outcomes = UnsafeMutableBufferPointer<DecodedLines>.allocate(capacity: 2)

        init(_ block: BlockReader.Block, compactingPayments: Bool) {
            _ = outcomes.initialize(repeating: DecodedLines())
            let bytes = block.bytes
            let middle = bytes.count < 64 * 1024 ? bytes.count : (bytes[(bytes.count / 2)...].firstIndex(of: 0x0A).map { $0 + 1 } ?? bytes.count)
            let secondLine = block.firstLine + bytes[..<middle].withUnsafeBytes(newlines)
            for (index, range) in [0..<middle, middle..<bytes.count].enumerated() where !range.isEmpty {
                group.enter()
                DispatchQueue.global().async { [self] in
                    outcomes[index] = bytes[range].withUnsafeBytes { decodeHalf($0, firstLine: index == 0 ? block.firstLine : secondLine, compactingPayments: compactingPayments) }
                    group.leave()
                }
            }
        }

        func wait() { group.wait() }

        deinit {
            group.wait()
            outcomes.deinitialize()
            outcomes.deallocate()
        }

        /// The block's halves, each its lines as far as they decode and the first line that does
        /// not. A damaged first half stops the block there. The halves are not joined: joining
        /// would copy every event once more on the thread that folds them.
        func result() -> [DecodedLines] {
            group.wait()
            guard outcomes[0].failure == nil else { return [outcomes[0]] }
            return [outcomes[0], outcomes[1]]
        }
    }

    /// Reads a journal in blocks of whole lines, carrying a line cut by a block's end over to
    /// the next. Throws at the end for a torn last line, and for a line past the length limit.
    struct BlockReader {
        struct Block {
            let bytes: [UInt8]
            let firstLine: Int
        }

        let fd: Int32
        let path: String
        let size: Int64
        let blockBytes: Int
        var offset: Int64
        var carry: [UInt8] = []
        var nextLine: Int

        init(fd: Int32, path: String, from offset: Int64, firstLine: Int, blockBytes: Int) throws {
            var info = stat()
            guard fstat(fd, &info) == 0 else { throw JournalError.system(path: path, operation: "stat", errno: errno) }
            size = Int64(info.st_size)
            guard size <= Limits.journalBytesMax else { throw JournalError.tooLarge(path: path) }
            self.fd = fd
            self.path = path
            self.offset = offset
            self.nextLine = firstLine
            self.blockBytes = max(1, blockBytes)
        }

        /// The next block of whole lines, or nil at the end.
        mutating func next() throws -> Block? {
            while true {
                let length = Int(min(Int64(blockBytes), max(0, size - offset)))
                // The carried tail and the next stretch, read into one buffer: the block is copied once.
                var failure: FileBytes.ReadFailed?
                var bytes = [UInt8](unsafeUninitializedCapacity: carry.count + length) { buffer, initialized in
                    _ = buffer.initialize(fromContentsOf: carry)
                    initialized = carry.count
                    guard length > 0 else { return }
                    let rest = UnsafeMutableRawBufferPointer(rebasing: UnsafeMutableRawBufferPointer(buffer)[carry.count...])
                    do throws(FileBytes.ReadFailed) { initialized += try FileBytes.read(fd, into: rest, at: offset) } catch { failure = error }
                }
                if let failure { throw JournalError.system(path: path, operation: "read", errno: failure.errno) }
                offset += Int64(bytes.count - carry.count)
                let atEnd = offset >= size
                guard let complete = bytes.withUnsafeBytes({ lastNewline(in: $0, upTo: $0.count) }) else {
                    if bytes.count > Limits.lineBytesMax {
                        throw JournalError.damaged(line: nextLine, reason: Message(.longerThanLimitOfBytes, Limits.lineBytesMax))
                    }
                    if atEnd { if bytes.isEmpty { return nil }; throw JournalError.tornTail(line: nextLine) }
                    carry = bytes
                    continue
                }
                // A tail after the last newline waits for the next call, which reports it as a tear
                // once this block's lines have been read.
                carry = Array(bytes[(complete + 1)...])
                bytes.removeLast(bytes.count - complete - 1)
                let block = Block(bytes: bytes, firstLine: nextLine)
                nextLine += bytes.withUnsafeBytes(newlines)
                return block
            }
        }
    }

    /// The lines of a stretch of journal as far as they decode, and the first that does not.
    /// With `compactingPayments`, the payment lines are in `payments` (their texts in `names`),
    /// and `lines` holds the others; each of `lines` says how many payments come before it.
    struct DecodedLines {
        var lines: [DecodedLine] = []
        var payments: [CompactPayment] = []
        var names = NameTable()
        var failure: JournalError?
    }

    struct DecodedLine {
        let event: Event
        let prev: SHA256Digest
        let hash: SHA256Digest
        /// Bytes of the line including its newline.
        let length: Int
        /// The number of lines of the batch this line begins, if it begins one.
        var batch: Int? = nil
        /// How many of the stretch's `payments` come before this line.
        var paymentsBefore = 0
    }

    /// Decodes every line of `bytes`, checking each against its hash. The lines are found first
    /// and their contents hashed side by side in lanes (`SHA256Lanes`); then each is decoded.
    static func decodeHalf(_ bytes: UnsafeRawBufferPointer, firstLine: Int, compactingPayments: Bool = false) -> DecodedLines {
        var ends: [Int] = []
        ends.reserveCapacity(bytes.count / 256)
        var start = 0
        var tooLong: JournalError?
        while start < bytes.count, let found = memchr(bytes.baseAddress! + start, 0x0A, bytes.count - start) {
            let end = UnsafeRawPointer(found) - bytes.baseAddress!
            // A line past the limit is not hashed or read; it is reported after the lines before
            // it, so that the first damaged line is the one named.
            guard end - start <= Limits.lineBytesMax else {
                tooLong = .damaged(line: firstLine + ends.count, reason: Message(.longerThanLimitOfBytes, Limits.lineBytesMax))
                break
            }
            ends.append(end)
            start = end + 1
        }
        // The content each line's hash covers: all of it but the fixed tail naming the hash. A
        // line too short to have one is hashed as empty and refused when decoded.
        var messages: [SHA256Lanes.Message] = []
        messages.reserveCapacity(ends.count)
        start = 0
        for end in ends {
            messages.append(SHA256Lanes.Message(start: bytes.baseAddress! + start, count: max(0, end - start - EventDecoder.hashSuffixBytes)))
            start = end + 1
        }
        var hashes = [SHA256Digest](repeating: SHA256Digest(uncheckedBytes: [UInt8](repeating: 0, count: 32)), count: ends.count)
        if messages.count >= SHA256Lanes.width {
            messages.withUnsafeBufferPointer { m in hashes.withUnsafeMutableBufferPointer { SHA256Lanes.hash(m, into: $0) } }
        } else {
            // Fewer lines than lanes (an append's tail, a small journal) leave lanes idle: one at a time is as quick.
            for (index, message) in messages.enumerated() { hashes[index] = SHA256.hash(UnsafeRawBufferPointer(start: message.start, count: message.count)) }
        }

        var decoded = DecodedLines()
        if compactingPayments { decoded.payments.reserveCapacity(ends.count) } else { decoded.lines.reserveCapacity(ends.count) }
        start = 0
        // The texts met so far, kept from stretch to stretch: a journal's payees recur throughout.
        var texts = FastPaymentDecoder.Texts.pool.take()
        defer { FastPaymentDecoder.Texts.pool.give(texts) }
        for (index, end) in ends.enumerated() {
            let line = UnsafeRawBufferPointer(rebasing: bytes[start..<end])
            // Every line before this one was read (a line that is not ends the stretch): its hash
            // is its written text's, the last 64 digits before its closing `"}`.
            let previous = index == 0 ? nil : FastPaymentDecoder.PreviousHash(hash: hashes[index - 1], text: bytes.baseAddress! + ends[index - 1] - 66)
            if compactingPayments,
               let payment = FastPaymentDecoder.compact(line, texts: &texts, names: &decoded.names, computedHash: hashes[index], previous: previous) {
                decoded.payments.append(payment)
                start = end + 1
                continue
            }
            do throws(LineProblem) {
                let event: EventDecoder.Decoded
                if let fast = FastPaymentDecoder.decode(line, texts: &texts, computedHash: hashes[index], previous: previous) {
                    event = fast
                } else {
                    event = try EventDecoder.decode(line, computedHash: hashes[index])
                }
                decoded.lines.append(DecodedLine(event: event.event, prev: event.prev, hash: event.hash, length: end - start + 1,
                                                 batch: event.batch, paymentsBefore: decoded.payments.count))
            } catch {
                decoded.failure = damaged(error, line: firstLine + index)
                return decoded
            }
            start = end + 1
        }
        decoded.failure = tooLong
        return decoded
    }

    static func link(_ line: DecodedLine, after head: JournalHead) throws(JournalError) {
        try link(seq: line.event.seq, prev: line.prev, after: head)
    }

    /// The line after `head` must carry the next seq and name `head`'s hash as its `prev`; the
    /// line number is that next seq, since every line before it was checked the same way.
    static func link(seq: Int64, prev: SHA256Digest, after head: JournalHead) throws(JournalError) {
        let expected = head.seq + 1
        let number = Int(expected)
        if seq != expected {
            let what = seq > expected ? Message(.lineBeforeItWasRemoved) : Message(.linesWereReorderedOrRepeated)
            throw .damaged(line: number, reason: Message(.seqWhereWasExpected, seq, expected, what))
        }
        if prev != head.hash {
            throw .damaged(line: number, reason: Message(.doesNotChainToLine))
        }
    }

    /// A line that does not decode, as the reader reports it.
    static func damaged(_ problem: LineProblem, line: Int) -> JournalError {
        .damaged(line: line, reason: problem.reason + (problem.reason.names(.contentDoesNotMatchIts) || problem.reason.names(.doesNotEndWithIts) ? Message(.lineWasEdited) : Message(verbatim: "")))
    }

    static func newlines(in bytes: UnsafeRawBufferPointer) -> Int {
        var count = 0
        var start = 0
        while start < bytes.count, let found = memchr(bytes.baseAddress! + start, 0x0A, bytes.count - start) {
            count += 1
            start = UnsafeRawPointer(found) - bytes.baseAddress! + 1
        }
        return count
    }

    static func lastNewline(in bytes: UnsafeRawBufferPointer, upTo count: Int) -> Int? {
        var index = count - 1
        while index >= 0 {
            if bytes[index] == 0x0A { return index }
            index -= 1
        }
        return nil
    }
}
