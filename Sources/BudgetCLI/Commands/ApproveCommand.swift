import BudgetText
import BudgetModel

enum ApproveCommand {
    static let command = Command(
        spec: CommandSpec(
            name: "approve", summary: Message(.recordBudgetApprovedAtStart),
            positionals: ["ID", "AMOUNT"],
            options: [CommonOptions.source, CommonOptions.date, .init(name: "memo", value: "TEXT", required: false, help: Message(.noteHelp)), CommonOptions.key],
            example: "budget approve bzgl-2023 128万 --source current --date 2023-01-10", details: CommonOptions.amountHelp),
        run: { arguments, context in
            let approval = BudgetApproval(project: try arguments.identifier(0, "ID"), source: try arguments.source(),
                                          amount: try arguments.amount(1, "AMOUNT"), memo: try arguments.text("memo"))
            try context.record(arguments, .budgetApproved(approval))
        })
}
