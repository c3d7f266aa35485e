import BudgetText
/// 支出: a payment out of one fund source. It counts towards 全年执行数. As the treasury records
/// it, it may carry its voucher number (支付凭证号) and its economic and functional
/// classification codes (经济分类, 功能分类); a payment that corrects an earlier one (`budget
/// amend`) names it.
public struct Disbursement: Equatable, Sendable {
    public internal(set) var project: String
    public internal(set) var amount: Money
    public internal(set) var voucher: String?
    public internal(set) var economicClass: String?
    public internal(set) var functionalClass: String?
    public internal(set) var payee: String?
    public internal(set) var memo: String?
    /// The seq of the payment this one corrects, reversed in the same batch.
    public internal(set) var amends: Int64?
    /// Last: its one byte follows the nine of `amends`, where after `project` it took a word of
    /// eight (a batch of a hundred thousand drafts holds as many of these; see `PaymentDraft`).
    public internal(set) var source: FundSource

    public init(project: String, source: FundSource, amount: Money, voucher: String? = nil, economicClass: String? = nil,
                functionalClass: String? = nil, payee: String? = nil, memo: String? = nil, amends: Int64? = nil) {
        self.project = project; self.source = source; self.amount = amount; self.voucher = voucher
        self.economicClass = economicClass; self.functionalClass = functionalClass; self.payee = payee; self.memo = memo
        self.amends = amends
    }
}

extension Disbursement {
    /// This payment with the fields given changed, naming `target` as the payment it corrects.
    public func corrected(amending target: Int64, amount: Money? = nil, voucher: String? = nil, economicClass: String? = nil,
                          functionalClass: String? = nil, payee: String? = nil, memo: String? = nil) -> Disbursement {
        Disbursement(project: project, source: source, amount: amount ?? self.amount, voucher: voucher ?? self.voucher,
                     economicClass: economicClass ?? self.economicClass, functionalClass: functionalClass ?? self.functionalClass,
                     payee: payee ?? self.payee, memo: memo ?? self.memo, amends: target)
    }
}

extension Disbursement: ProjectPayload {
    public static let kind = EventKind(name: "disbursement.made", label: "支出")
    public static let fields: [EventField<Self>] = [
        .required("project", \.project, .identifier), .required("source", \.source), .required("amount", \.amount, .positive),
        .optional("voucher", \.voucher, .voucher), .optional("class", \.economicClass, .classCode),
        .optional("function", \.functionalClass, .classCode), .optional("payee", \.payee), .optional("memo", \.memo),
        .optional("amends", \.amends, .range(1...Int64(Limits.eventsMax))),
    ]
    public static let blank = Disbursement(project: "", source: .current, amount: .zero)
    public var body: EventBody { .disbursed(self) }
    public var movements: Movements { Movements(Self.movement(project: project, source: source, amount: amount)) }

    /// A payment moves its project's executed figure, of one source, by its amount.
    public static func movement(project: String, source: FundSource, amount: Money) -> Movement {
        Movement(project: project, source: source, figure: .executed, fen: amount.fen)
    }
    public var summary: Message {
        summaryWords(source.rawValue, amount.yuanText, voucher.map { "凭证 \($0)" }, economicClass.map(ClassCatalogue.economic.label),
                     functionalClass.map { "功能 " + ClassCatalogue.functional.label(of: $0) }, payee, memo, amends.map { "(更正 #\($0))" })
    }
    public var remark: String? { memo }
}
