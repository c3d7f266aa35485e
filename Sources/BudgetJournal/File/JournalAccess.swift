import BudgetText
import BudgetModel
#if canImport(Glibc)
import Glibc
#endif

/// The journal summarised, and the file it summarises, open under a lock: to condense the
/// journal for some projects, and to find an event by seq or by client key, without reading
/// everything.
public struct JournalAccess {
    public let summary: JournalSummary
    let file: JournalFile
    let fd: Int32
    /// Where an append's lines encoded ahead may be written while the batch is checked; nil
    /// when reading.
    let writeAhead: WriteAhead?

    init(summary: JournalSummary, file: JournalFile, fd: Int32, writeAhead: WriteAhead? = nil) {
        self.summary = summary; self.file = file; self.fd = fd; self.writeAhead = writeAhead
    }

    /// The lines of `events`, the whole of an append after the journal's head, encoded and
    /// chained ahead on the other core while this one checks them (see `BatchEncoder.Ahead`);
    /// within an append, written ahead too, all but the last chunk (see `WriteAhead`).
    public func linesAhead(_ events: EventPiece, batch: Int?) -> BatchEncoder.Ahead {
        BatchEncoder.Ahead(events, after: summary.position.head, batch: batch, writingTo: writeAhead)
    }

    /// The condensed journal of `projects` (every project when nil) and the journal-wide events,
    /// to `asOf` (see `JournalSummary.condensed`), their events read back from the journal.
    public func condensed(projects: Set<String>?, asOf: BusinessDate? = nil) throws -> [CondensedItem] {
        try summary.condensed(projects: projects, asOf: asOf) { lines in try file.events(at: lines, fd: fd) }
    }

    /// The event with `seq`, from its line.
    public func event(seq: Int64) throws -> Event? {
        try file.event(seq: seq, fd: fd, summary: summary)
    }

    /// The events recorded under client key `key`.
    public func events(withKey key: String) throws -> [Event] {
        try summary.candidateSeqs(forKey: key).compactMap { try event(seq: $0) }.filter { $0.id == key }
    }

    /// The events that carry treasury voucher `voucher` (payments, refunds, their reversals).
    public func events(withVoucher voucher: String) throws -> [Event] {
        try summary.candidateSeqs(forVoucher: voucher).compactMap { try event(seq: $0) }.filter { $0.body.voucher == voucher }
    }

    /// The events recorded under any of `keys`, by key, found in one pass over the journal from
    /// the first candidate to the last: a batch that is imported again looks up every row.
    public func events(withKeys keys: [String]) throws -> [String: Event] {
        // Only keys whose fingerprint is in the index can have been used: a new batch has none.
        guard summary.hasKeys else { return [:] }
        var wanted = Set<String>()
        var seqs = Set<Int64>()
        for (key, candidates) in try summary.candidateSeqs(forKeys: keys) {
            wanted.insert(key)
            seqs.formUnion(candidates)
        }
        var found: [String: Event] = [:]
        guard let first = seqs.min(), let last = seqs.max(), let start = summary.searchStart(for: first) else { return found }
        do {
            _ = try JournalScanner.scan(fd: fd, path: file.path, from: start) { event in
                if seqs.contains(event.seq), wanted.contains(event.id) { found[event.id] = event }
                if event.seq >= last { throw StopScan() }
            }
        } catch is StopScan {}
        return found
    }

    /// Whether an append of `count` events should leave a fresh checkpoint: there is none to
    /// start from, or the lines past it have grown many.
    public func refreshesCheckpoint(adding count: Int) -> Bool {
        summary.base == nil || summary.eventsAbsorbed + Int64(count) >= JournalFile.checkpointTailMax
    }
}

extension JournalAccess {
    /// Every client id recorded on more than one line, as a problem naming the later line and
    /// the first. The key index holds every id's fingerprint in order, so only ids whose
    /// fingerprints repeat are read and compared; a million ids cost a sort, not a table of them.
    public func reusedKeys() throws -> [Message] {
        var problems: [Message] = []
        var entries = summary.keyEntries()
        try entries.forEachRepeatedFingerprint { repeated in
            var firstLine: [String: Int64] = [:]
            for entry in repeated {
                guard let event = try event(seq: entry.seq) else { continue }
                if let first = firstLine[event.id] {
                    problems.append(Message(.journalLineIdWasAlready, max(first, event.seq), event.id, min(first, event.seq)))
                } else {
                    firstLine[event.id] = event.seq
                }
            }
        }
        return problems
    }
}

extension JournalAccess {
    /// Every treasury voucher carried by two payments (or two refunds) that both still stand, as
    /// a problem naming the later line and the first: admission never lets that in, so only a
    /// rewritten journal holds it.
    public func reusedVouchers() throws -> [Message] {
        var problems: [Message] = []
        var entries = summary.voucherEntries()
        try entries.forEachRepeatedFingerprint { repeated in
            let events = try repeated.compactMap { try event(seq: $0.seq) }
            var reversed = Set<Int64>()
            for case .reversed(let reversal) in events.map(\.body) { reversed.insert(reversal.targetSeq) }
            var firstLine: [String: Int64] = [:]
            for event in events where !reversed.contains(event.seq) {
                guard let voucher = event.body.voucher, event.body.movements.primary != nil else { continue }
                if case .reversed = event.body { continue }
                let key = event.body.kind.name + "\u{0}" + voucher
                if let first = firstLine[key] {
                    problems.append(Message(.journalLineVoucherIsAlready, event.seq, voucher, first))
                } else {
                    firstLine[key] = event.seq
                }
            }
        }
        return problems
    }
}

/// What an append's builder decided: the events to write, and, when the append should leave a
/// fresh checkpoint, the projects in which an event breaks a rule (see `CheckpointImage.suspects`).
/// A large batch gives its events a piece at a time (`count`, `pieces`), so that no more than a
/// piece is held, encoded or written at once.
public struct AppendPlan {
    /// How many events the plan appends in all.
    public let count: Int
    /// Hands the events to `body` in pieces, in order: `count` of them, seqs contiguous from the
    /// journal's head.
    public let pieces: (_ body: (EventPiece) throws -> Void) throws -> Void
    /// The events, when the plan was given them whole.
    public let events: [Event]
    public let checkpointSuspects: Set<String>?

    public init(events: [Event], checkpointSuspects: Set<String>? = nil) {
        self.events = events; self.checkpointSuspects = checkpointSuspects
        count = events.count
        pieces = { body in try body(EventPiece(events)) }
    }

    public init(count: Int, pieces: @escaping (_ body: (EventPiece) throws -> Void) throws -> Void, checkpointSuspects: Set<String>? = nil) {
        self.count = count; self.pieces = pieces; self.checkpointSuspects = checkpointSuspects
        events = []
    }
}

/// SIGINT, SIGTERM and SIGHUP ignored while an append writes, and their dispositions put back
/// after. (A signal that comes meanwhile is lost: the command finishes what it was writing.)
final class HeldInterrupts {
    private var previous: [(signal: Int32, handler: __sighandler_t?)] = []

    init() {
        for number in [SIGINT, SIGTERM, SIGHUP] { previous.append((number, signal(number, SIG_IGN))) }
    }

    func release() {
        for (number, handler) in previous { signal(number, handler) }
        previous = []
    }
}

/// What an append did.
public struct AppendOutcome: Sendable {
    /// The events appended, when the plan gave them whole (see `AppendPlan.events`).
    public let appended: [Event]
    /// How many events were appended, and the seq of the first.
    public let count: Int
    public let firstSeq: Int64?
    public let head: JournalHead
}

extension JournalFile {
    /// Appends the events that `build` plans, under an exclusive lock held from reading the tail
    /// to the fsync. `build` sees the journal summarised (from the checkpoint when it still
    /// matches, plus the lines after it) and validates; what it throws is rethrown and nothing is
    /// written. The events are encoded a piece at a time, each chunk of a piece's lines written
    /// as soon as it is chained (`BatchEncoder.forEachChunk`), then synced once. Should anything
    /// fail on the way (a line that does not encode, a write), the file is cut back to what it
    /// held before: nothing of the batch stays; and a crash midway leaves a batch its first line
    /// shows to be incomplete, which the next reader moves aside whole. A fresh checkpoint, if the plan asks for one, is
    /// written during the fsync and put in place once the lines are durable (`CheckpointHandoff`).
    @discardableResult
    public func append(usingCheckpoint: Bool = true, _ build: (JournalAccess) throws -> AppendPlan) throws -> AppendOutcome {
        let fd = try openExisting(flags: O_RDWR | O_APPEND)
        defer { close(fd) }
        try lock(fd, LOCK_EX)
        var summary = try self.summary(fd: fd, upTo: nil, usingCheckpoint: usingCheckpoint)
        let sizeBefore = summary.position.offset
        let writeAhead = WriteAhead(file: self, fd: fd, start: sizeBefore)
        let plan: AppendPlan
        do {
            plan = try build(JournalAccess(summary: summary, file: self, fd: fd, writeAhead: writeAhead))
            writeAhead.close()
            if let failure = writeAhead.failure { throw failure }
        } catch {
            writeAhead.cutBack()
            writeAhead.takeHeldInterrupts()?.release()
            throw error
        }
        // From the first line written (ahead, or now) to the fsync, or to the cut back, an
        // interrupt (Ctrl-C, a terminal closed, a plain kill) is held off: a batch is written
        // whole or not at all, never left half written for the next reader to set aside.
        let held = writeAhead.takeHeldInterrupts() ?? HeldInterrupts()
        defer { held.release() }
        guard plan.count > 0 else {
            writeAhead.cutBack()
            return AppendOutcome(appended: [], count: 0, firstSeq: nil, head: summary.position.head)
        }
        let seqBefore = summary.position.head.seq
        var position = summary.position
        var written = 0
        // The bytes of the chunks written ahead that the batch has taken as its first.
        var aheadTaken: Int64 = 0
        var checkpoint: CheckpointHandoff?
        var writeback = EarlyWriteback(fd: fd, from: sizeBefore)
        do {
            try plan.pieces { events in
                guard events.count > 0 else { return }
                precondition(written + events.count <= plan.count, "a plan gives the events it counts, no more")
                // An append of several events is a batch, which its first line announces.
                // Each chunk is written as soon as it is chained; a line too long stops the batch
                // before its chunk is written, and what was written is cut back below.
                try BatchEncoder.forEachChunk(of: events, after: position.head, batch: plan.count > 1 ? plan.count : nil,
                                              announcing: written == 0) { encoded throws(JournalError) in
                    guard let longest = encoded.lengths.max(), longest <= Limits.lineBytesMax else {
                        throw JournalError.lineTooLong(bytes: encoded.lengths.max() ?? 0)
                    }
                    if encoded.writtenAhead {
                        aheadTaken += encoded.lengths.reduce(Int64(encoded.lengths.count)) { $0 + Int64($1) }
                        precondition(aheadTaken <= writeAhead.bytesKept, "a chunk written ahead is in the file")
                    } else {
                        // Lines written ahead that the batch did not take are not its lines.
                        if aheadTaken == 0 { writeAhead.cutBack() }
                        precondition(aheadTaken == writeAhead.bytesKept, "the lines written ahead are the batch's first, every one taken")
                        try writeAll(fd, chunks: encoded.chunks)
                    }
                    for (line, (head, length)) in zip(encoded.heads, encoded.lengths).enumerated() {
                        position = JournalPosition(head: head, offset: position.offset + Int64(length + 1))
                        if plan.checkpointSuspects != nil { summary.absorb(encoded.facts[line], endingAt: position) }
                    }
                    writeback.start(through: position.offset)
                }
                written += events.count
            }
            precondition(written == plan.count, "a plan gives every event it counts")
            precondition(aheadTaken == writeAhead.bytesKept, "every line written ahead is the batch's")
            if let suspects = plan.checkpointSuspects { checkpoint = CheckpointHandoff(summary, suspects: suspects, forJournal: self) }
            if fsync(fd) != 0 { throw JournalError.system(path: path, operation: "fsync", errno: errno) }
        } catch {
            checkpoint?.finish(durable: false)
            // Leave no half state: cut the file back to what it held before this append.
            _ = ftruncate(fd, off_t(sizeBefore))
            _ = fsync(fd)
            throw error
        }
        checkpoint?.finish(durable: true)
        return AppendOutcome(appended: plan.events, count: written, firstSeq: seqBefore + 1, head: position.head)
    }

    /// Lines a command may read past the checkpoint before it writes a new one.
    public static let checkpointTailMax: Int64 = 2_000
}

/// A journal open for reading under a shared lock, for commands that stream it themselves.
public struct JournalReading {
    let file: JournalFile
    let fd: Int32

    /// Scans every line from `start`, checking each, and hands each event and the position just
    /// past its line to `visit`.
    public func scan(from start: JournalPosition = .origin, keepingHashOf keptSeq: Int64? = nil,
                     _ visit: (Event, JournalPosition) throws -> Void) throws -> (end: JournalPosition, kept: JournalHead?) {
        try JournalScanner.scanLines(fd: fd, path: file.path, from: start, keepingHashOf: keptSeq, visit)
    }

    /// As `scan`, handing each payment line to `payment` as its figures and every other line to
    /// `event` (see `JournalScanner.scanFigures`).
    public func scanFigures(from start: JournalPosition = .origin, keepingHashOf keptSeq: Int64? = nil,
                            event: (Event, JournalPosition) throws -> Void,
                            payment: (PaymentFigures, JournalPosition) throws -> Void) throws -> (end: JournalPosition, kept: JournalHead?) {
        try JournalScanner.scanFigures(fd: fd, path: file.path, from: start, keepingHashOf: keptSeq, event: event, payment: payment)
    }

    /// As `scanFigures(event:payment:)`, folding into `fold` (see `FigureFold`).
    public func scanFigures<Fold: FigureFold>(from start: JournalPosition = .origin, keepingHashOf keptSeq: Int64? = nil,
                                              into fold: inout Fold) throws -> (end: JournalPosition, kept: JournalHead?) {
        try JournalScanner.scanFigures(fd: fd, path: file.path, from: start, keepingHashOf: keptSeq, into: &fold)
    }

    /// The journal summarised up to `lastSeq` (see `JournalFile.summary(fd:upTo:)`).
    public func summary(upTo lastSeq: Int64? = nil, usingCheckpoint: Bool = true) throws -> JournalSummary {
        try file.summary(fd: fd, upTo: lastSeq, usingCheckpoint: usingCheckpoint)
    }

    /// Access to events by seq or key, by way of `summary`'s indexes.
    public func access(_ summary: JournalSummary) -> JournalAccess {
        JournalAccess(summary: summary, file: file, fd: fd)
    }
}

extension JournalFile {
    /// Runs `body` with the journal open under a shared lock: appends wait until it returns.
    public func reading<T>(_ body: (JournalReading) throws -> T) throws -> T {
        let fd = try openExisting(flags: O_RDONLY)
        defer { close(fd) }
        try lock(fd, LOCK_SH)
        return try body(JournalReading(file: self, fd: fd))
    }

    /// The journal summarised to its end, under a shared lock (for tests and small tools).
    public func summary() throws -> JournalSummary {
        try reading { try $0.summary() }
    }

    /// The condensed journal of `projects` (all when nil) to `asOf` (for tests and small tools).
    public func condensed(projects: Set<String>? = nil, asOf: BusinessDate? = nil) throws -> [CondensedItem] {
        try reading { reader in try reader.access(reader.summary()).condensed(projects: projects, asOf: asOf) }
    }
}
