import BudgetText
import BudgetModel

enum PayCommand {
    static let command = Command(
        spec: CommandSpec(
            name: "pay", summary: Message(.recordPaymentOutOfOne),
            positionals: ["ID", "AMOUNT"],
            options: [CommonOptions.source, CommonOptions.date] + CommonOptions.treasuryFields
                + [.init(name: "payee", value: "TEXT", required: false, help: Message(.whoWasPaid)),
                   .init(name: "memo", value: "TEXT", required: false, help: Message(.whatFor)), CommonOptions.key],
            example: "budget pay bzgl-2023 53.42万 --source current --date 2023-06-30 --voucher 2023-0417 --class 30211 --payee 差旅 --memo 改革调研差旅费",
            details: CommonOptions.amountHelp + Message(.paymentMayNotExceedWhat)
                + Message(.voucherNumberIsOnOne)
                + Message(.classAndFunctionTakeCode)),
        run: { arguments, context in
            let payment = Disbursement(project: try arguments.identifier(0, "ID"), source: try arguments.source(),
                                       amount: try arguments.amount(1, "AMOUNT"), voucher: try arguments.voucher(),
                                       economicClass: try arguments.classCode("class", .economic),
                                       functionalClass: try arguments.classCode("function", .functional),
                                       payee: try arguments.text("payee"), memo: try arguments.text("memo"))
            try context.record(arguments, .disbursed(payment))
        })
}
