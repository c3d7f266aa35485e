/// The rows of a form's fund block (项目资金): the total (年度资金总额) and one per source.
public enum FormFundRow: String, CaseIterable, Hashable, Sendable, CustomStringConvertible {
    case total, current, carryover, other

    /// The fund source of the row; nil for the total.
    public var source: FundSource? { FundSource(rawValue: rawValue) }

    public var label: String { source?.label ?? "年度资金总额" }
    public var description: String { rawValue }
}

/// The unit a form prints its fund block in. The seed forms print 万元 with two decimals, so a
/// declared figure is exact only to 0.01 万元 (100 yuan), and is compared at that precision.
public enum DeclaredFundUnit: String, CaseIterable, Hashable, Sendable, CustomStringConvertible {
    case yuan = "元"
    case wan = "万元"

    /// The smallest step of a figure printed in this unit, in fen.
    public var stepFen: Int64 { self == .wan ? 10_000 : 1 }
    public var description: String { rawValue }
}

/// One row of a declared fund block, cell by cell as printed. A blank cell is nil: the form
/// said nothing, which is not the same as printing 0.
public struct DeclaredFigures: Equatable, Sendable {
    /// 年初预算数
    public internal(set) var initial: Money?
    /// 全年预算数
    public internal(set) var fullYear: Money?
    /// 全年执行数
    public internal(set) var executed: Money?
    /// 执行率
    public internal(set) var rate: Rate?

    public init(initial: Money? = nil, fullYear: Money? = nil, executed: Money? = nil, rate: Rate? = nil) {
        self.initial = initial; self.fullYear = fullYear; self.executed = executed; self.rate = rate
    }

    public var isBlank: Bool { initial == nil && fullYear == nil && executed == nil && rate == nil }
}

/// One indicator's score as the form prints it.
public struct DeclaredScore: Equatable, Sendable {
    public let indicator: String
    public let score: Points

    public init(indicator: String, score: Points) { self.indicator = indicator; self.score = score }
}
