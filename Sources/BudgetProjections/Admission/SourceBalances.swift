import BudgetModel

/// A project's balance timeline for each fund source: one place a source, found by the source's
/// ordinal, not a dictionary that hashes the source for each of the million payments a journal
/// moves.
struct SourceBalances: Sendable {
    /// Empty where `present` has no bit for the source.
    private var timelines = [BalanceTimeline](repeating: BalanceTimeline(), count: FundSource.allCases.count)
    private var present: UInt8 = 0

    subscript(source: FundSource) -> BalanceTimeline? {
        get { present & 1 << source.ordinal != 0 ? timelines[source.ordinal] : nil }
        set {
            timelines[source.ordinal] = newValue ?? BalanceTimeline()
            if newValue == nil { present &= ~(1 << source.ordinal) } else { present |= 1 << source.ordinal }
        }
    }

    /// The timeline of `source`, begun empty when there is none; changed where it lies.
    subscript(source: FundSource, default empty: @autoclosure () -> BalanceTimeline) -> BalanceTimeline {
        get { self[source] ?? empty() }
        _modify {
            if present & 1 << source.ordinal == 0 {
                timelines[source.ordinal] = empty()
                present |= 1 << source.ordinal
            }
            yield &timelines[source.ordinal]
        }
    }
}

extension SourceBalances: Equatable {
    /// The same timeline for each source, or none for both.
    static func == (a: SourceBalances, b: SourceBalances) -> Bool {
        FundSource.allCases.allSatisfy { a[$0] == b[$0] }
    }
}
