import BudgetModel

/// The figures of one fund source of one project, as the fund block of the form shows them.
/// Every amount is a running sum of event amounts; the admission checks bound a project's gross
/// movement well inside Int64, so these sums cannot overflow.
public struct FundFigures: Equatable, Sendable {
    /// Approvals plus money carried in: 年初预算数.
    public var initial = Money.zero
    /// Net adjustments during the year.
    public var adjusted = Money.zero
    /// 交回财政: given back to the treasury.
    public var refunded = Money.zero
    /// 全年执行数: paid out.
    public var executed = Money.zero
    /// 结转: moved on to a project of a later year.
    public var carriedOut = Money.zero

    public init() {}

    /// 全年预算数: the budget after adjustments and refunds.
    public var fullYear: Money { Money(fen: initial.fen + adjusted.fen - refunded.fen) }
    /// Budget neither spent, refunded nor carried over.
    public var remaining: Money { Money(fen: fullYear.fen - executed.fen - carriedOut.fen) }
    /// 执行率 = executed ÷ full-year, nil when there is no full-year budget.
    public var rate: Rate? { Rate.of(executed, over: fullYear) }

    /// Sums two sources' figures into the total row.
    public static func + (a: FundFigures, b: FundFigures) -> FundFigures {
        var sum = FundFigures()
        sum.initial = Money(fen: a.initial.fen + b.initial.fen)
        sum.adjusted = Money(fen: a.adjusted.fen + b.adjusted.fen)
        sum.refunded = Money(fen: a.refunded.fen + b.refunded.fen)
        sum.executed = Money(fen: a.executed.fen + b.executed.fen)
        sum.carriedOut = Money(fen: a.carriedOut.fen + b.carriedOut.fen)
        return sum
    }
}

/// A project's fund block: one row per source. The total is derived, never stored, so it
/// cannot disagree with its parts.
public struct FundTable: Equatable, Sendable {
    public var current = FundFigures()
    public var carryover = FundFigures()
    public var other = FundFigures()

    public init() {}

    public subscript(source: FundSource) -> FundFigures {
        get {
            switch source {
            case .current: return current
            case .carryover: return carryover
            case .other: return other
            }
        }
        set {
            switch source {
            case .current: current = newValue
            case .carryover: carryover = newValue
            case .other: other = newValue
            }
        }
    }

    /// 年度资金总额
    public var total: FundFigures { current + carryover + other }
}
