/// 支出: a payment out of one fund source. It counts towards 全年执行数.
public struct Disbursement: Equatable, Sendable {
    public internal(set) var project: String
    public internal(set) var source: FundSource
    public internal(set) var amount: Money
    public internal(set) var payee: String?
    public internal(set) var memo: String?

    public init(project: String, source: FundSource, amount: Money, payee: String? = nil, memo: String? = nil) {
        self.project = project; self.source = source; self.amount = amount; self.payee = payee; self.memo = memo
    }
}

extension Disbursement: ProjectPayload {
    public static let kind = EventKind(name: "disbursement.made", label: "支出")
    public static let fields: [EventField<Self>] = [
        .required("project", \.project, .identifier), .required("source", \.source), .required("amount", \.amount, .positive),
        .optional("payee", \.payee), .optional("memo", \.memo),
    ]
    public static let blank = Disbursement(project: "", source: .current, amount: .zero)
    public var body: EventBody { .disbursed(self) }
    public var movements: Movements { Movements(Movement(project: project, source: source, figure: .executed, fen: amount.fen)) }
    public var summary: String { summaryWords(source.rawValue, amount.yuanText, payee, memo) }
    public var remark: String? { memo }
}
