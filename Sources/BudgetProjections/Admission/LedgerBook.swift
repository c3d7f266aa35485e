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
        var balances: [FundSource: BalanceTimeline] = [:]
        /// The sum of the magnitudes of every amount that moved the project. Bounding it bounds
        /// every running sum a projection can form, so no fold can overflow.
        var grossFen: Int64 = 0

        mutating func move(_ source: FundSource, by fen: Int64, on date: BusinessDate, seq: Int64, later: Bool = false) {
            if later {
                balances[source, default: BalanceTimeline()].recordLater(fen, on: date, seq: seq)
            } else {
                balances[source, default: BalanceTimeline()].record(fen, on: date, seq: seq)
            }
            grossFen.addSaturating(fen)
        }
    }

    var projects: [String: ProjectFacts] = [:]
    /// Client id → seq of the retained events, for uniqueness and for recognising a retried write.
    var seqByID: [String: Int64] = [:]
    var reversedSeqs: Set<Int64> = []
    /// The events admission may need to see again: every event that is not a payment (few, even
    /// in a large journal), and the payments too when the book retains them. A large journal's
    /// payments stay in the file, where an `EventLookup` finds them.
    var retained: [Int64: Event] = [:]
    var retainedOrder: [Int64] = []
    let retainsPayments: Bool
    /// While `fold` reads: balances are noted and settled once at its end (see `BalanceTimeline.settle`).
    private var settlingLater = false
    /// The seqs of the `policy.set` events not reversed, in journal (and so date) order.
    var livePolicySeqs: [Int64] = []
    /// The last event folded in.
    public internal(set) var headSeq: Int64 = 0
    /// Reversals read whose target the book did not retain: `confirmReversals(with:)` checks them
    /// against the journal once it has been read.
    public private(set) var unconfirmedReversals: [(seq: Int64, reversal: Reversal)] = []

    /// A book that keeps payments (`retainingPayments`) can answer every lookup itself; one that
    /// does not stays small however many payments it folds, and needs an `EventLookup` to admit.
    public init(retainingPayments: Bool = true) {
        retainsPayments = retainingPayments
    }

    /// Folds a journal, or a condensed one (`JournalSummary.condensedEvents`), checking each
    /// event as it goes. Seqs must rise; they need not be contiguous.
    public static func fold<Events: Sequence>(_ events: Events, retainingPayments: Bool = true) throws(Rejection) -> LedgerBook
    where Events.Element == Event {
        var book = LedgerBook(retainingPayments: retainingPayments)
        // Nothing asks for a balance until every event is in, so the timelines are built at the end.
        book.settlingLater = true
        for event in events { try book.take(event) }
        book.settlingLater = false
        for project in Array(book.projects.keys) {
            for source in FundSource.allCases { book.projects[project]!.balances[source]?.settle() }
        }
        try book.checkNoOverdraft()
        return book
    }

    /// Checks one event read from a journal and records it. A streaming reader calls this for
    /// each event, then `checkNoOverdraft()` at the end.
    public mutating func take(_ event: Event) throws(Rejection) {
        // A reader hands events in journal order; anything else (a forged checkpoint) is refused, not trapped on.
        guard event.seq > headSeq else { throw Rejection("journal line \(event.seq): comes after line \(headSeq) out of order") }
        do { try checkFacts(of: event, lookup: nil) } catch {
            throw Rejection("journal line \(event.seq): \(error.message)")
        }
        if case .reversed(let reversal) = event.body, self.event(seq: reversal.targetSeq) == nil {
            unconfirmedReversals.append((event.seq, reversal))
        }
        record(event)
    }

    /// Moves the head past events that were not folded in (the payments of other projects),
    /// so that the next seq admitted is the journal's next.
    public mutating func advanceHead(to seq: Int64) {
        precondition(seq >= headSeq, "a head only moves forward")
        headSeq = seq
    }

    /// The pair of admission's balance check, made once over a whole journal as read: no fund
    /// balance is below zero as of any date. It catches a journal rewritten with a valid chain.
    public func checkNoOverdraft() throws(Rejection) {
        for id in projects.keys.sorted() {
            for source in FundSource.allCases {
                guard let overdraft = projects[id]?.balances[source]?.firstOverdraft() else { continue }
                throw Rejection("journal line \(overdraft.seq): the \(source) budget of '\(id)' is overspent as of \(overdraft.date) (\(Money(fen: overdraft.balanceFen).yuanText) remains)")
            }
        }
    }

    /// Checks each reversal whose target was not retained against that target, found by `lookup`.
    public func confirmReversals(with lookup: EventLookup) throws(Rejection) {
        for (seq, reversal) in unconfirmedReversals {
            guard let target = try lookup.event(seq: reversal.targetSeq) else {
                throw Rejection("journal line \(seq): there is no event #\(reversal.targetSeq) to reverse")
            }
            do { try Self.checkTarget(target, of: reversal, on: retained[seq]?.date ?? target.date) } catch {
                throw Rejection("journal line \(seq): \(error.message)")
            }
        }
    }

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
    }

    /// Takes in an event that passed its checks.
    mutating func record(_ event: Event) {
        precondition(event.seq > headSeq, "the book records events in journal order")
        headSeq = event.seq
        // Nearly every event of a large journal is a payment: one dictionary access, no arrays.
        if !retainsPayments, case .disbursed(let payment) = event.body {
            projects[payment.project]?.move(payment.source, by: -payment.amount.fen, on: event.date, seq: event.seq, later: settlingLater)
            return
        }
        var isPayment = false
        if case .disbursed = event.body { isPayment = true }
        if retainsPayments || !isPayment {
            retained[event.seq] = event
            retainedOrder.append(event.seq)
            if !event.id.hasPrefix("@") { seqByID[event.id] = event.seq }
        }
        switch event.body {
        case .projectRegistered(let registration):
            projects[registration.project] = ProjectFacts(registration: registration, registeredOn: event.date)
        case .indicatorDefined(let definition):
            projects[definition.project]?.indicators[definition.indicator] = definition
        case .policySet:
            livePolicySeqs.append(event.seq)
        case .reversed(let reversal):
            reversedSeqs.insert(reversal.targetSeq)
            livePolicySeqs.removeAll { $0 == reversal.targetSeq }
            if case .indicatorDefined(let definition) = reversal.original {
                projects[definition.project]?.indicators[definition.indicator] = nil
            }
        default:
            break
        }
        for movement in BalanceMovement.of(event.body, on: event.date) {
            projects[movement.project]?.move(movement.source, by: movement.fen, on: movement.date, seq: event.seq, later: settlingLater)
        }
    }
}

/// One change of one fund balance caused by an event.
struct BalanceMovement {
    let project: String
    let source: FundSource
    let fen: Int64
    let date: BusinessDate

    static func of(_ body: EventBody, on date: BusinessDate) -> [BalanceMovement] {
        switch body {
        case .budgetApproved(let e): return [BalanceMovement(project: e.project, source: e.source, fen: e.amount.fen, date: date)]
        case .budgetAdjusted(let e): return [BalanceMovement(project: e.project, source: e.source, fen: e.amount.fen, date: date)]
        case .disbursed(let e): return [BalanceMovement(project: e.project, source: e.source, fen: -e.amount.fen, date: date)]
        case .refunded(let e): return [BalanceMovement(project: e.project, source: e.source, fen: -e.amount.fen, date: date)]
        case .carriedOver(let e):
            return [BalanceMovement(project: e.project, source: e.source, fen: -e.amount.fen, date: date),
                    BalanceMovement(project: e.toProject, source: .carryover, fen: e.amount.fen, date: date)]
        case .reversed(let reversal):
            // A reversal undoes the original's movements on the reversal's own date.
            return of(reversal.original, on: date).map {
                BalanceMovement(project: $0.project, source: $0.source, fen: -$0.fen, date: date)
            }
        case .projectRegistered, .indicatorDefined, .indicatorActualRecorded, .indicatorScored, .policySet, .formDeclared, .goalRecorded:
            return []
        }
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
