import BudgetText
import BudgetModel

/// What admission needs to know of everything recorded so far, folded from the journal: which
/// projects, indicators and ids exist, which events were reversed, and how each fund balance
/// moves over the year. Every event read from a journal is checked against it again, so a
/// journal whose lines are intact but whose events make no sense is still refused.
public struct LedgerBook: Sendable {
    /// Facts about one project that admission checks against.
    struct ProjectFacts: Sendable {
        let registration: ProjectRegistration
        let registeredOn: BusinessDate
        var indicators: [String: IndicatorDefinition] = [:]
        /// The date each reversed indicator definition was taken back on.
        var indicatorsRemovedOn: [String: BusinessDate] = [:]
        var balances = SourceBalances()
        /// The sum of the magnitudes of every amount that moved the project. Bounding it bounds
        /// every running sum a projection can form, so no fold can overflow.
        var grossFen: Int64 = 0

        /// Checks a payment read back as `checkFacts` would (its date, the year's `seal` found by
        /// the book, the project's gross), then moves its money all the same. Returns the first problem.
        mutating func takePayment(_ movement: Movement, on date: BusinessDate, seq: Int64, window: DateWindow, seal: Rejection?,
                                  later: Bool) -> Rejection? {
            var problem: Rejection?
            do throws(Rejection) {
                try checkDate(date, window)
                if let seal { throw seal }
                try LedgerBook.checkGross(movement.project, adding: movement.fen, from: grossFen)
            } catch {
                problem = error
            }
            move(movement.source, by: movement.balanceFen, on: date, seq: seq, later: later)
            return problem
        }

        /// Every event of a project is dated inside its fiscal year (a declared form also in the
        /// year after), on or after the project's registration.
        func checkDate(_ date: BusinessDate, _ window: DateWindow) throws(Rejection) {
            let year = registration.year, project = registration.project
            switch window {
            case .fiscalYear, .registration:
                guard date.year == year else { throw Rejection(.dateIsOutsideFiscalYear, date, year, project) }
            case .yearEndOrLater:
                guard date >= BusinessDate.lastDay(of: year)! else {
                    throw Rejection(.dateIsBeforeEndOf, date, year, project)
                }
            case .fiscalYearOrNext:
                guard date.year == year || date.year == year + 1 else {
                    throw Rejection(.dateIsOutsideFiscalYear2, date, year, project)
                }
            }
            guard date >= registeredOn else {
                throw Rejection(.dateIsBeforeProjectWas, date, project, registeredOn)
            }
        }

        mutating func move(_ source: FundSource, by fen: Int64, on date: BusinessDate, seq: Int64, later: Bool) {
            if later {
                balances[source, default: BalanceTimeline()].recordLater(fen, on: date, seq: seq)
            } else {
                balances[source, default: BalanceTimeline()].record(fen, on: date, seq: seq)
            }
            grossFen.addSaturating(fen)
        }
    }

    var projects = ProjectTable()
    /// Client id → seq of the retained events, for uniqueness and for recognising a retried write.
    var seqByID: [String: Int64] = [:]
    var reversedSeqs: Set<Int64> = []
    /// The events admission may need to see again: every event that is not a payment (few, even
    /// in a large journal), and the payments too when the book retains them. A large journal's
    /// payments stay in the file, where an `EventLookup` finds them.
    var retained: [Int64: Event] = [:]
    var retainedOrder: [Int64] = []
    let retainsPayments: Bool
    /// The project of the last total taken, and where its facts lie.
    private var lastTotalProject: (id: String, position: Int)?
    /// While a whole journal is read: balances are noted and settled once at its end (see
    /// `BalanceTimeline.settle`), since nothing asks for one before.
    private var settlingLater = false
    /// Events admitted by this book that carry a voucher, by voucher: the journal does not hold
    /// them yet, so a batch (an import, an amend) checks its own vouchers here.
    var admittedWithVoucher: [String: [Event]] = [:]
    /// The fiscal years closed and not reopened, with the close in force.
    var closedYears: [Int: YearClosing] = [:]
    /// The date of each year's last reopen: a new close may not be dated before it.
    var reopenedYears: [Int: BusinessDate] = [:]
    /// The seqs of the `policy.set` events not reversed, in journal (and so date) order.
    var livePolicySeqs: [Int64] = []
    /// The last event folded in.
    public internal(set) var headSeq: Int64 = 0
    /// Reversals read whose target the book did not retain: `confirmReversals(with:)` checks them
    /// against the journal once it has been read.
    public private(set) var unconfirmedReversals: [(seq: Int64, date: BusinessDate, reversal: Reversal)] = []
    /// Events read whose lines are intact but which break a rule of the ledger (an overspent
    /// budget, an unknown project): such an event can come from a past bug or a rewritten
    /// journal. It is folded all the same, so that figures show what the journal holds; reading
    /// commands warn, `verify` and `check` fail, and writes go on (see `Violations`).
    public private(set) var violations = Violations()

    /// A book that keeps payments (`retainingPayments`) can answer every lookup itself; one that
    /// does not stays small however many payments it folds, and needs an `EventLookup` to admit.
    public init(retainingPayments: Bool = true) {
        retainsPayments = retainingPayments
    }

    /// A book for reading a condensed journal, whose totals come in no date order: balances are
    /// noted and settled at once by `finishReading()`. (A whole journal's payments are many, and
    /// mostly in date order: a book reading them records each as it comes.)
    public static func reading(retainingPayments: Bool = false) -> LedgerBook {
        var book = LedgerBook(retainingPayments: retainingPayments)
        book.settlingLater = true
        return book
    }

    /// Checks events read from a journal (seqs rising, not necessarily contiguous) and records
    /// them, refusing the first that breaks a rule: for tests and small in-memory uses.
    public static func fold<Events: Sequence>(_ events: Events, retainingPayments: Bool = true) throws(Rejection) -> LedgerBook
    where Events.Element == Event {
        var book = LedgerBook.reading(retainingPayments: retainingPayments)
        for event in events { try book.take(event) }
        book.finishReading()
        if let first = book.violations.first.first { throw first }
        return book
    }

    /// Checks one event read from a journal and records it. A reader calls this for each event,
    /// then `finishReading()` at the end. An event that breaks a rule is noted in `violations`
    /// and folded all the same; only events out of order (which no journal's chain allows, and a
    /// forged checkpoint might) are refused.
    public mutating func take(_ event: Event) throws(Rejection) {
        guard event.seq > headSeq else { throw Rejection(.journalLineComesAfterLine, event.seq, headSeq) }
        if case .disbursed(let payment) = event.body { return takePayment(event, payment) }
        do { try checkFacts(of: event, lookup: nil) } catch {
            violations.add(Rejection(.journalLine, event.seq, error.reason), concerning: event.body.projectsTouched)
        }
        if case .reversed(let reversal) = event.body, self.event(seq: reversal.targetSeq) == nil {
            unconfirmedReversals.append((event.seq, event.date, reversal))
        }
        record(event)
    }

    /// A payment read back, checked and recorded as `checkFacts` then `record` would (a payment
    /// read back has no rule of its own to check, and no effect on the book but its money), with
    /// its project found once: nearly every line of a large journal is a payment.
    mutating func takePayment(_ event: Event, _ payment: Disbursement) {
        let movement = payment.movements.primary!
        assert(movement.project == payment.project && payment.movements.count == 1, "a payment moves its own project's money, once")
        takePayment(seq: event.seq, date: event.date, movement: movement, projectNumber: -1, window: payment.dateWindow,
                    retaining: retainsPayments ? event : nil)
    }

    /// A payment read back as its figures (see `PaymentFigures`), checked and recorded as its
    /// event would be: for a book that does not retain payments, and so needs no more of it.
    public mutating func take(_ payment: PaymentFigures) throws(Rejection) {
        precondition(!retainsPayments, "a book that retains payments takes their events")
        guard payment.seq > headSeq else { throw Rejection(.journalLineComesAfterLine, payment.seq, headSeq) }
        takePayment(seq: payment.seq, date: payment.date, movement: payment.movement, projectNumber: payment.projectNumber,
                    window: PaymentFigures.dateWindow, retaining: nil)
    }

    /// The payment `seq`, moving `movement` on `date`, checked and recorded; `event` is kept
    /// when the book retains payments.
    private mutating func takePayment(seq: Int64, date: BusinessDate, movement: Movement, projectNumber: Int, window: DateWindow,
                                      retaining event: Event?) {
        precondition(seq > headSeq, "the book records events in journal order")
        let found = projects.position(of: movement.project, number: projectNumber)
        // A year's close is rare: its seal is asked only when there is one.
        var seal: Rejection?
        if found != nil && !closedYears.isEmpty {
            do { try checkSeal(kind: Disbursement.kind, date: date, movements: Movements(movement)) } catch { seal = error }
        }
        takeMoney(seq: seq, date: date, movement: movement, at: found, window: window, seal: seal)
        if let event { retain(event) }
    }

    /// A total read back from a checkpoint, checked and recorded as a payment is (but for a
    /// year's seal, which a condensed read leaves to the lines after the checkpoint). A part's
    /// totals come together: their project is found once for them all, not three times each.
    public mutating func take(_ total: PaymentTotal) throws(Rejection) {
        guard total.lastSeq > headSeq else { throw Rejection(.journalLineComesAfterLine, total.lastSeq, headSeq) }
        let movement = total.movement
        let hint = lastTotalProject?.id == movement.project ? lastTotalProject!.position : -1
        let found = projects.position(of: movement.project, hint: hint)
        if let found { lastTotalProject = (movement.project, found) }
        takeMoney(seq: total.lastSeq, date: total.key.date, movement: movement, at: found, window: .fiscalYear, seal: nil)
    }

    /// Checks a payment's money (its date, the year's `seal`, the project's gross) and moves it,
    /// where its project's facts lie (`found`), changed in place: read out, they would be copied
    /// for each payment. A problem is noted, not thrown. (Unknown, the project has no balances to
    /// move: as `record` would, only the head moves on.)
    private mutating func takeMoney(seq: Int64, date: BusinessDate, movement: Movement, at found: Int?, window: DateWindow,
                                    seal: Rejection?) {
        guard let found else {
            violations.add(Rejection(.journalLine, seq, Rejection(.unknownProject, movement.project).reason), concerning: [movement.project])
            headSeq = seq
            return
        }
        let problem = projects[position: found].takePayment(movement, on: date, seq: seq, window: window, seal: seal, later: settlingLater)
        if let problem { violations.add(Rejection(.journalLine, seq, problem.reason), concerning: [movement.project]) }
        headSeq = seq
    }

    /// The end of a read: balances settled, then checked as admission checks each event. Every
    /// source overspent as of some date is a violation.
    public mutating func finishReading() {
        settlingLater = false
        for project in Array(projects.ids) {
            for source in FundSource.allCases { projects[project]!.balances[source]?.settle() }
        }
        for id in projects.ids.sorted() {
            for source in FundSource.allCases {
                guard let overdraft = projects[id]?.balances[source]?.firstOverdraft() else { continue }
                violations.add(Rejection(.journalLineBudgetOfIs, overdraft.seq, source.message, id, overdraft.date, Money(fen: overdraft.balanceFen).yuanText), concerning: [id])
            }
        }
    }

    /// Moves the head past events that were not folded in (the payments of other projects),
    /// so that the next seq admitted is the journal's next.
    public mutating func advanceHead(to seq: Int64) {
        precondition(seq >= headSeq, "a head only moves forward")
        headSeq = seq
    }

    /// Checks each reversal whose target was not retained against that target, found by `lookup`;
    /// one that does not agree with it is a violation.
    public mutating func confirmReversals(with lookup: EventLookup) throws(Rejection) {
        for (seq, date, reversal) in unconfirmedReversals {
            guard let target = try lookup.event(seq: reversal.targetSeq) else {
                violations.add(Rejection(.journalLineThereIsNo, seq, reversal.targetSeq), concerning: reversal.original.projectsTouched)
                continue
            }
            do { try Self.checkTarget(target, of: reversal, on: date) } catch {
                violations.add(Rejection(.journalLine, seq, error.reason), concerning: reversal.original.projectsTouched)
            }
        }
    }

    /// Notes a violation found outside the book (a client id used twice, which only a full read
    /// can find).
    public mutating func note(_ violation: Rejection) { violations.add(violation, concerning: []) }

    public func event(seq: Int64) -> Event? { retained[seq] }

    /// The retained events in journal order: every event, for a book that retains payments.
    var events: [Event] { retainedOrder.compactMap { retained[$0] } }

    public func isReversed(_ seq: Int64) -> Bool { reversedSeqs.contains(seq) }

    public func seq(ofID id: String) -> Int64? { seqByID[id] }

    public func registration(of project: String) -> ProjectRegistration? { projects[project]?.registration }

    public func registrationDate(of project: String) -> BusinessDate? { projects[project]?.registeredOn }

    public func indicator(_ indicator: String, of project: String) -> IndicatorDefinition? {
        projects[project]?.indicators[indicator]
    }

    /// Takes in an event just admitted, so that the next admission sees it: a batch admits its
    /// rows one after another against one book.
    public mutating func recordAdmitted(_ event: Event) {
        record(event)
        if let voucher = event.body.voucher { admittedWithVoucher[voucher, default: []].append(event) }
    }

    /// Takes in an event that passed its checks: its kind's own effect on the book, then the
    /// money it moves.
    mutating func record(_ event: Event) {
        precondition(event.seq > headSeq, "the book records events in journal order")
        headSeq = event.seq
        if retainsPayments || !event.body.isPayment { retain(event) }
        if let effect = event.body.visit(BookEffectOf()) { effect.record(in: &self, event: event) }
        for movement in event.body.movements { move(movement, on: event.date, seq: event.seq) }
    }

    mutating func retain(_ event: Event) {
        retained[event.seq] = event
        retainedOrder.append(event.seq)
        if event.id.utf8.first != UInt8(ascii: "@") { seqByID[event.id] = event.seq }
    }

    mutating func move(_ movement: Movement, on date: BusinessDate, seq: Int64) {
        projects[movement.project]?.move(movement.source, by: movement.balanceFen, on: date, seq: seq, later: settlingLater)
    }
}

extension Int64 {
    /// Adds the magnitude of `fen`, stopping at Int64.max instead of trapping.
    mutating func addSaturating(_ fen: Int64) {
        let magnitude = fen == .min ? Int64.max : Swift.abs(fen)
        let (sum, overflow) = addingReportingOverflow(magnitude)
        self = overflow ? .max : sum
    }
}
