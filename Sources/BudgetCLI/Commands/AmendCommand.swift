import BudgetText
import BudgetModel
import BudgetProjections

/// `amend`: a payment or a refund corrected in one step — its reversal and the corrected event,
/// written as one batch, the second naming the first's target.
enum AmendCommand {
    static let command = Command(
        spec: CommandSpec(
            name: "amend", summary: Message(.correctPaymentOrRefundIn),
            positionals: ["SEQ"],
            options: [.init(name: "amount", value: "AMOUNT", required: false, help: Message(.correctedAmount)),
                      .init(name: "date", value: "DATE", required: false, help: Message(.correctedBusinessDate))]
                + CommonOptions.treasuryFields
                + [.init(name: "payee", value: "TEXT", required: false, help: Message(.correctedPayeePaymentS)),
                   .init(name: "memo", value: "TEXT", required: false, help: Message(.correctedMemoPaymentS)),
                   .init(name: "reason", value: "TEXT", required: true, help: Message(.whyEventWasWrong)), CommonOptions.key],
            example: "budget amend 42 --amount 5342.00 --class 30211 --reason 金额录入错误",
            details: Message(.fieldsNotGivenKeepTheir)
                + Message(.onDateElseOnSame)
                + Message(.correctedEventKeepsVoucherIts)
                + Message(.isRecordedOnce)),
        run: { arguments, context in
            let target = try arguments.seq(arguments.positional(0), "SEQ")
            let reason = try arguments.requiredText("reason")
            let key = try arguments.identifierOption("id")
            let amount = try arguments.options["amount"].map { text throws(UsageError) in try arguments.amount(text, "--amount") }
            let date = try arguments.date()
            let voucher = try arguments.voucher()
            let economic = try arguments.classCode("class", .economic)
            let functional = try arguments.classCode("function", .functional)
            let payee = try arguments.text("payee"), memo = try arguments.text("memo")
            let changes = ["amount", "date", "voucher", "class", "function", "payee", "memo"].filter { arguments.options[$0] != nil }
            guard !changes.isEmpty else { throw UsageError(.nothingToCorrectGiveAmount) }
            try context.recordBatch(about: []) { book, lookup in
                guard let original = try book.event(seq: target) ?? lookup.event(seq: target) else {
                    throw Rejection(.sEQThereIsNoEvent, target, target, book.headSeq)
                }
                let corrected: EventBody
                switch original.body {
                case .disbursed(let payment):
                    corrected = .disbursed(payment.corrected(amending: target, amount: amount, voucher: voucher, economicClass: economic,
                                                             functionalClass: functional, payee: payee, memo: memo))
                case .refunded(let refund):
                    if payee != nil || memo != nil { throw UsageError(.payeeAndMemoArePayment, target) }
                    corrected = .refunded(refund.corrected(amending: target, amount: amount, voucher: voucher, economicClass: economic,
                                                           functionalClass: functional))
                default:
                    throw Rejection(.isOnlyPaymentOrRefund, target, original.body.kind.name)
                }
                let correction = EventDraft(key: key, date: date ?? original.date, body: corrected)
                // A retry of an amend recorded under this key: only the corrected event is asked
                // for again, which is acknowledged (or, with another body, refused).
                if let key, !(try lookup.events(withKey: key)).isEmpty { return [correction] }
                let reversal = EventDraft(key: nil, date: original.date, body: .reversed(Reversal(targetSeq: target, reason: reason, original: original.body)))
                return [reversal, correction]
            }
        })
}
