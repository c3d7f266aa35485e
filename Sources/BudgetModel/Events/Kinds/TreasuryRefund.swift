import BudgetText
/// 交回财政: unspent budget given back to the treasury. It lowers the source's 全年预算. Like a
/// payment, it may carry its voucher number and classification codes, and name the refund it corrects.
public struct TreasuryRefund: Equatable, Sendable {
    public internal(set) var project: String
    public internal(set) var source: FundSource
    public internal(set) var amount: Money
    public internal(set) var voucher: String?
    public internal(set) var economicClass: String?
    public internal(set) var functionalClass: String?
    public internal(set) var reason: String
    /// The seq of the refund this one corrects, reversed in the same batch.
    public internal(set) var amends: Int64?

    public init(project: String, source: FundSource, amount: Money, voucher: String? = nil, economicClass: String? = nil,
                functionalClass: String? = nil, reason: String, amends: Int64? = nil) {
        self.project = project; self.source = source; self.amount = amount; self.voucher = voucher
        self.economicClass = economicClass; self.functionalClass = functionalClass; self.reason = reason; self.amends = amends
    }
}

extension TreasuryRefund {
    /// This refund with the fields given changed, naming `target` as the refund it corrects.
    public func corrected(amending target: Int64, amount: Money? = nil, voucher: String? = nil, economicClass: String? = nil,
                          functionalClass: String? = nil) -> TreasuryRefund {
        TreasuryRefund(project: project, source: source, amount: amount ?? self.amount, voucher: voucher ?? self.voucher,
                       economicClass: economicClass ?? self.economicClass, functionalClass: functionalClass ?? self.functionalClass,
                       reason: reason, amends: target)
    }
}

extension TreasuryRefund: ProjectPayload {
    public static let kind = EventKind(name: "treasury.refunded", label: "交回财政")
    public static let fields: [EventField<Self>] = [
        .required("project", \.project, .identifier), .required("source", \.source), .required("amount", \.amount, .positive),
        .optional("voucher", \.voucher, .voucher), .optional("class", \.economicClass, .classCode),
        .optional("function", \.functionalClass, .classCode), .required("reason", \.reason),
        .optional("amends", \.amends, .range(1...Int64(Limits.eventsMax))),
    ]
    public static let blank = TreasuryRefund(project: "", source: .current, amount: .zero, reason: "")
    public var body: EventBody { .refunded(self) }
    public var movements: Movements { Movements(Movement(project: project, source: source, figure: .refunded, fen: amount.fen)) }
    public var summary: Message {
        summaryWords(source.rawValue, amount.yuanText, voucher.map { "凭证 \($0)" }, economicClass.map(ClassCatalogue.economic.label),
                     functionalClass.map { "功能 " + ClassCatalogue.functional.label(of: $0) }, reason, amends.map { "(更正 #\($0))" })
    }
    public var remark: String? { reason }
}
