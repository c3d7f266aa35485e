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
    public let initial: Money?
    /// 全年预算数
    public let fullYear: Money?
    /// 全年执行数
    public let executed: Money?
    /// 执行率
    public let rate: Rate?

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

/// 自评表 as submitted (`form.declared`): the figures of a project's self-evaluation form exactly
/// as printed, mistakes included, so that `budget check` can reconcile the form with its own
/// arithmetic and with the ledger. A later declaration of the same project supersedes it.
public struct FormDeclaration: Equatable, Sendable {
    public let project: String
    public let fundUnit: DeclaredFundUnit
    /// The printed rows; a row left wholly blank is absent.
    public let funds: [FormFundRow: DeclaredFigures]
    /// 分值 of the execution row, when printed.
    public let executionWeight: Points?
    /// 得分 of the execution row.
    public let executionScore: Points?
    /// 得分 of each indicator row, by indicator id, in the form's order.
    public let indicatorScores: [DeclaredScore]
    /// The sum of the indicator scores, when the form prints one.
    public let indicatorScore: Points?
    /// 总分
    public let totalScore: Points?
    /// 评价等级, when the form prints one.
    public let grade: Grade?
    /// 偏差原因 given for the execution rate.
    public let executionReason: String?
    public let memo: String?

    public init(project: String, fundUnit: DeclaredFundUnit, funds: [FormFundRow: DeclaredFigures],
                executionWeight: Points? = nil, executionScore: Points? = nil, indicatorScores: [DeclaredScore] = [],
                indicatorScore: Points? = nil, totalScore: Points? = nil, grade: Grade? = nil,
                executionReason: String? = nil, memo: String? = nil) {
        self.project = project; self.fundUnit = fundUnit; self.funds = funds.filter { !$0.value.isBlank }
        self.executionWeight = executionWeight; self.executionScore = executionScore
        self.indicatorScores = indicatorScores; self.indicatorScore = indicatorScore
        self.totalScore = totalScore; self.grade = grade; self.executionReason = executionReason; self.memo = memo
    }

    public func figures(_ row: FormFundRow) -> DeclaredFigures { funds[row] ?? DeclaredFigures() }

    public func score(of indicator: String) -> Points? {
        indicatorScores.first { $0.indicator == indicator }?.score
    }

    /// Whether the declaration states anything at all: an empty one would supersede a real
    /// form with nothing.
    public var isEmpty: Bool {
        funds.isEmpty && executionWeight == nil && executionScore == nil && indicatorScores.isEmpty
            && indicatorScore == nil && totalScore == nil && grade == nil && executionReason == nil
    }
}
