import BudgetModel

/// A fold of the journal's events, fed one at a time in journal order. One that lists or cites
/// events (a trace, a log, the event numbers behind a check's finding) needs every event.
public protocol EventFold {
    mutating func apply(_ event: Event)
}

/// A fold of fund figures and scores: it takes the payments summed per project, source and date
/// (`PaymentTotal`) as readily as one by one, since a payment only adds its amount on its date.
/// The journal's store decides which it is given.
public protocol LedgerFold: EventFold {
    mutating func apply(_ total: PaymentTotal)
    /// The replay reached event #`seq` of the journal: the last event dated by the replay's date,
    /// whether or not it was folded (a fold of some projects sees only theirs).
    mutating func replayed(through seq: Int64)
}

extension LedgerFold {
    public mutating func replayed(through seq: Int64) {}
}

extension EventFold {
    /// The fold after `events`, for tests and small in-memory uses.
    public mutating func apply<Events: Sequence>(_ events: Events) where Events.Element == Event {
        for event in events { apply(event) }
    }
}
