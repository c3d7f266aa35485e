import BudgetText
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
        let known: EventLookup = lookup ?? InMemoryEvents([])
        if let key = draft.key, let earlier = try retry(key: key, date: draft.date, body: draft.body, lookup: known) {
            return .alreadyRecorded(earlier)
        }
        try checkRoom()
        let seq = headSeq + 1
        let event = Event(seq: seq, id: draft.key ?? "@\(seq)", date: draft.date, recorded: recorded, body: draft.body)
        try checkFacts(of: event, lookup: known)
        try checkBalances(of: event)
        return .append(event)
    }

    /// The event recorded earlier under `key`, when the draft repeats it exactly; nil when the key
    /// is new. The same key with another draft is refused.
    /// `lookup` is not optional: unwrapping an optional existential copies it, and a batch asks
    /// for every row.
    func retry(key: String, date: BusinessDate, body: @autoclosure () -> EventBody, lookup: EventLookup) throws(Rejection) -> Event? {
        if let problem = Identifier.problem(with: key) { throw Rejection("--id '\(key)' \(problem)") }
        guard let earlier = try earlierEvent(withKey: key, lookup: lookup) else { return nil }
        guard earlier.date == date, earlier.body == body() else {
            throw Rejection(.idWasAlreadyUsedBy, key, earlier.seq, earlier.body.kind.name, earlier.date)
        }
        return earlier
    }

    /// A journal holds at most `Limits.eventsMax` events.
    func checkRoom() throws(Rejection) {
        guard headSeq < Int64(Limits.eventsMax) else { throw Rejection(.journalHoldsLimitOfEvents, Limits.eventsMax) }
    }

    func earlierEvent(withKey key: String, lookup: EventLookup) throws(Rejection) -> Event? {
        if !seqByID.isEmpty, let seq = seqByID[key], let earlier = event(seq: seq) { return earlier }
        return try lookup.events(withKey: key).first
    }

    /// The checks that need no balances: that the project exists and the date lies in its
    /// window, then the kind's own rule (an indicator exists, a reversal is the first of its
    /// target), then that the project's money stays bounded. Run on admission and on every read.
    /// `lookup` is nil when reading a journal: a reversal of an event the book did not retain
    /// is then confirmed after the read (`confirmReversals(with:)`).
    func checkFacts(of event: Event, lookup: EventLookup?) throws(Rejection) {
        let window = event.body.dateWindow, project = event.body.project
        var ownGrossFen: Int64?
        if let project, window != .registration {
            let facts = try projectFacts(project)
            try facts.checkDate(event.date, window)
            ownGrossFen = facts.grossFen
        }
        try checkSeal(event)
        try event.body.visit(AdmissionRuleOf())?.check(event, in: self, lookup: lookup)
        for movement in event.body.movements {
            let grossFen = movement.project == project ? ownGrossFen : nil
            try Self.checkGross(movement.project, adding: movement.fen, from: grossFen ?? projects[movement.project]?.grossFen ?? 0)
        }
    }

    func projectFacts(_ project: String) throws(Rejection) -> ProjectFacts {
        guard let facts = projects[project] else { throw Rejection(.unknownProject, project) }
        return facts
    }

    func checkGross(_ movement: Movement) throws(Rejection) {
        try Self.checkGross(movement.project, adding: movement.fen, from: projects[movement.project]?.grossFen ?? 0)
    }

    static func checkGross(_ project: String, adding fen: Int64, from grossFen: Int64) throws(Rejection) {
        var gross = grossFen
        gross.addSaturating(fen)
        guard gross <= Limits.projectGrossFenMax else {
            throw Rejection(.projectWouldMoveMoreThan, project, Money(fen: Limits.projectGrossFenMax).groupedYuanText)
        }
    }

    /// 无预算不支出: no fund balance may fall below zero as of any date.
    func checkBalances(of event: Event) throws(Rejection) {
        for movement in event.body.movements where movement.balanceFen < 0 {
            let timeline = projects[movement.project]?.balances[movement.source] ?? BalanceTimeline()
            guard let shortfall = timeline.firstShortfall(adding: movement.balanceFen, on: event.date) else { continue }
            throw Rejection(Self.shortfallMessage(movement, shortfall))
        }
    }

    /// Why a movement would leave its source short, in the words of what the movement does.
    static func shortfallMessage(_ movement: Movement, _ shortfall: (date: BusinessDate, balanceFen: Int64)) -> Message {
        let amount = Money(fen: -movement.balanceFen).yuanText
        let left = Message(.ofBudgetOfRemainsUnspent, Money(fen: shortfall.balanceFen).yuanText, movement.source.message, movement.project, shortfall.date)
        switch movement.figure {
        case .executed: return Message(.paymentOfExceedsBudgetOnly, amount, left)
        case .refunded: return Message(.refundOfExceedsUnspentBalance, amount, left)
        case .carriedOut: return Message(.carryOverOfExceedsUnspent, amount, left)
        case .adjusted: return Message(.cuttingWouldLeaveLessBudget, amount, left)
        case .approved, .carriedIn: return Message(.thisWouldOverspendWouldLeave, amount, left)
        }
    }
}
