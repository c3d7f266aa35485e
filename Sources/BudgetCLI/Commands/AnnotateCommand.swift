import BudgetText
import BudgetModel
import BudgetProjections

/// `annotate`: an earlier event's memo corrected, without moving money.
enum AnnotateCommand {
    static let command = Command(
        spec: CommandSpec(
            name: "annotate", summary: Message(.correctMemoOfEarlierEvent),
            positionals: ["SEQ"],
            options: [.init(name: "memo", value: "TEXT", required: true, help: Message(.whatMemoShouldRead)),
                      .init(name: "reason", value: "TEXT", required: true, help: Message(.whyItIsCorrected)),
                      .init(name: "date", value: "DATE", required: false, help: Message(.businessDateDefaultEventS)), CommonOptions.key],
            example: "budget annotate 12 --memo 财预〔2023〕12号 --reason 批复文号录入错误",
            details: Message(.eventKeepsItsLineLog)),
        run: { arguments, context in
            let target = try arguments.seq(arguments.positional(0), "SEQ")
            let memo = try arguments.requiredText("memo"), reason = try arguments.requiredText("reason")
            let date = try arguments.date()
            let key = try arguments.identifierOption("id")
            try context.record(drafting: { book, lookup in
                guard let original = try book.event(seq: target) ?? lookup.event(seq: target) else {
                    throw Rejection(.sEQThereIsNoEvent, target, target, book.headSeq)
                }
                return EventDraft(key: key, date: date ?? original.date,
                                  body: .annotated(Annotation(targetSeq: target, project: original.body.project, memo: memo, reason: reason)))
            })
        })
}
