import BudgetModel

enum PayCommand {
    static let command = Command(
        spec: CommandSpec(
            name: "pay", summary: "Record a payment (支出) out of one fund source. It counts towards 全年执行数.",
            positionals: ["ID", "AMOUNT"],
            options: [CommonOptions.source, CommonOptions.date] + CommonOptions.treasuryFields
                + [.init(name: "payee", value: "TEXT", required: false, help: "who was paid"),
                   .init(name: "memo", value: "TEXT", required: false, help: "what for"), CommonOptions.key],
            example: "budget pay bzgl-2023 53.42万 --source current --date 2023-06-30 --voucher 2023-0417 --class 30211 --payee 差旅 --memo 改革调研差旅费",
            details: CommonOptions.amountHelp + " A payment may not exceed what remains of its source's full-year budget on any date (无预算不支出). "
                + "A voucher number is on one payment that stands: a second is refused until the first is reversed (or corrected with `budget amend`). "
                + "--class and --function take a code, the code with its name (\"30211 差旅费\") or the name alone."),
        run: { arguments, context in
            let payment = Disbursement(project: try arguments.identifier(0, "ID"), source: try arguments.source(),
                                       amount: try arguments.amount(1, "AMOUNT"), voucher: try arguments.voucher(),
                                       economicClass: try arguments.classCode("class", .economic),
                                       functionalClass: try arguments.classCode("function", .functional),
                                       payee: try arguments.text("payee"), memo: try arguments.text("memo"))
            try context.record(arguments, .disbursed(payment))
        })
}
