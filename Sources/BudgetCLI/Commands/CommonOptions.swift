/// Options several commands share, written once.
enum CommonOptions {
    static let source = CommandSpec.Option(name: "source", value: "S", required: true, help: "fund source: current (当年财政拨款), carryover (上年结转资金) or other (其他资金)")
    static let date = CommandSpec.Option(name: "date", value: "DATE", required: true, help: "business date, YYYY-MM-DD, inside the project's fiscal year")
    static let key = CommandSpec.Option(name: "id", value: "KEY", required: false, help: "idempotency key: a retry with the same key is recorded once")
    static let voucher = CommandSpec.Option(name: "voucher", value: "NO", required: false, help: "treasury voucher number (支付凭证号): one payment that stands per voucher")
    static let economicClass = CommandSpec.Option(name: "class", value: "CODE", required: false, help: "economic classification (经济分类), e.g. 30211 差旅费; `budget classes` lists them")
    static let functionalClass = CommandSpec.Option(name: "function", value: "CODE", required: false, help: "functional classification (功能分类), e.g. 20106 财政事务")
    /// The options of the treasury's fields of a payment or a refund.
    static let treasuryFields = [voucher, economicClass, functionalClass]
    static let amountHelp = "AMOUNT is yuan with at most two decimals (1234.5, 1,234.50, 1234.50元) or 万元 with the suffix 万 (53.42万)."
}
