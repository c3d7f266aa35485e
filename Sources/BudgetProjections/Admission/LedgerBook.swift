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
    }

    var projects: [String: ProjectFacts] = [:]
    /// Event id → seq, for uniqueness and for recognising a retried write.
    var seqByID: [String: Int64] = [:]
    var reversedSeqs: Set<Int64> = []
    /// Every recorded event, at index seq - 1, so a reversal can find what it reverses.
    var events: [Event] = []
    /// The seqs of the `policy.set` events not reversed, in journal (and so date) order.
    var livePolicySeqs: [Int64] = []

    public init() {}

    public var headSeq: Int64 { Int64(events.count) }

    /// Folds a whole journal, checking each event as it goes.
    public static func fold(_ events: [Event]) throws(Rejection) -> LedgerBook {
        var book = LedgerBook()
        book.events.reserveCapacity(events.count)
        for event in events {
            do { try book.checkFacts(of: event) } catch {
                throw Rejection("journal line \(event.seq): \(error.message)")
            }
            book.record(event)
        }
        try book.checkNoOverdraft()
        return book
    }

    /// The pair of admission's balance check, made once over a whole journal as read: no fund
    /// balance is below zero as of any date. It catches a journal rewritten with a valid chain.
    func checkNoOverdraft() throws(Rejection) {
        for id in projects.keys.sorted() {
            for source in FundSource.allCases {
                guard let overdraft = projects[id]?.balances[source]?.firstOverdraft() else { continue }
                throw Rejection("journal line \(overdraft.seq): the \(source) budget of '\(id)' is overspent as of \(overdraft.date) (\(Money(fen: overdraft.balanceFen).yuanText) remains)")
            }
        }
    }

    public func event(seq: Int64) -> Event? {
        guard seq >= 1, seq <= headSeq else { return nil }
        return events[Int(seq - 1)]
    }

    public func isReversed(_ seq: Int64) -> Bool { reversedSeqs.contains(seq) }

    public func seq(ofID id: String) -> Int64? { seqByID[id] }

    public func registration(of project: String) -> ProjectRegistration? { projects[project]?.registration }

    public func registrationDate(of project: String) -> BusinessDate? { projects[project]?.registeredOn }

    public func indicator(_ indicator: String, of project: String) -> IndicatorDefinition? {
        projects[project]?.indicators[indicator]
    }

    /// Takes in an event that passed its checks.
    mutating func record(_ event: Event) {
        precondition(event.seq == headSeq + 1, "the book records events in journal order")
        events.append(event)
        seqByID[event.id] = event.seq
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
            projects[movement.project]?.balances[movement.source, default: BalanceTimeline()].record(movement.fen, on: movement.date, seq: event.seq)
            projects[movement.project]?.grossFen.addSaturating(movement.fen)
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
        case .projectRegistered, .indicatorDefined, .indicatorActualRecorded, .indicatorScored, .policySet, .formDeclared:
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
