import BudgetText
import BudgetModel
import Dispatch

/// Encodes many events as chained journal lines, using both cores. Each line's hash depends on
/// the line before (its `prev`), so hashing looks sequential; but `prev` comes last in the line,
/// so the SHA-256 of everything before it does not depend on it. That part — most of each line —
/// is encoded and hashed ahead, chunk by chunk, on both cores; the chain — the last block or two
/// of each hash, over `prev` — is finished in order: by the other core's helper for the chunks it
/// encodes while it has encoded every one before, else on this thread as soon as each chunk is
/// ready, while the other core encodes the chunks after it. The bytes are exactly those of
/// `EventEncoder.line`.
public enum BatchEncoder {
    /// Lines per chunk: large enough that handing a chunk over costs nothing next to encoding
    /// it, small enough that the chain starts early and both cores finish together.
    public static let chunkEventsDefault = 2_048

    /// What follows each line's unchained part: `<prev hex>","hash":"<hash hex>"}` and a newline.
    static let chainedTailBytes = 64 + 1 + 9 + 64 + 2 + 1

    /// Chained lines, in chunks of consecutive whole lines, and the position after each line.
    public struct Lines {
        /// Written one after another, they are the batch.
        public fileprivate(set) var chunks: [[UInt8]] = []
        public fileprivate(set) var heads: [JournalHead] = []
        /// Each line's length without its newline.
        public fileprivate(set) var lengths: [Int] = []
        /// What a summary takes in of each line, as the piece made it (see `forEachChunk`): a
        /// writer that keeps a summary takes them in with their lines.
        public fileprivate(set) var facts: [LineFact] = []
        /// Whether the lines are in the file already, written ahead while the batch was checked
        /// (see `WriteAhead`): then `chunks` is empty.
        public fileprivate(set) var writtenAhead = false

        public var byteCount: Int { chunks.reduce(0) { $0 + $1.count } }
        /// The batch as one buffer, for tests and small batches.
        public var bytes: [UInt8] { Array(chunks.joined()) }
    }

    /// The lines of `events` (seqs contiguous after `head`), each ending in a newline.
    ///
    /// It is also the last check before a line is written: an event the reader would refuse (an
    /// id, a text or an amount its kind's field table does not allow) is not encoded, and the
    /// batch is refused naming it, so that nothing written can brick the journal.
    public static func lines(for events: [Event], after head: JournalHead, chunkEvents: Int = chunkEventsDefault) throws(JournalError) -> Lines {
        var lines = Lines()
        lines.heads.reserveCapacity(events.count)
        lines.lengths.reserveCapacity(events.count)
        // An append of several events is a batch, which its first line announces.
        try forEachChunk(of: events, after: head, batch: events.count > 1 ? events.count : nil, announcing: true,
                         chunkEvents: chunkEvents) { chunk throws(JournalError) in
            lines.chunks += chunk.chunks
            lines.heads += chunk.heads
            lines.lengths += chunk.lengths
            lines.facts += chunk.facts
        }
        return lines
    }

    /// The lines of `events`, a piece of a batch of `batch` events (nil for an append of one),
    /// whose first line announces the batch when `announcing` (the batch's first piece), handed
    /// to `body` a chunk at a time, as each is chained: a writer that writes each chunk before
    /// the next holds a few chunks at once, not the piece, and the heap hands the same memory
    /// back chunk after chunk, where a piece's worth (18 MB at 50,000 payments) was faulted in
    /// page by page.
    public static func forEachChunk(of events: [Event], after head: JournalHead, batch: Int?, announcing: Bool,
                                    chunkEvents: Int = chunkEventsDefault,
                                    _ body: (Lines) throws(JournalError) -> Void) throws(JournalError) {
        try forEachChunk(of: EventPiece(events), after: head, batch: batch, announcing: announcing, chunkEvents: chunkEvents, body)
    }

    /// As `forEachChunk(of:after:batch:announcing:chunkEvents:_:)`, each event made as its line
    /// is encoded (see `EventPiece`); each chunk's `Lines` holds its events.
    public static func forEachChunk(of events: EventPiece, after head: JournalHead, batch: Int?, announcing: Bool,
                                    chunkEvents: Int = chunkEventsDefault,
                                    _ body: (Lines) throws(JournalError) -> Void) throws(JournalError) {
        precondition(chunkEvents > 0, "a chunk holds at least one line")
        let chunkCount = (events.count + chunkEvents - 1) / chunkEvents
        guard chunkCount > 0 else { return }
        let pipeline: Pipeline
        if let ahead = events.ahead, ahead.take(events.count, after: head, batch: announcing ? batch : nil, chunkEvents: chunkEvents) {
            // Chunks encoded ahead, while the batch was checked, and the rest by the same helper.
            pipeline = ahead.pipeline
        } else {
            // Lines encoded ahead for other events: dropped, and any written ahead cut back,
            // before a line of these is written.
            events.ahead?.cancel()
            pipeline = Pipeline(events: events, after: head, chunkEvents: chunkEvents, chunkCount: chunkCount, batch: announcing ? batch : nil)
            // The other core encodes chunks from the front (chaining them while it has encoded
            // every one before), while this thread takes them in order, chaining those it must and
            // encoding a chunk itself whenever the next is not ready.
            if chunkCount > 1 { pipeline.startHelper() }
        }
        defer { pipeline.finish() }
        var prev = head.hash
        var seq = head.seq
        for index in 0..<chunkCount {
            while !pipeline.isReady(index) {
                guard let claimed = pipeline.claim() else { pipeline.waitUntilReady(index); break }
                pipeline.encode(claimed)
            }
            var chunk = pipeline.take(index)
            if let problem = chunk.problem { throw .invalidEvent(seq: problem.seq, reason: problem.reason) }
            var lines = Lines()
            // Chained by the helper, which chained every chunk before it; or here.
            if let chainedAfter = chunk.chainedAfter {
                precondition(chainedAfter == JournalHead(seq: seq, hash: prev), "a chunk chained ahead follows the one before")
            } else {
                chain(&chunk, after: JournalHead(seq: seq, hash: prev))
            }
            lines.heads = chunk.heads
            lines.lengths = chunk.lengths
            if let last = lines.heads.last { seq = last.seq; prev = last.hash }
            if chunk.writtenAhead { lines.writtenAhead = true } else { lines.chunks.append(chunk.bytes) }
            lines.facts = chunk.facts
            // Its hashers and offsets are freed before the writer runs, not after.
            chunk = Chunk()
            try body(lines)
        }
    }

    /// Lines of a piece encoded and chained ahead, on the other core, before it is known that
    /// they will be written: an import encodes its payments' lines while this core still reads
    /// the journal and checks the batch (which leaves the other idle), as if every payment will
    /// go in after the journal's head, as most batches do. When the piece is written as encoded
    /// (the same count, head and batch), `forEachChunk` takes these chunks and lets the same
    /// helper go on; otherwise they are dropped. The chunks wait for the writer, `chunksMax` of
    /// them at most: the memory stays bounded however large the piece.
    public final class Ahead: @unchecked Sendable {
        let pipeline: Pipeline
        /// Set once `forEachChunk` took the chunks: then those written ahead are the batch's.
        private var isTaken = false
        /// The events whose lines these are.
        public var events: EventPiece { pipeline.events }
        /// The journal's head before the piece's first line: the lines are chained after it.
        let head: JournalHead
        let count: Int
        let batch: Int?
        let chunkEvents: Int
        /// More than the helper encodes and chains while the batch is checked (the condensed
        /// book and admission, about 40 ms at 100,000 rows: 13 to 17 chunks, counted), so that a
        /// slower check finds room too: 8 left it idle half that time (import of 100,000 rows,
        /// median 160 -> 144 ms over 16 alternating runs), and 64 gained nothing more. Chained,
        /// a chunk keeps its bytes and heads, not its hashers: about 0.8 MB each.
        public static let chunksMaxDefault = 24

        public convenience init(_ events: EventPiece, after head: JournalHead, batch: Int?, chunksMax: Int = chunksMaxDefault,
                                chunkEvents: Int = chunkEventsDefault) {
            self.init(events, after: head, batch: batch, chunksMax: chunksMax, chunkEvents: chunkEvents, writingTo: nil)
        }

        /// As the public init; within an append, the helper writes the chunks it chains, all but
        /// the last, to `writeAhead` while the batch is checked (see `JournalAccess.linesAhead`).
        init(_ events: EventPiece, after head: JournalHead, batch: Int?, chunksMax: Int = chunksMaxDefault,
             chunkEvents: Int = chunkEventsDefault, writingTo writeAhead: WriteAhead?) {
            precondition(chunkEvents > 0 && chunksMax > 0, "a chunk holds a line, and one chunk may wait")
            self.head = head; self.count = events.count; self.batch = batch; self.chunkEvents = chunkEvents
            pipeline = Pipeline(events: events, after: head, chunkEvents: chunkEvents, chunkCount: (events.count + chunkEvents - 1) / chunkEvents,
                                batch: batch, aheadMax: chunksMax, writeAhead: writeAhead)
            if events.count > 0 { pipeline.startHelper() }
        }

        /// Whether these are the lines of a piece of `count` events after `head`, announcing `batch`,
        /// and still to be taken: not cancelled, nor taken by a piece before.
        func encodes(_ count: Int, after head: JournalHead, batch: Int?, chunkEvents: Int) -> Bool {
            !pipeline.isFinished && count == self.count && head == self.head && batch == self.batch && chunkEvents == self.chunkEvents
        }

        /// Takes the chunks if `encodes` says they are these lines: those written ahead are then the piece's.
        func take(_ count: Int, after head: JournalHead, batch: Int?, chunkEvents: Int) -> Bool {
            guard encodes(count, after: head, batch: batch, chunkEvents: chunkEvents) else { return false }
            isTaken = true
            return true
        }

        /// Stops the helper and drops what it encoded, cutting back what it wrote ahead; nothing,
        /// once `forEachChunk` took them.
        public func cancel() {
            pipeline.finish()
            if !isTaken { pipeline.writeAhead?.cutBack() }
        }

        /// Its last owner gone, the helper stops: a batch refused, or with nothing to write, never
        /// reaches `forEachChunk`.
        deinit { cancel() }
    }

    /// A chunk's lines with room left for their tails, and each line's hasher having taken in
    /// everything before the tail.
    struct Chunk {
        var bytes: [UInt8] = []
        var lineStarts: [Int] = []
        var prefixEnds: [Int] = []
        var hashers: [SHA256] = []
        /// The first event of the chunk that may not be written, and why.
        var problem: (seq: Int64, reason: Message)?
        /// Whether the helper encoded it and holds a place of its room ahead (a chunk written
        /// ahead holds none: it keeps its heads and facts, not its bytes).
        var byHelper = false
        /// Whether its lines are in the file already (see `WriteAhead`): its bytes are let go.
        var writtenAhead = false
        /// What a summary takes in of each of its lines.
        var facts: [LineFact] = []
        /// Once chained: the head before its first line, each line's head, and each line's length
        /// without its newline.
        var chainedAfter: JournalHead?
        var heads: [JournalHead] = []
        var lengths: [Int] = []
    }

    /// The lines of `piece[range]`, each with room left for its tail. The events are made and
    /// checked first, with the most bytes each line may take; then every line is written through
    /// one pointer into room for all of them. A piece of payments is encoded by `encodePayments`.
    static func encodeChunk(_ piece: EventPiece, _ range: Range<Int>, batch: Int?) -> Chunk {
        if let recorded = piece.paymentsRecorded {
            return encodePayments(piece, range, recorded: recorded, announcing: range.lowerBound == 0 ? batch : nil)
        }
        var chunk = Chunk()
        chunk.facts.reserveCapacity(range.count)
        // The lines the payment writer does not write (the batch's first, and every other
        // kind), made here, by their place in the chunk; the payments it writes, in theirs.
        var bodies: [Int: [UInt8]] = [:]
        var payments: [PaymentLine?] = []
        payments.reserveCapacity(range.count)
        var linesBytesMax: [Int] = []
        linesBytesMax.reserveCapacity(range.count)
        var writer = PaymentLineWriter()
        for index in range {
            // The batch's first line, the first of the first chunk, says how many lines follow.
            let announces = batch != nil && index == 0
            let event = piece.event(at: index)
            let problem: Message?
            if case .disbursed(let payment) = event.body, !announces {
                let line = PaymentLine(event, payment)
                problem = writer.problem(ofNext: line, recorded: event.recorded)
                linesBytesMax.append(PaymentLineWriter.bytesMax(line, recorded: event.recorded) + chainedTailBytes)
                payments.append(line)
            } else {
                problem = Self.problem(of: event)
                if problem == nil {
                    let body = EventEncoder.unchainedBody(for: event, batch: announces ? batch : nil)
                    linesBytesMax.append(body.count + chainedTailBytes)
                    bodies[chunk.facts.count] = body
                    payments.append(nil)
                }
            }
            if let problem {
                chunk.problem = (event.seq, problem)
                return chunk
            }
            chunk.facts.append(.event(event))
        }
        var lineStarts: [Int] = [], prefixEnds: [Int] = []
        lineStarts.reserveCapacity(range.count)
        prefixEnds.reserveCapacity(range.count)
        chunk.bytes = [UInt8](unsafeUninitializedCapacity: linesBytesMax.reduce(0, +)) { buffer, initialized in
            let base = buffer.baseAddress!
            var out = ByteCursor(buffer)
            for line in 0..<chunk.facts.count {
                lineStarts.append(out.at - base)
                if let payment = payments[line], case .event(let event) = chunk.facts[line] {
                    writer.write(payment, recorded: event.recorded, to: &out)
                } else if let body = bodies[line] {
                    body.withUnsafeBytes { out.append(contentsOf: $0) }
                }
                prefixEnds.append(out.at - base)
                out.zeros(chainedTailBytes)
                precondition(out.at - base - lineStarts[line] <= linesBytesMax[line], "a line stays within the room made for it")
            }
            initialized = out.at - base
        }
        chunk.lineStarts = lineStarts
        chunk.prefixEnds = prefixEnds
        hashUnchained(&chunk)
        return chunk
    }

    /// Bytes first made for each line of a chunk of payments: a payment's line is about 380. A
    /// chunk whose lines need more is moved to room twice the size, as often as it takes; room
    /// never written is never touched, so it costs no memory.
    static let paymentLineBytesGuess = 512

    /// As `encodeChunk`, for a chunk of a piece of payments, in one pass: each payment is made,
    /// checked and written at once. (Made and checked first, then written, each was copied twice
    /// more, into a list and out of it.) With `announcing`, the chunk's first line announces a
    /// batch of that many lines, and is written as any event is.
    static func encodePayments(_ piece: EventPiece, _ range: Range<Int>, recorded: String, announcing batch: Int?) -> Chunk {
        var chunk = Chunk()
        chunk.facts.reserveCapacity(range.count)
        var lineStarts: [Int] = [], prefixEnds: [Int] = []
        lineStarts.reserveCapacity(range.count)
        prefixEnds.reserveCapacity(range.count)
        var writer = PaymentLineWriter()
        var next = range.lowerBound
        var room = range.count * paymentLineBytesGuess
        while true {
            var full = false
            let written = chunk.bytes
            chunk.bytes = [UInt8](unsafeUninitializedCapacity: room) { buffer, initialized in
                let base = buffer.baseAddress!
                if !written.isEmpty { written.withUnsafeBufferPointer { base.initialize(from: $0.baseAddress!, count: $0.count) } }
                var out = ByteCursor(buffer)
                out.skip(written.count)
                while next < range.upperBound {
                    if next == range.lowerBound, let batch {
                        let event = piece.event(at: next)
                        if let problem = Self.problem(of: event) {
                            chunk.problem = (event.seq, problem)
                            break
                        }
                        let body = EventEncoder.unchainedBody(for: event, batch: batch)
                        guard body.count + chainedTailBytes <= out.end - out.at else { full = true; break }
                        lineStarts.append(out.at - base)
                        body.withUnsafeBytes { out.append(contentsOf: $0) }
                        prefixEnds.append(out.at - base)
                        out.zeros(chainedTailBytes)
                        chunk.facts.append(.event(event))
                        next += 1
                        continue
                    }
                    let line = piece.payment(at: next)
                    // Checked again when the room was too small for it: a text that passed passes.
                    if let problem = writer.problem(ofNext: line, recorded: recorded) {
                        chunk.problem = (line.seq, problem)
                        break
                    }
                    let bytesMax = PaymentLineWriter.bytesMax(line, recorded: recorded) + chainedTailBytes
                    guard bytesMax <= out.end - out.at else { full = true; break }
                    let start = out.at
                    lineStarts.append(start - base)
                    writer.write(line, recorded: recorded, to: &out)
                    prefixEnds.append(out.at - base)
                    out.zeros(chainedTailBytes)
                    precondition(out.at - start <= bytesMax, "a line stays within the room made for it")
                    chunk.facts.append(.payment(line.figures))
                    next += 1
                }
                initialized = out.at - base
            }
            if chunk.problem != nil { return chunk }
            if !full { break }
            room *= 2
        }
        chunk.lineStarts = lineStarts
        chunk.prefixEnds = prefixEnds
        hashUnchained(&chunk)
        return chunk
    }

    /// Every line's unchained part, hashed side by side in lanes, up to its last whole block.
    static func hashUnchained(_ chunk: inout Chunk) {
        chunk.hashers = [SHA256](repeating: SHA256(), count: chunk.facts.count)
        chunk.bytes.withUnsafeBytes { bytes in
            let messages = zip(chunk.lineStarts, chunk.prefixEnds).map { SHA256Lanes.Message(start: bytes.baseAddress! + $0, count: $1 - $0) }
            messages.withUnsafeBufferPointer { m in chunk.hashers.withUnsafeMutableBufferPointer { SHA256Lanes.absorb(m, into: $0) } }
        }
    }

    /// Why the reader would refuse `event`'s line, if it would: what the decoder checks of the
    /// envelope and of the kind's fields.
    static func problem(of event: Event) -> Message? {
        if Identifier.problem(with: event.id) != nil && event.id != "@\(event.seq)" { return Message(.idIsNotValidId) }
        if let problem = FreeText.problem(with: event.recorded) { return Message(.quotedFieldThen, "recorded", problem) }
        return event.body.problem
    }

    /// Fills in every line's tail, the first after `head`; the hashers, done with, are let go.
    static func chain(_ chunk: inout Chunk, after head: JournalHead) {
        var seq = head.seq, prev = head.hash
        chunk.heads.reserveCapacity(chunk.prefixEnds.count)
        chunk.lengths.reserveCapacity(chunk.prefixEnds.count)
        for line in 0..<chunk.prefixEnds.count {
            seq += 1
            precondition(chunk.facts[line].seq == seq, "appended events carry contiguous seqs")
            prev = chain(&chunk, line: line, after: prev)
            chunk.heads.append(JournalHead(seq: seq, hash: prev))
            chunk.lengths.append(chunk.prefixEnds[line] - chunk.lineStarts[line] + chainedTailBytes - 1)
        }
        chunk.chainedAfter = head
        chunk.hashers = []
    }

    /// Fills in one line's tail: the previous hash, then this line's, whose hash it returns.
    static func chain(_ chunk: inout Chunk, line: Int, after prev: SHA256Digest) -> SHA256Digest {
        let end = chunk.prefixEnds[line]
        let hasher = chunk.hashers[line]
        return chunk.bytes.withUnsafeMutableBytes { buffer in
            let tail = (buffer.baseAddress! + end).assumingMemoryBound(to: UInt8.self)
            prev.writeHex(to: UnsafeMutableRawPointer(tail))
            tail[64] = UInt8(ascii: "\"")
            let hash = hasher.digest(appending: UnsafeRawBufferPointer(start: tail, count: 65))
            var at = 65
            for byte in ",\"hash\":\"".utf8 { tail[at] = byte; at += 1 }
            hash.writeHex(to: UnsafeMutableRawPointer(tail + at))
            at += 64
            tail[at] = UInt8(ascii: "\""); tail[at + 1] = UInt8(ascii: "}"); tail[at + 2] = 0x0A
            return hash
        }
    }

    /// 64 lowercase hex digits, appended to `out`.
    static func appendHex(_ digest: SHA256Digest, to out: inout [UInt8]) {
        let start = out.count
        out.append(contentsOf: repeatElement(0, count: 64))
        out.withUnsafeMutableBytes { digest.writeHex(to: $0.baseAddress! + start) }
    }

    /// Chunks handed between the two threads: each is claimed by one thread, encoded, and
    /// published with a semaphore the chaining thread waits on.
    final class Pipeline: @unchecked Sendable {
        let events: EventPiece
        let chunkEvents: Int
        /// The batch's size, announced on its first line; nil for an append of one event.
        let batch: Int?
        let slots: UnsafeMutableBufferPointer<Chunk>
        let ready: [DispatchSemaphore]
        private var readyTaken: [Bool]
        private let claimLock = DispatchSemaphore(value: 1)
        private var nextUnclaimed = 0
        private var cancelled = false
        private let helper = DispatchGroup()
        /// Chunks the helper may have encoded and not yet taken: the chunks held stay few, however
        /// long the piece, when the writer is slower than the encoder.
        static let aheadMaxDefault = 4
        /// Made empty and then filled: libdispatch traps on freeing a semaphore that holds less
        /// than it was made with, as this one does when the writer stops early.
        private let room = DispatchSemaphore(value: 0)
        /// Set by `finish`, which its owner may call more than once (see `Ahead`).
        private(set) var isFinished = false
        /// The head after the last chunk the helper chained, and the chunk it may chain next:
        /// while it encodes chunk after chunk (ahead of the writer, or faster), it chains them too,
        /// and the writer's thread only takes their lines. Once the writer's thread encodes one
        /// itself, the helper has no head to chain the next after, and leaves the chain to it.
        /// Only the helper touches these.
        private var helperHead: JournalHead?
        private var helperNext = 0
        /// Where the helper writes the chunks it chained, from the first, all but the last (see
        /// `WriteAhead`), and how many it wrote; only the helper touches the count.
        let writeAhead: WriteAhead?
        private var helperWritten = 0

        init(events: EventPiece, after head: JournalHead, chunkEvents: Int, chunkCount: Int, batch: Int?, aheadMax: Int = aheadMaxDefault,
             writeAhead: WriteAhead? = nil) {
            helperHead = head
            self.writeAhead = writeAhead
            self.events = events
            self.chunkEvents = chunkEvents
            self.batch = batch
            slots = .allocate(capacity: chunkCount)
            slots.initialize(repeating: Chunk())
            ready = (0..<chunkCount).map { _ in DispatchSemaphore(value: 0) }
            readyTaken = Array(repeating: false, count: chunkCount)
            for _ in 0..<aheadMax { room.signal() }
        }

        func startHelper() {
            helper.enter()
            DispatchQueue.global().async { [self] in
                while true {
                    room.wait()
                    guard let index = claim() else { break }
                    encode(index, byHelper: true)
                }
                helper.leave()
            }
        }

        /// The next chunk nobody has started, if any.
        func claim() -> Int? {
            claimLock.wait()
            defer { claimLock.signal() }
            guard !cancelled, nextUnclaimed < slots.count else { return nil }
            nextUnclaimed += 1
            return nextUnclaimed - 1
        }

        func encode(_ index: Int, byHelper helping: Bool = false) {
            let range = (index * chunkEvents)..<min(events.count, (index + 1) * chunkEvents)
            var chunk = BatchEncoder.encodeChunk(events, range, batch: batch)
            if helping {
                if let head = helperHead, index == helperNext, chunk.problem == nil,
                   chunk.facts.indices.allSatisfy({ chunk.facts[$0].seq == head.seq + 1 + Int64($0) }) {
                    BatchEncoder.chain(&chunk, after: head)
                    helperHead = chunk.heads.last ?? head
                    helperNext += 1
                    writeAheadIfAllowed(&chunk, index)
                } else {
                    helperHead = nil
                }
            }
            // Kept in the chunk's own slot, which only its encoder writes before `ready` is
            // signalled: an array of flags beside the slots was written by both threads at once.
            chunk.byHelper = helping && !chunk.writtenAhead
            if chunk.writtenAhead { room.signal() }
            slots[index] = chunk
            ready[index].signal()
        }

        /// Writes a chained chunk ahead if every chunk before it was, it is not the last (the
        /// batch stays incomplete in the file until admitted), and its lines may be written.
        private func writeAheadIfAllowed(_ chunk: inout Chunk, _ index: Int) {
            guard let writeAhead, index == helperWritten, index < slots.count - 1,
                  (chunk.lengths.max() ?? 0) <= Limits.lineBytesMax, writeAhead.write(chunk.bytes) else { return }
            helperWritten += 1
            chunk.writtenAhead = true
            chunk.bytes = []
            chunk.lineStarts = []
            chunk.prefixEnds = []
        }

        /// Whether chunk `index` is encoded; only the chaining thread asks, once it is, no more.
        func isReady(_ index: Int) -> Bool {
            if readyTaken[index] { return true }
            readyTaken[index] = ready[index].wait(timeout: .now()) == .success
            return readyTaken[index]
        }

        func waitUntilReady(_ index: Int) {
            guard !readyTaken[index] else { return }
            ready[index].wait()
            readyTaken[index] = true
        }

        func take(_ index: Int) -> Chunk {
            precondition(readyTaken[index], "a chunk is chained only once encoded")
            let chunk = slots[index]
            slots[index] = Chunk()
            if chunk.byHelper { room.signal() }
            return chunk
        }

        /// Stops the helper and waits for it, so that nothing it touches is freed under it (the
        /// chunks left, when the writer stopped early, are not encoded).
        func finish() {
            guard !isFinished else { return }
            isFinished = true
            claimLock.wait()
            cancelled = true
            claimLock.signal()
            room.signal()
            helper.wait()
            slots.deinitialize()
            slots.deallocate()
        }
    }
}
