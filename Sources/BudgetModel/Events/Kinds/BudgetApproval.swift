import BudgetText
/// 年初预算: budget approved at the start of the year for one fund source.
public struct BudgetApproval: Equatable, Sendable {
    public internal(set) var project: String
    public internal(set) var source: FundSource
    public internal(set) var amount: Money
    public internal(set) var memo: String?

    public init(project: String, source: FundSource, amount: Money, memo: String? = nil) {
        self.project = project; self.source = source; self.amount = amount; self.memo = memo
    }
}

extension BudgetApproval: ProjectPayload {
    public static let kind = EventKind(name: "budget.approved", label: "年初预算")
    public static let fields: [EventField<Self>] = [
        .required("project", \.project, .identifier), .required("source", \.source), .required("amount", \.amount, .positive),
        .optional("memo", \.memo),
    ]
    public static let blank = BudgetApproval(project: "", source: .current, amount: .zero)
    public var body: EventBody { .budgetApproved(self) }
    public var movements: Movements { Movements(Movement(project: project, source: source, figure: .approved, fen: amount.fen)) }
    public var summary: Message { summaryWords(source.rawValue, amount.yuanText, memo) }
    public var remark: String? { memo }
}
