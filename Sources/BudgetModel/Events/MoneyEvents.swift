/// 年初预算: budget approved at the start of the year for one fund source.
public struct BudgetApproval: Equatable, Sendable {
    public let project: String
    public let source: FundSource
    public let amount: Money
    public let memo: String?

    public init(project: String, source: FundSource, amount: Money, memo: String? = nil) {
        self.project = project; self.source = source; self.amount = amount; self.memo = memo
    }
}

/// 预算调整: the budget of a source changed during the year, up or down. It moves 全年预算 only.
public struct BudgetAdjustment: Equatable, Sendable {
    public let project: String
    public let source: FundSource
    /// Signed: negative lowers the full-year budget.
    public let amount: Money
    public let reason: String

    public init(project: String, source: FundSource, amount: Money, reason: String) {
        self.project = project; self.source = source; self.amount = amount; self.reason = reason
    }
}

/// 支出: a payment out of one fund source. It counts towards 全年执行数.
public struct Disbursement: Equatable, Sendable {
    public let project: String
    public let source: FundSource
    public let amount: Money
    public let payee: String?
    public let memo: String?

    public init(project: String, source: FundSource, amount: Money, payee: String? = nil, memo: String? = nil) {
        self.project = project; self.source = source; self.amount = amount; self.payee = payee; self.memo = memo
    }
}

/// 交回财政: unspent budget given back to the treasury. It lowers the source's 全年预算.
public struct TreasuryRefund: Equatable, Sendable {
    public let project: String
    public let source: FundSource
    public let amount: Money
    public let reason: String

    public init(project: String, source: FundSource, amount: Money, reason: String) {
        self.project = project; self.source = source; self.amount = amount; self.reason = reason
    }
}

/// 结转: an unspent balance moved to a project of a later year, where it arrives as that
/// project's `carryover` source (上年结转资金), in both its 年初 and 全年 budgets. The sending
/// project keeps its full-year budget: carried money was budgeted but not executed.
public struct CarryOver: Equatable, Sendable {
    public let project: String
    public let source: FundSource
    public let amount: Money
    public let toProject: String
    public let memo: String?

    public init(project: String, source: FundSource, amount: Money, toProject: String, memo: String? = nil) {
        self.project = project; self.source = source; self.amount = amount; self.toProject = toProject; self.memo = memo
    }
}
