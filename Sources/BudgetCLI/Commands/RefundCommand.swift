import BudgetModel

enum RefundCommand {
    static let command = Command(
        spec: CommandSpec(
            name: "refund", summary: "Give unspent budget back to the treasury (交回财政). It lowers the source's 全年预算.",
            positionals: ["ID", "AMOUNT"],
            options: [CommonOptions.source, CommonOptions.date] + CommonOptions.treasuryFields
                + [.init(name: "reason", value: "TEXT", required: true, help: "why the money goes back"), CommonOptions.key],
            example: "budget refund sbgz-2023 35万 --source current --date 2023-11-20 --reason 智控平台不再建设", details: CommonOptions.amountHelp),
        run: { arguments, context in
            let refund = TreasuryRefund(project: try arguments.identifier(0, "ID"), source: try arguments.source(),
                                        amount: try arguments.amount(1, "AMOUNT"), voucher: try arguments.voucher(),
                                        economicClass: try arguments.classCode("class", .economic),
                                        functionalClass: try arguments.classCode("function", .functional), reason: try arguments.requiredText("reason"))
            try context.record(arguments, .refunded(refund))
        })
}
