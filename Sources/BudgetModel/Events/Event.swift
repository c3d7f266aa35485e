/// One immutable fact in the journal. The envelope says when and in what order it was
/// recorded; the body says what happened.
public struct Event: Equatable, Sendable {
    /// Position in the journal, 1-based and contiguous.
    public let seq: Int64
    /// Unique in the journal: the client's idempotency key (`--id`) or one derived by the ledger.
    public let id: String
    /// The business date on which the event takes effect.
    public let date: BusinessDate
    /// When the event was recorded, RFC 3339 in UTC ("2023-03-01T08:15:00Z").
    public let recorded: String
    public let body: EventBody

    public init(seq: Int64, id: String, date: BusinessDate, recorded: String, body: EventBody) {
        self.seq = seq
        self.id = id
        self.date = date
        self.recorded = recorded
        self.body = body
    }
}

/// An event as a person asks for it, before the journal gives it a place.
public struct EventDraft: Equatable, Sendable {
    /// The client's idempotency key, if it chose one.
    public let key: String?
    public let date: BusinessDate
    public let body: EventBody

    public init(key: String? = nil, date: BusinessDate, body: EventBody) {
        self.key = key
        self.date = date
        self.body = body
    }
}
