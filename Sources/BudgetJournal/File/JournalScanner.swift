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
        try ClosureFold.with(event: visit, payment: { _, _ in }) { fold in
            try scanAll(fd: fd, path: path, from: start, keepingHashOf: keptSeq, blockBytes: blockBytes, compacting: false, into: &fold)
        }
    }

    /// As `scanLines`, for a fold that needs only the figures of payments: a payment line is
    /// handed to `payment` as its figures, with no event made of it (see `PaymentFigures`), and
    /// every other line to `event`. A payment line that the quick reading declines (an escape, an
    /// unusual spelling) comes to `event` as an event. Every line is checked all the same.
    public static func scanFigures(fd: Int32, path: String, from start: JournalPosition = .origin, keepingHashOf keptSeq: Int64? = nil,
                                   blockBytes: Int = blockBytes, event: (Event, JournalPosition) throws -> Void,
                                   payment: (PaymentFigures, JournalPosition) throws -> Void) throws -> (end: JournalPosition, kept: JournalHead?) {
        try ClosureFold.with(event: event, payment: payment) { fold in
            try scanFigures(fd: fd, path: path, from: start, keepingHashOf: keptSeq, blockBytes: blockBytes, into: &fold)
        }
    }

    /// As `scanFigures(event:payment:)`, folding into `fold` (see `FigureFold`).
    public static func scanFigures<Fold: FigureFold>(fd: Int32, path: String, from start: JournalPosition = .origin, keepingHashOf keptSeq: Int64? = nil,
                                                     blockBytes: Int = blockBytes, into fold: inout Fold) throws -> (end: JournalPosition, kept: JournalHead?) {
        try scanAll(fd: fd, path: path, from: start, keepingHashOf: keptSeq, blockBytes: blockBytes, compacting: true, into: &fold)
    }

    private static func scanAll<Fold: FigureFold>(fd: Int32, path: String, from start: JournalPosition, keepingHashOf keptSeq: Int64?, blockBytes: Int,
                                                  compacting: Bool, into fold: inout Fold) throws -> (end: JournalPosition, kept: JournalHead?) {
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw JournalError.system(path: path, operation: "stat", errno: errno) }
        let size = Int64(info.st_size)
        guard size <= Limits.journalBytesMax else { throw JournalError.tooLarge(path: path) }
        let blockBytes = Int64(max(1, blockBytes))
        var position = start
        var kept: JournalHead? = keptSeq == start.head.seq && keptSeq != nil ? start.head : nil
        var batch = OpenBatch()
        // Blocks being read and decoded, in order, by the crew: the lines that begin in its
        // stretch of the file (see `Decoding`). This thread links and folds them, and while the
        // next one is not decoded, it decodes what is queued rather than wait (see `Crew`).
        var ahead: [Decoding] = []
        let crew = Crew()
        var nextStart = start.offset
        func readAhead() {
            while nextStart < size && ahead.count < blocksAhead {
                let end = min(size, nextStart + blockBytes)
                ahead.append(Decoding(fd: fd, path: path, from: nextStart, to: end, first: nextStart == start.offset, size: size,
                                      compactingPayments: compacting, crew: crew))
                nextStart = end
            }
        }
        // Each project met is numbered once for the whole read (see `PaymentFigures.projectNumber`);
        // a half's own numbers are translated the first time each is met.
        var projectNumbers: [String: Int] = [:]
        /// Links the line to the one before and moves past it.
        func advance(seq: Int64, prev: SHA256Digest, hash: SHA256Digest, length: Int, batchCount: Int?) throws {
            try link(seq: seq, prev: prev, after: position.head)
            try batch.take(seq: seq, batch: batchCount, at: position)
            position = JournalPosition(head: JournalHead(seq: seq, hash: hash), offset: position.offset + Int64(length))
            if seq == keptSeq { kept = position.head }
        }
        // However the scan ends (the caller stops it, a line is damaged), the blocks started
        // ahead are waited for: they read the caller's descriptor, which is closed once it returns,
        // and whose number the next file opened may take.
        defer {
            for decoding in ahead { decoding.wait(helping: crew) }
            crew.finish()
        }
        readAhead()
        while !ahead.isEmpty {
            let current = ahead.removeFirst()
            // The next blocks are started before this one is folded.
            readAhead()
            let decoded = current.result(helping: crew)
            // Every line before this block was read and checked, so its first line's number is
            // the seq after the head's; the decoding threads number lines from 0 within the block.
            let firstLine = Int(position.head.seq) + 1
            for half in decoded.halves {
                // The payments come apart from the other lines; each line says how many come before it.
                var nextPayment = 0
                var numbers = [Int](repeating: -1, count: half.names.names.count + 1)
                func takePayments(before end: Int) throws {
                    while nextPayment < end {
                        let payment = half.payments[nextPayment]
                        try advance(seq: payment.seq, prev: payment.prev, hash: payment.hash, length: Int(payment.length), batchCount: nil)
                        var number = numbers[Int(payment.project)]
                        if number < 0 {
                            let name = half.names[payment.project]
                            number = projectNumbers[name] ?? projectNumbers.count
                            projectNumbers[name] = number
                            numbers[Int(payment.project)] = number
                        }
                        try fold.take(payment.figures(half.names, projectNumber: number), endingAt: position)
                        nextPayment += 1
                    }
                }
                for item in half.lines {
                    try takePayments(before: item.paymentsBefore)
                    try advance(seq: item.event.seq, prev: item.prev, hash: item.hash, length: item.length, batchCount: item.batch)
                    try fold.take(item.event, endingAt: position)
                }
                try takePayments(before: half.payments.count)
                if let failure = half.failure { throw failure.numbered(from: firstLine) }
            }
            if let failure = decoded.failure {
                if case .tornTail(let line) = failure {
                    // A torn line inside a batch is the batch cut short: it is moved aside whole.
                    try batch.finish(tornAt: line + firstLine)
                }
                throw failure.numbered(from: firstLine)
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

    /// A block of the journal being read, hashed and decoded by the crew's threads: the lines that
    /// begin in the bytes `from..<to` (the line that ends past `to` is read whole; one that began
    /// before `from` is the block before's). Each block finds its own lines, so no block waits
    /// for the one before to be read; its two halves are decoded at once. Lines are numbered from
    /// 0 in the block: only the thread that folds knows where it begins.
    final class Decoding: @unchecked Sendable {
        private let group = DispatchGroup()
        /// The halves, and what ended the block early, each written by its own task: raw memory,
        /// since two threads writing elements of one Swift array at once race on its storage.
        private let halves = UnsafeMutableBufferPointer<DecodedLines>.allocate(capacity: 2)
        private var halfCount = 0
        private var failure: JournalError?

        struct Outcome {
            let halves: [DecodedLines]
            /// Where the block's lines stop: a read that failed, a last line without its newline
            /// (`tornTail`), or one longer than the limit. Numbered from 0 in the block.
            let failure: JournalError?
        }

        /// Blocks being read or decoded, in every scan of the process: none once every scan has
        /// returned (a scan waits for those it started).
        static var inFlight: Int { inFlightCount.sync { $0 } }
        private static let inFlightCount = Locked(0)
        /// Microseconds each block waits before it is read: 0 but in tests, which make blocks
        /// slow to see what waits for them.
        static let readDelay = Locked<UInt32>(0)

        init(fd: Int32, path: String, from: Int64, to: Int64, first: Bool, size: Int64, compactingPayments: Bool, crew: Crew) {
            halves.initialize(repeating: DecodedLines())
            group.enter()
            Self.inFlightCount.sync { $0 += 1 }
            crew.push { [self] in
                defer {
                    Self.inFlightCount.sync { $0 -= 1 }
                    group.leave()
                }
                let delay = Self.readDelay.sync { $0 }
                if delay > 0 { usleep(delay) }
                let lines: Lines
                do throws(JournalError) { lines = try Self.lines(fd: fd, path: path, from: from, to: to, first: first, size: size) } catch {
                    failure = error
                    return
                }
                failure = lines.failure
                let bytes = lines.bytes
                guard !lines.range.isEmpty else { return }
                let range = lines.range
                let middle = range.count < 64 * 1024 ? range.upperBound
                    : (bytes[(range.lowerBound + range.count / 2)..<range.upperBound].firstIndex(of: 0x0A).map { $0 + 1 } ?? range.upperBound)
                halfCount = middle < range.upperBound ? 2 : 1
                if halfCount == 2 {
                    let secondLine = bytes[range.lowerBound..<middle].withUnsafeBytes(newlines)
                    group.enter()
                    crew.push { [self] in
                        halves[1] = bytes[middle..<range.upperBound].withUnsafeBytes {
                            decodeHalf($0, firstLine: secondLine, compactingPayments: compactingPayments)
                        }
                        group.leave()
                    }
                }
                halves[0] = bytes[range.lowerBound..<middle].withUnsafeBytes { decodeHalf($0, firstLine: 0, compactingPayments: compactingPayments) }
            }
        }

        private var isDone: Bool { group.wait(timeout: .now()) == .success }

        /// Waits for the block, taking the crew's tasks meanwhile (this block's and the next ones').
        func wait(helping crew: Crew) {
            crew.work(until: { isDone }, wait: { group.wait() })
        }

        deinit {
            group.wait()
            halves.deinitialize()
            halves.deallocate()
        }

        /// The block's halves, each its lines as far as they decode and the first that does not;
        /// a damaged first half stops the block there.
        func result(helping crew: Crew) -> Outcome {
            wait(helping: crew)
            guard halfCount > 0 else { return Outcome(halves: [], failure: failure) }
            guard halves[0].failure == nil, halfCount == 2 else { return Outcome(halves: [halves[0]], failure: halves[0].failure == nil ? failure : nil) }
            return Outcome(halves: [halves[0], halves[1]], failure: halves[1].failure == nil ? failure : nil)
        }

        /// The bytes read for a block, the whole lines in them that belong to it, and what ends
        /// them early.
        struct Lines {
            var bytes: [UInt8]
            var range: Range<Int>
            var failure: JournalError?
        }

        /// Reads the lines that begin in `from..<to`: the byte before `from` says whether a line
        /// begins there, and the last line is read on past `to` to its newline (a few hundred
        /// bytes; up to the line limit).
        static func lines(fd: Int32, path: String, from: Int64, to: Int64, first: Bool, size: Int64) throws(JournalError) -> Lines {
            let behind = first ? 0 : 1
            let readFrom = from - Int64(behind)
            var ahead = Int(min(4096, size - to))
            var bytes = try read(fd: fd, path: path, at: readFrom, count: Int(to - readFrom) + ahead)
            let own = behind..<(behind + Int(to - from))
            // The first line that begins in the block.
            var begin = own.lowerBound
            if !first && bytes[0] != 0x0A {
                guard let newline = bytes[own].firstIndex(of: 0x0A), newline + 1 < own.upperBound else {
                    return Lines(bytes: [], range: 0..<0, failure: nil)
                }
                begin = newline + 1
            }
            // The newline that ends the last line to begin in the block.
            var end = bytes[(own.upperBound - 1)...].firstIndex(of: 0x0A)
            if end == nil && to + Int64(ahead) < size {
                ahead = Int(min(Int64(Limits.lineBytesMax + 1), size - to))
                bytes = try read(fd: fd, path: path, at: readFrom, count: Int(to - readFrom) + ahead)
                end = bytes[(own.upperBound - 1)...].firstIndex(of: 0x0A)
            }
            if let end { return Lines(bytes: bytes, range: begin..<(end + 1), failure: nil) }
            // No newline: the file ends inside the last line, or the line is past the limit.
            let whole = bytes[begin...].lastIndex(of: 0x0A).map { $0 + 1 } ?? begin
            let cut = bytes[begin..<whole].withUnsafeBytes(newlines)
            let atEnd = to + Int64(ahead) >= size
            let failure: JournalError = !atEnd || bytes.count - whole > Limits.lineBytesMax
                ? .damaged(line: cut, reason: Message(.longerThanLimitOfBytes, Limits.lineBytesMax)) : .tornTail(line: cut)
            return Lines(bytes: bytes, range: begin..<whole, failure: failure)
        }

        /// Exactly `count` bytes from `offset`, which lie within the size the file had when the
        /// scan began: fewer means the file was cut short while it was read.
        static func read(fd: Int32, path: String, at offset: Int64, count: Int) throws(JournalError) -> [UInt8] {
            let bytes: [UInt8]
            do { bytes = try FileBytes.read(fd, count: count, at: offset) } catch {
                throw JournalError.system(path: path, operation: "read", errno: error.errno)
            }
            guard bytes.count == count else { throw JournalError.changedWhileRead(path: path) }
            return bytes
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
               FastPaymentDecoder.compact(line, into: &decoded.payments, texts: &texts, names: &decoded.names, computedHash: hashes[index],
                                          previous: previous) {
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
