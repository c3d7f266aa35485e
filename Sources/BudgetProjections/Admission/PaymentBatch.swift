import BudgetText
import BudgetModel

/// One payment of a batch: what `budget import` reads from a row.
public struct PaymentDraft: Equatable, Sendable {
    public let key: String
    /// Before `date`, whose four bytes fill the end of its last word: 144 bytes a draft, not 160,
    /// and an import of 100,000 rows touches 1.6 MB less fresh memory.
    public let payment: Disbursement
    public let date: BusinessDate
    /// The number its reader gave its project (`TextInterner.numbered`), or -1: a hint, not a
    /// part of the payment, so equal drafts may differ in it. Whoever finds a project by it
    /// checks the id it finds, as drafts of two readers may number one project differently.
    public let projectNumber: Int

    public init(key: String, date: BusinessDate, payment: Disbursement, projectNumber: Int = -1) {
        self.key = key; self.date = date; self.payment = payment; self.projectNumber = projectNumber
    }

    public static func == (one: PaymentDraft, other: PaymentDraft) -> Bool {
        one.key == other.key && one.date == other.date && one.payment == other.payment
    }

    public var draft: EventDraft { EventDraft(key: key, date: date, body: .disbursed(payment)) }

    /// The event the draft becomes when admitted at `seq`.
    public func event(seq: Int64, recorded: String) -> Event {
        Event(seq: seq, id: key, date: date, recorded: recorded, body: .disbursed(payment))
    }
}

extension LedgerBook {
    /// Admits payments one after another, each exactly as `admit` then `recordAdmitted` would if
    /// it were recorded alone after those before it, and hands each outcome to `outcome` with the
    /// draft's index. A batch of a hundred thousand rows touches a few dozen projects: each
    /// project's facts are found once, not once a row, and moved back into the book at the end.
    ///
    /// A key used again within the batch is the file's business, not the journal's: the same
    /// payment again is skipped as a repeat of its first row, another payment under it refused.
    public mutating func admitPayments(_ drafts: [PaymentDraft], recorded: String, lookup: EventLookup?,
                                       _ outcome: (Int, BatchOutcome) -> Void) {
        var keys = BatchKeys(count: drafts.count)
        let repeated = keys.repeated(in: drafts, from: 0) { drafts[$0] }
        admitPayments(drafts, firstIndex: 0, repeated: repeated, recorded: recorded, lookup: lookup, outcome)
    }

    /// As `admitPayments(_:recorded:lookup:_:)`, for a piece of a larger batch: `drafts` are the
    /// batch's from `firstIndex` on, and `repeated` holds, by index in the batch, the outcome of
    /// each draft whose key an earlier draft of the batch used (found by the caller, who sees the
    /// whole batch). With `vouchersByLookup`, the caller's `lookup` answers for the vouchers of
    /// the batch's admitted payments too, so that the book does not hold every one of them.
    public mutating func admitPayments(_ drafts: [PaymentDraft], firstIndex: Int, repeated: [Int: BatchOutcome], recorded: String,
                                       lookup: EventLookup?, vouchersByLookup: Bool = false, _ outcome: (Int, BatchOutcome) -> Void) {
        admitPayments(drafts, firstIndex: firstIndex, repeated: repeated, recorded: recorded, lookup: lookup,
                      vouchersByLookup: vouchersByLookup, appended: { index, seq, draft in
                          outcome(index, .admitted(.append(draft.event(seq: seq, recorded: recorded))))
                      }, outcome)
    }

    /// As `admitPayments(_:firstIndex:repeated:recorded:lookup:vouchersByLookup:_:)`, handing each
    /// payment to append to `appended` as its index, seq and draft, not as its event: a caller that
    /// writes the payments later builds each event then (`PaymentDraft.event`). An event built
    /// for every row only to be dropped (its payload boxed, its texts retained and released)
    /// was a fifth of a batch's check.
    public mutating func admitPayments(_ drafts: [PaymentDraft], firstIndex: Int, repeated: [Int: BatchOutcome], recorded: String,
                                       lookup: EventLookup?, vouchersByLookup: Bool = false,
                                       appended: (_ index: Int, _ seq: Int64, _ draft: PaymentDraft) -> Void,
                                       _ outcome: (Int, BatchOutcome) -> Void) {
        // What admitting a payment reads and moves, per project touched, in arrays: the slot is
        // found by the draft's project number (checked against the slot's project), else by one
        // dictionary search (`ProjectPositions`), and nothing else is copied.
        var slots = ProjectPositions()
        var facts: [ProjectFacts] = []
        var grossFen: [Int64] = []
        var timelines: [BalanceTimeline?] = []   // three per slot, by FundSource.allCases
        let sources = FundSource.allCases
        defer {
            for (slot, project) in slots.ids.enumerated() {
                var updated = facts[slot]
                updated.grossFen = grossFen[slot]
                for (offset, source) in sources.enumerated() { updated.balances[source] = timelines[slot * sources.count + offset] }
                projects[project] = updated
            }
        }
        // Made once, each as its check takes it: an existential unwrapped, or wrapped, in the
        // loop was copied and destroyed for every row.
        let known: EventLookup = lookup ?? InMemoryEvents([])
        let classifying: EventLookup? = known
        for offset in drafts.indices {
            let index = firstIndex + offset
            // The draft copied once, its payment read in place: copied out too, with its texts
            // retained and released, it was a tenth of the check.
            let draft = drafts[offset]
            if !repeated.isEmpty, let earlier = repeated[index] {
                outcome(index, earlier)
                continue
            }
            do throws(Rejection) {
                // The checks of `admit`, in its order, with the project's facts found in its slot.
                if let earlier = try retry(key: draft.key, date: draft.date, body: .disbursed(draft.payment), lookup: known) {
                    outcome(index, .admitted(.alreadyRecorded(earlier)))
                    continue
                }
                try checkRoom()
                var found = slots.position(of: draft.payment.project, number: draft.projectNumber)
                if found == nil, let projectFacts = projects[draft.payment.project] {
                    found = slots.add(draft.payment.project)
                    facts.append(projectFacts)
                    grossFen.append(projectFacts.grossFen)
                    for source in sources { timelines.append(projectFacts.balances[source]) }
                }
                guard let slot = found else { throw Rejection(.unknownProject, draft.payment.project) }
                try facts[slot].checkDate(draft.date, draft.payment.dateWindow)
                let seq = headSeq + 1
                // A payment moves money, so a year's close seals it: `checkSeal(event)` for its kind.
                let movements = draft.payment.movements
                try checkSeal(kind: Disbursement.kind, date: draft.date, movements: movements)
                // Asked only of a payment with a class, function or voucher: the call copied the
                // lookup, an existential, and destroyed it twice, for every row.
                if draft.payment.economicClass != nil || draft.payment.functionalClass != nil || draft.payment.voucher != nil {
                    try checkClassified(draft.payment.economicClass, draft.payment.functionalClass, voucher: draft.payment.voucher,
                                        kind: Disbursement.kind, lookup: classifying)
                }
                let movement = movements.primary!
                try LedgerBook.checkGross(draft.payment.project, adding: movement.balanceFen, from: grossFen[slot])
                let line = slot * sources.count + sources.firstIndex(of: draft.payment.source)!
                // A source never approved has no timeline: every payment from it falls short. The
                // timeline is read where it lies: `timelines[line] == nil` compared two optionals as
                // Equatable values, and copied the timeline (four references retained, then
                // released through a generic tuple's destroy) for every row, a quarter of the check.
                let shortfall = timelines[line].map { $0.firstShortfall(adding: movement.balanceFen, on: draft.date) }
                    ?? BalanceTimeline().firstShortfall(adding: movement.balanceFen, on: draft.date)
                if let shortfall { throw Rejection(Self.shortfallMessage(movement, shortfall)) }
                // What `recordAdmitted` does with a payment, on the slot instead of the dictionary.
                headSeq = seq
                if retainsPayments || (draft.payment.voucher != nil && !vouchersByLookup) {
                    let event = draft.event(seq: seq, recorded: recorded)
                    if retainsPayments { retain(event) }
                    if let voucher = draft.payment.voucher, !vouchersByLookup { admittedWithVoucher[voucher, default: []].append(event) }
                }
                timelines[line]!.record(movement.balanceFen, on: draft.date, seq: seq)
                grossFen[slot].addSaturating(movement.balanceFen)
                appended(index, seq, draft)
            } catch {
                outcome(index, .refused(error))
            }
        }
    }
}

/// What became of one payment of a batch.
public enum BatchOutcome: Equatable, Sendable {
    /// Admitted, or recognised as recorded before under its key.
    case admitted(Admission)
    /// The same payment, under the same key, as an earlier draft of the batch: skipped.
    case repeats(Int)
    /// Another payment under the key of an earlier draft of the batch: refused.
    case keyReused(Int)
    case refused(Rejection)
}
