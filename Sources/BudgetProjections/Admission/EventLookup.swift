import BudgetModel

/// Finds events that a book did not keep: a large journal's payments stay in the file. The
/// command line implements it over the journal and its checkpoint's line and key indexes.
public protocol EventLookup {
    /// The event with `seq`, or nil when there is none.
    func event(seq: Int64) throws(Rejection) -> Event?
    /// Every event recorded under the client key `key` (at most one in a sound journal).
    func events(withKey key: String) throws(Rejection) -> [Event]
    /// Every event that carries treasury voucher `voucher`: payments and refunds, and reversals of them.
    func events(withVoucher voucher: String) throws(Rejection) -> [Event]
}

/// Looks events up in an array: for tests and small in-memory uses.
public struct InMemoryEvents: EventLookup {
    let events: [Event]

    public init(_ events: [Event]) { self.events = events }

    public func event(seq: Int64) throws(Rejection) -> Event? {
        // A whole journal holds seq n at index n - 1; anything else is searched.
        if seq >= 1, seq <= events.count, events[Int(seq - 1)].seq == seq { return events[Int(seq - 1)] }
        return events.first { $0.seq == seq }
    }

    public func events(withKey key: String) throws(Rejection) -> [Event] { events.filter { $0.id == key } }

    public func events(withVoucher voucher: String) throws(Rejection) -> [Event] { events.filter { $0.body.voucher == voucher } }
}
