/// Options several commands share, written once.
enum CommonOptions {
    static let source = CommandSpec.Option(name: "source", value: "S", required: true, help: "fund source: current (当年财政拨款), carryover (上年结转资金) or other (其他资金)")
    static let date = CommandSpec.Option(name: "date", value: "DATE", required: true, help: "business date, YYYY-MM-DD, inside the project's fiscal year")
    static let key = CommandSpec.Option(name: "id", value: "KEY", required: false, help: "idempotency key: a retry with the same key is recorded once")
    static let amountHelp = "AMOUNT is yuan with at most two decimals (1234.5, 1,234.50, 1234.50元) or 万元 with the suffix 万 (53.42万)."
}
