import BudgetText
import BudgetModel

enum AdjustCommand {
    static let command = Command(
        spec: CommandSpec(
            name: "adjust", summary: Message(.adjustSourceSBudgetDuring),
            positionals: ["ID", "±AMOUNT"],
            options: [CommonOptions.source, CommonOptions.date, .init(name: "reason", value: "TEXT", required: true, help: Message(.whyBudgetChanged)), CommonOptions.key],
            example: "budget adjust bzgl-2023 -11.23万 --source current --date 2023-07-01 --reason 压减一般性支出",
            details: CommonOptions.amountHelp + Message(.cutMayNotLeaveLess)),
        run: { arguments, context in
            let adjustment = BudgetAdjustment(project: try arguments.identifier(0, "ID"), source: try arguments.source(),
                                              amount: try arguments.amount(1, "±AMOUNT", signed: true), reason: try arguments.requiredText("reason"))
            try context.record(arguments, .budgetAdjusted(adjustment))
        })
}
