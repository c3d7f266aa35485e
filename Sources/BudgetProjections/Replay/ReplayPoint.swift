import BudgetModel

/// Where a replay stops: at a business date (inclusive), at a seq (inclusive), at what the ledger
/// knew by a time (the events recorded by then), or any of these together. With none, the whole
/// journal is folded.
public struct ReplayPoint: Equatable, Sendable {
    public let asOf: BusinessDate?
    public let atSeq: Int64?
    /// `recorded` times at or before this UTC timestamp (`2024-01-10T15:59:59Z`). A clock can be
    /// set back, so `recorded` need not rise with seq: this filters, it does not cut a prefix.
    public let knownAt: String?

    public init(asOf: BusinessDate? = nil, atSeq: Int64? = nil, knownAt: String? = nil) {
        self.asOf = asOf
        self.atSeq = atSeq
        self.knownAt = knownAt
    }

    public static let end = ReplayPoint()

    /// Whether `event` is part of the state at this point. A back-dated event counts from its
    /// business date, wherever it stands in the journal.
    public func includes(_ event: Event) -> Bool {
        if let atSeq, event.seq > atSeq { return false }
        if let asOf, event.date > asOf { return false }
        // Both are `YYYY-MM-DDTHH:MM:SSZ`, so their order is their text's.
        if let knownAt, event.recorded > knownAt { return false }
        return true
    }
}

/// Replays a journal to a point.
public enum Replay {
    public static func projection(of events: [Event], to point: ReplayPoint = .end) -> LedgerProjection {
        var state = LedgerProjection()
        for event in events where point.includes(event) {
            state.apply(event)
        }
        return state
    }
}
