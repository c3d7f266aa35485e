import BudgetModel
import BudgetProjections

/// `amend`: a payment or a refund corrected in one step — its reversal and the corrected event,
/// written as one batch, the second naming the first's target.
enum AmendCommand {
    static let command = Command(
        spec: CommandSpec(
            name: "amend", summary: "Correct a payment or a refund in one step (更正): its reversal and the corrected event, written together.",
            positionals: ["SEQ"],
            options: [.init(name: "amount", value: "AMOUNT", required: false, help: "the corrected amount"),
                      .init(name: "date", value: "DATE", required: false, help: "the corrected business date")]
                + CommonOptions.treasuryFields
                + [.init(name: "payee", value: "TEXT", required: false, help: "the corrected payee (a payment's)"),
                   .init(name: "memo", value: "TEXT", required: false, help: "the corrected memo (a payment's)"),
                   .init(name: "reason", value: "TEXT", required: true, help: "why the event was wrong"), CommonOptions.key],
            example: "budget amend 42 --amount 5342.00 --class 30211 --reason 金额录入错误",
            details: "Fields not given keep their values. The reversal is dated as the event it reverses; the corrected event "
                + "on --date, else on the same date. Both are written in one batch: a crash leaves both or neither. "
                + "The corrected event keeps the voucher (its first, now reversed, no longer holds it). With --id, a retry "
                + "is recorded once."),
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
            guard !changes.isEmpty else { throw UsageError("nothing to correct: give --amount, --date, --voucher, --class, --function, --payee or --memo") }
            try context.recordBatch(about: []) { book, lookup in
                guard let original = try book.event(seq: target) ?? lookup.event(seq: target) else {
                    throw Rejection("SEQ \(target): there is no event #\(target) (the journal ends at #\(book.headSeq))")
                }
                let corrected: EventBody
                switch original.body {
                case .disbursed(let payment):
                    corrected = .disbursed(payment.corrected(amending: target, amount: amount, voucher: voucher, economicClass: economic,
                                                             functionalClass: functional, payee: payee, memo: memo))
                case .refunded(let refund):
                    if payee != nil || memo != nil { throw UsageError("--payee and --memo are a payment's: #\(target) is a refund, whose reason stands") }
                    corrected = .refunded(refund.corrected(amending: target, amount: amount, voucher: voucher, economicClass: economic,
                                                           functionalClass: functional))
                default:
                    throw Rejection("#\(target) is \(original.body.kind.name): only a payment or a refund is amended; reverse it and record it anew")
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
