import BudgetModel
import BudgetProjections

/// `annotate`: an earlier event's memo corrected, without moving money.
enum AnnotateCommand {
    static let command = Command(
        spec: CommandSpec(
            name: "annotate", summary: "Correct the memo of an earlier event (备注更正), such as an approval's 批复文号. No money moves.",
            positionals: ["SEQ"],
            options: [.init(name: "memo", value: "TEXT", required: true, help: "what the memo should read"),
                      .init(name: "reason", value: "TEXT", required: true, help: "why it is corrected"),
                      .init(name: "date", value: "DATE", required: false, help: "business date (default: the event's own)"), CommonOptions.key],
            example: "budget annotate 12 --memo 财预〔2023〕12号 --reason 批复文号录入错误",
            details: "The event keeps its line; `log` and `trace` show the correction beside it. A later annotation of the same event supersedes."),
        run: { arguments, context in
            let target = try arguments.seq(arguments.positional(0), "SEQ")
            let memo = try arguments.requiredText("memo"), reason = try arguments.requiredText("reason")
            let date = try arguments.date()
            let key = try arguments.identifierOption("id")
            try context.record(drafting: { book, lookup in
                guard let original = try book.event(seq: target) ?? lookup.event(seq: target) else {
                    throw Rejection("SEQ \(target): there is no event #\(target) (the journal ends at #\(book.headSeq))")
                }
                return EventDraft(key: key, date: date ?? original.date,
                                  body: .annotated(Annotation(targetSeq: target, project: original.body.project, memo: memo, reason: reason)))
            })
        })
}
