/// 交回财政: unspent budget given back to the treasury. It lowers the source's 全年预算.
public struct TreasuryRefund: Equatable, Sendable {
    public internal(set) var project: String
    public internal(set) var source: FundSource
    public internal(set) var amount: Money
    public internal(set) var reason: String

    public init(project: String, source: FundSource, amount: Money, reason: String) {
        self.project = project; self.source = source; self.amount = amount; self.reason = reason
    }
}

extension TreasuryRefund: ProjectPayload {
    public static let kind = EventKind(name: "treasury.refunded", label: "交回财政")
    public static let fields: [EventField<Self>] = [
        .required("project", \.project, .identifier), .required("source", \.source), .required("amount", \.amount, .positive),
        .required("reason", \.reason),
    ]
    public static let blank = TreasuryRefund(project: "", source: .current, amount: .zero, reason: "")
    public var body: EventBody { .refunded(self) }
    public var movements: Movements { Movements(Movement(project: project, source: source, figure: .refunded, fen: amount.fen)) }
    public var summary: String { summaryWords(source.rawValue, amount.yuanText, reason) }
    public var remark: String? { reason }
}
