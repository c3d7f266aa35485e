import BudgetText
import BudgetModel
import BudgetProjections

enum ReverseCommand {
    static let command = Command(
        spec: CommandSpec(
            name: "reverse", summary: Message(.reverseEarlierEventOnlyWay),
            positionals: ["SEQ"],
            options: [CommonOptions.date, .init(name: "reason", value: "TEXT", required: true, help: Message(.whyEventWasWrong)), CommonOptions.key],
            example: "budget reverse 42 --date 2023-07-01 --reason 金额录入错误",
            details: Message(.reversalTakesEffectOnIts)),
        run: { arguments, context in
            let target = try arguments.seq(arguments.positional(0), "SEQ")
            let reason = try arguments.requiredText("reason")
            let date = try arguments.requiredDate()
            let key = try arguments.identifierOption("id")
            try context.record(drafting: { book, lookup in
                guard target <= book.headSeq, let original = try book.event(seq: target) ?? lookup.event(seq: target) else {
                    throw Rejection(.sEQThereIsNoEvent, target, target, book.headSeq)
                }
                return EventDraft(key: key, date: date, body: .reversed(Reversal(targetSeq: target, reason: reason, original: original.body)))
            })
        })
}
