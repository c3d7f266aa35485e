import BudgetText
import BudgetModel

enum RefundCommand {
    static let command = Command(
        spec: CommandSpec(
            name: "refund", summary: Message(.giveUnspentBudgetBackTo),
            positionals: ["ID", "AMOUNT"],
            options: [CommonOptions.source, CommonOptions.date] + CommonOptions.treasuryFields
                + [.init(name: "reason", value: "TEXT", required: true, help: Message(.whyMoneyGoesBack)), CommonOptions.key],
            example: "budget refund sbgz-2023 35万 --source current --date 2023-11-20 --reason 智控平台不再建设", details: CommonOptions.amountHelp),
        run: { arguments, context in
            let refund = TreasuryRefund(project: try arguments.identifier(0, "ID"), source: try arguments.source(),
                                        amount: try arguments.amount(1, "AMOUNT"), voucher: try arguments.voucher(),
                                        economicClass: try arguments.classCode("class", .economic),
                                        functionalClass: try arguments.classCode("function", .functional), reason: try arguments.requiredText("reason"))
            try context.record(arguments, .refunded(refund))
        })
}
