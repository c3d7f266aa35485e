import BudgetText
/// 预算调整: the budget of a source changed during the year, up or down. It moves 全年预算 only.
public struct BudgetAdjustment: Equatable, Sendable {
    public internal(set) var project: String
    public internal(set) var source: FundSource
    /// Signed: negative lowers the full-year budget.
    public internal(set) var amount: Money
    public internal(set) var reason: String

    public init(project: String, source: FundSource, amount: Money, reason: String) {
        self.project = project; self.source = source; self.amount = amount; self.reason = reason
    }
}

extension BudgetAdjustment: ProjectPayload {
    public static let kind = EventKind(name: "budget.adjusted", label: "预算调整")
    public static let fields: [EventField<Self>] = [
        .required("project", \.project, .identifier), .required("source", \.source), .required("amount", \.amount, .nonZero),
        .required("reason", \.reason),
    ]
    public static let blank = BudgetAdjustment(project: "", source: .current, amount: .zero, reason: "")
    public var body: EventBody { .budgetAdjusted(self) }
    public var movements: Movements { Movements(Movement(project: project, source: source, figure: .adjusted, fen: amount.fen)) }
    public var summary: Message { summaryWords(source.rawValue, (amount.fen > 0 ? "+" : "") + amount.yuanText, reason) }
    public var remark: String? { reason }
}
