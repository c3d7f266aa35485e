import BudgetModel

/// A fold of the journal, fed in journal order. A fold of fund figures takes the payments
/// summed per project, source and date (`PaymentTotal`) as readily as one by one, since a
/// payment only adds its amount on its date; the journal's store decides which it is given.
public protocol LedgerFold {
    mutating func apply(_ event: Event)
    mutating func apply(_ total: PaymentTotal)
}

extension LedgerFold {
    /// The fold after `events`, for tests and small in-memory uses.
    public mutating func apply<Events: Sequence>(_ events: Events) where Events.Element == Event {
        for event in events { apply(event) }
    }
}
