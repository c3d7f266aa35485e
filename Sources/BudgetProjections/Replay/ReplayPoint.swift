import BudgetModel

/// Where a replay stops: at a business date (inclusive), at a seq (inclusive), or both. With
/// neither, the whole journal is folded.
public struct ReplayPoint: Equatable, Sendable {
    public let asOf: BusinessDate?
    public let atSeq: Int64?

    public init(asOf: BusinessDate? = nil, atSeq: Int64? = nil) {
        self.asOf = asOf
        self.atSeq = atSeq
    }

    public static let end = ReplayPoint()

    /// Whether `event` is part of the state at this point. A back-dated event counts from its
    /// business date, wherever it stands in the journal.
    public func includes(_ event: Event) -> Bool {
        if let atSeq, event.seq > atSeq { return false }
        if let asOf, event.date > asOf { return false }
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
