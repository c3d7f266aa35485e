import BudgetText

/// Options several commands share, written once.
enum CommonOptions {
    static let source = CommandSpec.Option(name: "source", value: "S", required: true, help: Message(.fundSourceCurrentCarryoverOr))
    static let date = CommandSpec.Option(name: "date", value: "DATE", required: true, help: Message(.businessDateYYYYMMDD2))
    static let key = CommandSpec.Option(name: "id", value: "KEY", required: false, help: Message(.idempotencyKeyRetryWithSame))
    static let voucher = CommandSpec.Option(name: "voucher", value: "NO", required: false, help: Message(.treasuryVoucherNumberOnePayment))
    static let economicClass = CommandSpec.Option(name: "class", value: "CODE", required: false, help: Message(.economicClassificationEGBudget))
    static let functionalClass = CommandSpec.Option(name: "function", value: "CODE", required: false, help: Message(.functionalClassificationEG))
    /// The options of the treasury's fields of a payment or a refund.
    static let treasuryFields = [voucher, economicClass, functionalClass]
    static let amountHelp = Message(.aMOUNTIsYuanWithAt)
}
