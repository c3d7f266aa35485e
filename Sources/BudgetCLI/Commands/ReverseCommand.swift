import BudgetModel
import BudgetProjections

enum ReverseCommand {
    static let command = Command(
        spec: CommandSpec(
            name: "reverse", summary: "Reverse an earlier event (冲销): the only way to correct one. The journal keeps both.",
            positionals: ["SEQ"],
            options: [CommonOptions.date, .init(name: "reason", value: "TEXT", required: true, help: "why the event was wrong"), CommonOptions.key],
            example: "budget reverse 42 --date 2023-07-01 --reason 金额录入错误",
            details: "A reversal takes effect on its own date, which may not precede the event it reverses. Project registrations and reversals cannot be reversed."),
        run: { arguments, context in
            let target = try arguments.seq(arguments.positional(0), "SEQ")
            let reason = try arguments.requiredText("reason")
            let date = try arguments.requiredDate()
            let key = try arguments.identifierOption("id")
            try context.record(drafting: { book, lookup in
                guard target <= book.headSeq, let original = try book.event(seq: target) ?? lookup.event(seq: target) else {
                    throw Rejection("SEQ \(target): there is no event #\(target) (the journal ends at #\(book.headSeq))")
                }
                return EventDraft(key: key, date: date, body: .reversed(Reversal(targetSeq: target, reason: reason, original: original.body)))
            })
        })
}
