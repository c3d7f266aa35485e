import BudgetModel

enum PayCommand {
    static let command = Command(
        spec: CommandSpec(
            name: "pay", summary: "Record a payment (支出) out of one fund source. It counts towards 全年执行数.",
            positionals: ["ID", "AMOUNT"],
            options: [CommonOptions.source, CommonOptions.date, .init(name: "payee", value: "TEXT", required: false, help: "who was paid"),
                      .init(name: "memo", value: "TEXT", required: false, help: "what for"), CommonOptions.key],
            example: "budget pay bzgl-2023 53.42万 --source current --date 2023-06-30 --payee 差旅 --memo 改革调研差旅费 --id pay-0001",
            details: CommonOptions.amountHelp + " A payment may not exceed what remains of its source's full-year budget on any date (无预算不支出)."),
        run: { arguments, context in
            let payment = Disbursement(project: try arguments.identifier(0, "ID"), source: try arguments.source(),
                                       amount: try arguments.amount(1, "AMOUNT"), payee: try arguments.text("payee"), memo: try arguments.text("memo"))
            try context.record(arguments, .disbursed(payment))
        })
}
