import BudgetModel

/// The outcome of asking to record a draft.
public enum Admission: Equatable, Sendable {
    /// A new event, ready to append.
    case append(Event)
    /// A retry of a write already recorded under the same id with the same body: nothing to append.
    case alreadyRecorded(Event)
}

extension LedgerBook {
    /// Decides whether `draft` may enter the journal, and as what. Checks everything an event
    /// must satisfy, including that no fund balance falls below zero as of any date.
    /// `lookup` finds the events the book did not retain (a large journal's payments): the
    /// earlier event of a retried key, or the payment a reversal undoes.
    public func admit(_ draft: EventDraft, recorded: String, lookup: EventLookup? = nil) throws(Rejection) -> Admission {
        if let key = draft.key {
            if let problem = Identifier.problem(with: key) { throw Rejection("--id '\(key)' \(problem)") }
            if let earlier = try earlierEvent(withKey: key, lookup: lookup) {
                let seq = earlier.seq
                guard earlier.date == draft.date, earlier.body == draft.body else {
                    throw Rejection("--id '\(key)' was already used by event #\(seq) (\(earlier.body.type.rawValue) on \(earlier.date)) with a different body")
                }
                return .alreadyRecorded(earlier)
            }
        }
        guard headSeq < Int64(Limits.eventsMax) else { throw Rejection("the journal holds the limit of \(Limits.eventsMax) events") }
        let seq = headSeq + 1
        let event = Event(seq: seq, id: draft.key ?? "@\(seq)", date: draft.date, recorded: recorded, body: draft.body)
        try checkFacts(of: event, lookup: lookup ?? InMemoryEvents([]))
        try checkBalances(of: event)
        return .append(event)
    }

    func earlierEvent(withKey key: String, lookup: EventLookup?) throws(Rejection) -> Event? {
        if !seqByID.isEmpty, let seq = seqByID[key], let earlier = event(seq: seq) { return earlier }
        return try lookup?.events(withKey: key).first
    }

    /// The checks that need no balances: that what the event names exists, that its date lies in
    /// its project's year, that it is not a second reversal. Run on admission and on every read.
    /// `lookup` is nil when reading a journal: a reversal of an event the book did not retain
    /// is then confirmed after the read (`confirmReversals(with:)`).
    func checkFacts(of event: Event, lookup: EventLookup?) throws(Rejection) {
        if case .projectRegistered(let registration) = event.body {
            return try checkRegistration(registration, on: event.date)
        }
        guard let project = event.body.project else { return try checkJournalWide(event, lookup: lookup) }
        let facts = try projectFacts(project)
        // Nearly every event of a large journal is a payment: its checks without the general
        // path's arrays. The same checks, in the same order, as the cases below.
        if case .disbursed(let payment) = event.body {
            try checkDate(event.date, of: facts)
            try requirePositive(payment.amount)
            return try checkGross(project, adding: payment.amount.fen, from: facts.grossFen)
        }
        if case .formDeclared(let form) = event.body { return try checkDeclaration(form, on: event.date, of: facts) }
        if case .reversed(let reversal) = event.body, case .formDeclared = reversal.original {
            try checkDeclarationDate(event.date, of: facts)
            return try checkReversal(reversal, on: event.date, seq: event.seq, lookup: lookup)
        }
        try checkDate(event.date, of: facts)
        switch event.body {
        case .projectRegistered, .policySet, .formDeclared: break
        case .budgetApproved(let e):
            try requirePositive(e.amount)
        case .disbursed(let e):
            try requirePositive(e.amount)
        case .refunded(let e):
            try requirePositive(e.amount)
        case .budgetAdjusted(let e):
            guard e.amount.fen != 0 else { throw Rejection("an adjustment of zero changes nothing") }
        case .carriedOver(let e):
            try requirePositive(e.amount)
            try checkCarryOver(e, from: facts)
        case .indicatorDefined(let e):
            guard facts.indicators[e.indicator] == nil else {
                throw Rejection("indicator '\(e.indicator)' is already defined for project '\(e.project)'")
            }
        case .indicatorActualRecorded(let e):
            let definition = try indicatorDefinition(e.indicator, of: facts)
            if e.grade != nil { try checkGradeApplies(to: definition) }
        case .indicatorScored(let e):
            let definition = try indicatorDefinition(e.indicator, of: facts)
            guard e.score <= definition.weight else {
                throw Rejection("score \(e.score) is above the weight of indicator '\(e.indicator)' (\(definition.weight) points)")
            }
        case .reversed(let reversal):
            try checkReversal(reversal, on: event.date, seq: event.seq, lookup: lookup)
        case .goalRecorded(let e):
            try checkGoal(e)
        }
        try checkGross(of: event)
    }

    private func checkRegistration(_ registration: ProjectRegistration, on date: BusinessDate) throws(Rejection) {
        guard projects[registration.project] == nil else {
            throw Rejection("project '\(registration.project)' is already registered")
        }
        // A project is planned the autumn before its year, so it may be registered then.
        guard date.year == registration.year || date.year == registration.year - 1 else {
            throw Rejection("date \(date) is outside fiscal year \(registration.year) (or the year before it)")
        }
    }

    private func requirePositive(_ amount: Money) throws(Rejection) {
        guard amount.fen > 0 else { throw Rejection("amount \(amount.yuanText) must be positive") }
    }

    func projectFacts(_ project: String) throws(Rejection) -> ProjectFacts {
        guard let facts = projects[project] else { throw Rejection("unknown project '\(project)'") }
        return facts
    }

    func checkDate(_ date: BusinessDate, of facts: ProjectFacts) throws(Rejection) {
        try checkDate(date, year: facts.registration.year, registeredOn: facts.registeredOn, project: facts.registration.project)
    }

    func checkDate(_ date: BusinessDate, year: Int, registeredOn: BusinessDate, project: String) throws(Rejection) {
        guard date.year == year else {
            throw Rejection("date \(date) is outside fiscal year \(year) of project '\(project)'")
        }
        guard date >= registeredOn else {
            throw Rejection("date \(date) is before project '\(project)' was registered (\(registeredOn))")
        }
    }

    func indicatorDefinition(_ indicator: String, of facts: ProjectFacts) throws(Rejection) -> IndicatorDefinition {
        guard let definition = facts.indicators[indicator] else {
            throw Rejection("unknown indicator '\(indicator)' of project '\(facts.registration.project)'")
        }
        return definition
    }

    private func checkCarryOver(_ carry: CarryOver, from facts: ProjectFacts) throws(Rejection) {
        guard let receiver = projects[carry.toProject] else { throw Rejection("unknown project '\(carry.toProject)' (--to)") }
        guard receiver.registration.year > facts.registration.year else {
            throw Rejection("carry-over goes to a project of a later year; '\(carry.toProject)' is of \(receiver.registration.year), '\(carry.project)' of \(facts.registration.year)")
        }
    }

    /// `seq` is the reversal's own: its target must come before it. (A book folded from a
    /// condensed journal has not seen every seq, so its head cannot say.)
    func checkReversal(_ reversal: Reversal, on date: BusinessDate, seq: Int64, lookup: EventLookup?) throws(Rejection) {
        guard reversal.targetSeq < seq else { throw Rejection("there is no event #\(reversal.targetSeq) to reverse") }
        guard !isReversed(reversal.targetSeq) else { throw Rejection("event #\(reversal.targetSeq) is already reversed") }
        var found = event(seq: reversal.targetSeq)
        if found == nil, let lookup { found = try lookup.event(seq: reversal.targetSeq) }
        guard let target = found else {
            // Reading a large journal: the payment is in the file; it is confirmed after the read.
            guard lookup == nil, !retainsPayments else { throw Rejection("there is no event #\(reversal.targetSeq) to reverse") }
            return
        }
        try Self.checkTarget(target, of: reversal, on: date)
        if case .indicatorDefined(let definition) = target.body {
            try checkNothingDependsOn(definition, definedAt: target.seq)
        }
    }

    /// What a reversal must agree with in the event it reverses.
    static func checkTarget(_ target: Event, of reversal: Reversal, on date: BusinessDate) throws(Rejection) {
        switch target.body {
        case .reversed: throw Rejection("event #\(target.seq) is itself a reversal; record the original event again instead")
        case .projectRegistered: throw Rejection("event #\(target.seq) registers a project, which cannot be reversed")
        default: break
        }
        guard target.body == reversal.original else { throw Rejection("the reversal's copy of event #\(target.seq) differs from it") }
        guard date >= target.date else {
            throw Rejection("a reversal dated \(date) cannot precede the event it reverses (#\(target.seq), \(target.date))")
        }
    }

    /// An indicator keeps its actual values and scores; undoing its definition first would leave
    /// them pointing at nothing, so they must be reversed before it.
    private func checkNothingDependsOn(_ definition: IndicatorDefinition, definedAt seq: Int64) throws(Rejection) {
        let dependents = retainedOrder.drop(while: { $0 <= seq }).compactMap { retained[$0] }.filter { event in
            guard !isReversed(event.seq) else { return false }
            switch event.body {
            case .indicatorActualRecorded(let e): return e.project == definition.project && e.indicator == definition.indicator
            case .indicatorScored(let e): return e.project == definition.project && e.indicator == definition.indicator
            case .formDeclared(let e): return e.project == definition.project && e.score(of: definition.indicator) != nil
            default: return false
            }
        }
        guard dependents.isEmpty else {
            let seqs = dependents.map { "#\($0.seq)" }.joined(separator: ", ")
            throw Rejection("indicator '\(definition.indicator)' still has actual values or scores (\(seqs)); reverse those first")
        }
    }

    func checkGross(of event: Event) throws(Rejection) {
        for movement in BalanceMovement.of(event.body, on: event.date) {
            try checkGross(movement.project, adding: movement.fen, from: projects[movement.project]?.grossFen ?? 0)
        }
    }

    func checkGross(_ project: String, adding fen: Int64, from grossFen: Int64) throws(Rejection) {
        var gross = grossFen
        gross.addSaturating(fen)
        guard gross <= Limits.projectGrossFenMax else {
            throw Rejection("project '\(project)' would move more than \(Money(fen: Limits.projectGrossFenMax).groupedYuanText) yuan in all")
        }
    }

    /// 无预算不支出: no fund balance may fall below zero as of any date.
    func checkBalances(of event: Event) throws(Rejection) {
        // A payment moves one balance: checked without the general path's array of movements.
        if case .disbursed(let payment) = event.body {
            let movement = BalanceMovement(project: payment.project, source: payment.source, fen: -payment.amount.fen, date: event.date)
            let timeline = projects[payment.project]?.balances[payment.source] ?? BalanceTimeline()
            guard let shortfall = timeline.firstShortfall(adding: movement.fen, on: movement.date) else { return }
            throw Rejection(Self.shortfallMessage(event.body, movement, shortfall))
        }
        for movement in BalanceMovement.of(event.body, on: event.date) where movement.fen < 0 {
            let timeline = projects[movement.project]?.balances[movement.source] ?? BalanceTimeline()
            guard let shortfall = timeline.firstShortfall(adding: movement.fen, on: movement.date) else { continue }
            throw Rejection(Self.shortfallMessage(event.body, movement, shortfall))
        }
    }

    static func shortfallMessage(_ body: EventBody, _ movement: BalanceMovement, _ shortfall: (date: BusinessDate, balanceFen: Int64)) -> String {
        let amount = Money(fen: -movement.fen).yuanText
        let left = "\(Money(fen: shortfall.balanceFen).yuanText) of the \(movement.source) budget of '\(movement.project)' remains unspent on \(shortfall.date)"
        switch body {
        case .disbursed: return "payment of \(amount) exceeds the budget (无预算不支出): only \(left)"
        case .refunded: return "refund of \(amount) exceeds the unspent balance: only \(left)"
        case .carriedOver: return "carry-over of \(amount) exceeds the unspent balance: only \(left)"
        case .budgetAdjusted: return "cutting \(amount) would leave less budget than is spent or carried over: only \(left)"
        default: return "this would overspend: \(amount) would leave the budget short, since only \(left)"
        }
    }
}
