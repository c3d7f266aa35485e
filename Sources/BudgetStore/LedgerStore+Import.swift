import BudgetJournal
import BudgetModel
import BudgetProjections

/// The payments of a batch, given a piece at a time: a file of millions of rows is checked and
/// written a piece at a time, never held whole.
public protocol PaymentDraftSource {
    /// How many drafts there are.
    var count: Int { get }
    /// Every project the drafts name.
    var projects: Set<String> { get }
    /// Hands the drafts to `body` in pieces, in order, each with the index of its first draft;
    /// the same drafts every time it is called.
    func forEachPiece(_ body: (_ firstIndex: Int, _ drafts: [PaymentDraft]) throws -> Void) throws
    /// The draft at `index`, read again: the first use of a key or a voucher that a later row uses.
    func draft(at index: Int) throws -> PaymentDraft
    /// Whether every piece is held in memory: then reading the pieces again costs nothing, and
    /// `forEachPiece` and `draft(at:)` read only what does not change, so that another thread
    /// may call them meanwhile.
    var holdsPieces: Bool { get }
}

/// Drafts held in memory are one piece.
extension Array: PaymentDraftSource where Element == PaymentDraft {
    public var projects: Set<String> { Set(map(\.payment.project)) }
    public func forEachPiece(_ body: (_ firstIndex: Int, _ drafts: [PaymentDraft]) throws -> Void) throws { try body(0, self) }
    public func draft(at index: Int) throws -> PaymentDraft { self[index] }
    public var holdsPieces: Bool { true }
}

/// What an import appended, and how many of its payments were there already.
public struct ImportOutcome: Sendable {
    /// How many payments were appended, and the seq of the first.
    public let count: Int
    public let firstSeq: Int64?
    /// Payments recorded before under their keys, or repeated within the batch.
    public let skipped: Int

    public var lastSeq: Int64? { firstSeq.map { $0 + Int64(count) - 1 } }
}

/// Why a batch was refused: the payments that cannot go in, by their index in the batch, the
/// first `shownMax` of them, and how many in all.
public struct BatchRefused: Error {
    public let problems: [(index: Int, outcome: BatchOutcome)]
    public let count: Int
    public static let shownMax = 1_000
}

extension LedgerStore {
    /// Records a batch of payments, all or nothing: each is checked as if recorded alone after
    /// those before it, and if any is refused nothing is written. The batch is read twice, a
    /// piece at a time: once to check every payment, once to write those admitted (see
    /// `JournalFile.append`), then synced once. `progress` hears how many were checked. With
    /// `writing` false every payment is checked and nothing is written: the batch is refused with
    /// the problems found, if any (the caller knows of others, such as rows it could not read).
    public func importPayments(_ source: some PaymentDraftSource, recorded: String, writing: Bool = true,
                               progress: ((_ done: Int, _ total: Int) -> Void)? = nil) throws -> ImportOutcome {
        var skipped = 0
        let outcome = try withCheckpointFallback { usingCheckpoint, used in
            skipped = 0
            return try journal.append(usingCheckpoint: usingCheckpoint) { access in
                used = access.summary.base
                let refresh = access.refreshesCheckpoint(adding: source.count)
                let head = access.summary.position.head
                let headSeq = head.seq
                let batch = BatchState(access: access, source: source, headSeq: headSeq, recorded: recorded)
                // The keys the batch repeats of itself need nothing of the journal: found, piece by
                // piece, on the other core while this one reads the journal, when the pieces are
                // in memory. Until then nothing else touches the batch's keys. Then, if no key
                // repeats, that core encodes the batch's lines as if every payment goes in, and
                // writes all but the last chunk (`BatchEncoder.Ahead`, `WriteAhead`), while this
                // one reads the journal and checks the batch.
                let repeatsAhead = !source.holdsPieces ? nil : Background { () throws -> (repeated: [[Int: BatchOutcome]], ahead: BatchEncoder.Ahead?) in
                    var found: [[Int: BatchOutcome]] = []
                    var held = HeldDrafts()
                    try source.forEachPiece { first, drafts in
                        found.append(try batch.repeatedKeys(in: drafts, from: first))
                        held.add(first, drafts)
                    }
                    guard writing, found.allSatisfy(\.isEmpty), held.isWhole, held.count == source.count, held.count > 0 else { return (found, nil) }
                    let events = EventPiece(payments: held.count, recorded: recorded) { index in
                        held.draft(at: index).line(seq: headSeq + 1 + Int64(index))
                    }
                    return (found, access.linesAhead(events, batch: held.count > 1 ? held.count : nil))
                }
                defer { repeatsAhead?.wait() }
                let read = try condensedBook(access, projects: source.projects, checkingTail: refresh)
                let found = try repeatsAhead?.get()
                let repeatedByPiece = found?.repeated
                var book = read.book
                var problems: [(index: Int, outcome: BatchOutcome)] = []
                var problemCount = 0
                func checked(_ index: Int) { if index % 10_000 == 0 { progress?(index, source.count) } }
                var pieceNumber = 0
                var aheadDropped = false
                try source.forEachPiece { first, drafts in
                    batch.piece = (first, drafts)
                    // Payments whose keys the journal holds are found in one pass, not one search each.
                    batch.journalKeys = access.summary.hasKeys ? try access.events(withKeys: drafts.map(\.key)) : [:]
                    let repeated = try repeatedByPiece?[pieceNumber] ?? batch.repeatedKeys(in: drafts, from: first)
                    pieceNumber += 1
                    book.admitPayments(drafts, firstIndex: first, repeated: repeated, recorded: recorded, lookup: batch,
                                       vouchersByLookup: true, appended: { index, seq, draft in
                        checked(index)
                        batch.admit(index, seq: seq, voucher: draft.payment.voucher)
                    }) { index, outcome in
                        checked(index)
                        // A payment not appended as encoded: the lines encoded and written ahead
                        // are not the batch's. Dropped now, not once every row is checked (a file
                        // imported again had its 36 MB written ahead only to be cut back).
                        if !aheadDropped {
                            aheadDropped = true
                            found?.ahead?.cancel()
                        }
                        switch outcome {
                        case .admitted(.append): preconditionFailure("a payment to append is handed to `appended`")
                        case .admitted(.alreadyRecorded), .repeats: skipped += 1
                        case .keyReused, .refused:
                            problemCount += 1
                            if problems.count < BatchRefused.shownMax { problems.append((index, outcome)) }
                        }
                    }
                }
                progress?(source.count, source.count)
                guard problemCount == 0, writing else { throw BatchRefused(problems: problems, count: problemCount) }
                let admitted = batch.admitted
                // Lines encoded ahead are the lines to write only if every payment went in.
                let ahead = batch.admittedCount == source.count ? found?.ahead : nil
                if ahead == nil { found?.ahead?.cancel() }
                return AppendPlan(count: batch.admittedCount, pieces: { write in
                    // Every payment went in: the lines encoded ahead, and the rest, as one piece.
                    if let ahead {
                        var piece = ahead.events
                        piece.ahead = ahead
                        return try write(piece)
                    }
                    // The same drafts again: those admitted become the events, seqs in order,
                    // each made as its line is encoded (see `EventPiece`).
                    var seq = headSeq
                    try source.forEachPiece { first, drafts in
                        // The offsets of the admitted drafts: usually all of them, then none are listed.
                        var offsets: [Int32]? = nil
                        if (0..<drafts.count).contains(where: { !admitted.contains(first + $0) }) {
                            offsets = (0..<drafts.count).filter { admitted.contains(first + $0) }.map { Int32($0) }
                        }
                        let count = offsets?.count ?? drafts.count
                        let firstSeq = seq + 1
                        seq += Int64(count)
                        try write(EventPiece(payments: count, recorded: recorded) { [offsets] index in
                            drafts[offsets.map { Int($0[index]) } ?? index].line(seq: firstSeq + Int64(index))
                        })
                    }
                }, checkpointSuspects: refresh ? read.suspects(after: access.summary) : nil)
            }
        }
        return ImportOutcome(count: outcome.count, firstSeq: outcome.firstSeq, skipped: skipped)
    }
}

/// What the check of a batch keeps of the rows it has seen: which were admitted, the first use
/// of each key (`BatchKeys`), and the vouchers of the admitted payments by fingerprint (sixteen
/// bytes a row, not the row); a row is read again only when a later one shares its fingerprint. It is
/// also the lookup the book asks for earlier events: the journal's, and the batch's own.
final class BatchState: EventLookup {
    let access: JournalAccess
    let source: any PaymentDraftSource
    let headSeq: Int64
    let recorded: String
    /// The piece being checked, and the events the journal holds under its keys.
    var piece: (first: Int, drafts: [PaymentDraft]) = (0, [])
    var journalKeys: [String: Event] = [:]
    private var admissions: Admissions
    /// Made by the first piece asked about: its table for every row's key is faulted in by the
    /// core that finds the repeated keys, not by the one that goes on to read the journal.
    private var keys: BatchKeys?

    init(access: JournalAccess, source: any PaymentDraftSource, headSeq: Int64, recorded: String) {
        self.access = access; self.source = source; self.headSeq = headSeq; self.recorded = recorded
        admissions = Admissions(rowCount: source.count)
    }

    var admitted: RowSet { admissions.rows }
    var admittedCount: Int { admissions.order.count }

    func draft(_ index: Int) throws -> PaymentDraft {
        index >= piece.first && index < piece.first + piece.drafts.count ? piece.drafts[index - piece.first] : try source.draft(at: index)
    }

    /// For each draft of a piece whose key an earlier draft of the batch used, its outcome;
    /// asked of each piece in turn.
    func repeatedKeys(in drafts: [PaymentDraft], from first: Int) throws -> [Int: BatchOutcome] {
        if keys == nil { keys = BatchKeys(count: source.count) }
        return try keys!.repeated(in: drafts, from: first) { try source.draft(at: $0) }
    }

    func admit(_ index: Int, seq: Int64, voucher: String?) {
        admissions.admit(index, seq: seq, after: headSeq, voucher: voucher)
    }

    func event(seq: Int64) throws(Rejection) -> Event? { try JournalLookup(access: access).event(seq: seq) }

    func events(withKey key: String) throws(Rejection) -> [Event] {
        // A new batch's keys are none of them in the journal: no need to hash each (an empty
        // dictionary hashes the key all the same).
        journalKeys.isEmpty ? [] : journalKeys[key].map { [$0] } ?? []
    }

    /// The journal's events with `voucher`, then the batch's admitted payments with it.
    func events(withVoucher voucher: String) throws(Rejection) -> [Event] {
        var found = try JournalLookup(access: access).events(withVoucher: voucher)
        for admittedIndex in admissions.vouchers.values(Fingerprint.of(voucher)) {
            let seq = headSeq + 1 + Int64(admittedIndex)
            let index = Int(admissions.order[admittedIndex])
            guard let draft = try? self.draft(index) else { throw Rejection(.importFileChangedWhileRead) }
            guard draft.payment.voucher == voucher else { continue }
            found.append(draft.event(seq: seq, recorded: recorded))
        }
        return found
    }
}

extension PaymentDraft {
    /// The line the draft becomes when admitted at `seq`, recorded with the rest of its batch.
    func line(seq: Int64) -> PaymentLine { PaymentLine(seq: seq, id: key, date: date, payment: payment, projectNumber: projectNumber) }
}

/// The pieces of a batch held in memory (`PaymentDraftSource.holdsPieces`), read as one by any
/// thread: the arrays are shared, not copied.
struct HeldDrafts: @unchecked Sendable {
    private var firsts: [Int] = []
    private var pieces: [[PaymentDraft]] = []
    private(set) var count = 0
    /// Whether each piece began where the last ended, as a source's pieces do.
    private(set) var isWhole = true

    mutating func add(_ first: Int, _ drafts: [PaymentDraft]) {
        if first != count { isWhole = false }
        firsts.append(first); pieces.append(drafts); count += drafts.count
    }

    func draft(at index: Int) -> PaymentDraft {
        // The last piece that starts at or before `index`.
        var low = 0, high = firsts.count
        while high - low > 1 {
            let middle = (low + high) / 2
            if firsts[middle] <= index { low = middle } else { high = middle }
        }
        return pieces[low][index - firsts[low]]
    }
}

/// The payments of a batch admitted so far: which rows, each row in the order of the seqs, and
/// their vouchers by fingerprint. One value, changed by one call: each stored property of a class
/// is checked for exclusive access at run time, on every change, and admitting a payment into
/// three of them spent 2% of an import's processor time on those checks.
struct Admissions {
    private(set) var rows: RowSet
    /// The row of each admitted payment, in the order of their seqs.
    private(set) var order: [Int32] = []
    /// By each voucher's fingerprint, its payment's place in `order`.
    private(set) var vouchers = FingerprintIndex()

    init(rowCount: Int) {
        rows = RowSet(count: rowCount)
        order.reserveCapacity(rowCount)
    }

    mutating func admit(_ index: Int, seq: Int64, after headSeq: Int64, voucher: String?) {
        precondition(seq == headSeq + Int64(order.count) + 1, "a batch's payments are admitted in order")
        rows.insert(index)
        order.append(Int32(index))
        // By its place among the admitted, which gives both its row and its seq.
        if let voucher { vouchers.insert(Fingerprint.of(voucher), order.count - 1) }
    }
}

/// Which rows of a batch: a bit each.
struct RowSet: Sendable {
    private var words: [UInt64] = []

    init(count: Int = 0) { words = [UInt64](repeating: 0, count: (count + 63) / 64) }

    mutating func insert(_ row: Int) { words[row >> 6] |= 1 << UInt64(row & 63) }

    func contains(_ row: Int) -> Bool { words[row >> 6] & (1 << UInt64(row & 63)) != 0 }
}
